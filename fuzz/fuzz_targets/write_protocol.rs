//! The write protocol against a server that answers anything: statuses, ETags and bodies from
//! the fuzzer (valid copies of the file, copies already holding the submission, another
//! survey, a newer format, garbage, network failures). It always ends; it writes only valid
//! files, each under the ETag of the read it came from and holding everything that read
//! held and the submission; and it reports success only when the file holds the submission.
#![no_main]

use std::cell::RefCell;

use arbitrary::Unstructured;
use candor::model::{self, Document, Submission};
use candor::storage::StoreError;
use candor::storage::native::block_on;
use candor::storage::protocol::{self, Precondition, Reply, Transport};
use candor_fuzz::{assert_keeps, submission, valid_document};
use libfuzzer_sys::fuzz_target;

/// What the server was asked and what it answered, in order.
enum Exchange {
    Read(Result<Reply, ()>),
    Write {
        body: Vec<u8>,
        precondition: Precondition,
    },
}

/// A server whose every answer comes from the fuzzer.
struct Scripted<'a> {
    input: RefCell<Unstructured<'a>>,
    copies: Vec<Vec<u8>>,
    log: RefCell<Vec<Exchange>>,
}

impl Scripted<'_> {
    fn failure(u: &mut Unstructured) -> StoreError {
        match u.int_in_range(0..=2u8).unwrap_or(0) {
            0 => StoreError::Offline,
            1 => StoreError::Timeout,
            _ => StoreError::Unreachable("/t.json".to_owned()),
        }
    }

    fn status(u: &mut Unstructured) -> u16 {
        let common = [
            200, 200, 200, 201, 204, 304, 400, 403, 404, 410, 412, 500, 503,
        ];
        if u.ratio(1, 8).unwrap_or(false) {
            u.arbitrary().unwrap_or(200)
        } else {
            *u.choose(&common).unwrap_or(&200)
        }
    }
}

impl Transport for Scripted<'_> {
    async fn get(&self, _url: &str) -> Result<Reply, StoreError> {
        let mut u = self.input.borrow_mut();
        if u.is_empty() || u.ratio(1, 10).unwrap_or(true) {
            self.log.borrow_mut().push(Exchange::Read(Err(())));
            return Err(Self::failure(&mut u));
        }
        let status = Self::status(&mut u);
        let etag = match u.int_in_range(0..=7u8).unwrap_or(0) {
            0 => None,
            1 => u.arbitrary::<String>().ok(),
            n => Some(format!("\"v{n}\"")),
        };
        let body = match u.int_in_range(0..=7u8).unwrap_or(0) {
            0 => u.arbitrary::<Vec<u8>>().unwrap_or_default(),
            1 => br#"{"format":"candor-survey","version":99}"#.to_vec(),
            2 => {
                // A copy cut short, as a proxy might.
                let copy = u.choose(&self.copies).cloned().unwrap_or_default();
                let cut = u.int_in_range(0..=copy.len()).unwrap_or(0);
                copy[..cut].to_vec()
            }
            _ => u.choose(&self.copies).cloned().unwrap_or_default(),
        };
        let reply = Reply { status, etag, body };
        self.log
            .borrow_mut()
            .push(Exchange::Read(Ok(reply.clone())));
        Ok(reply)
    }

    async fn put(
        &self,
        _url: &str,
        body: Vec<u8>,
        precondition: Precondition,
    ) -> Result<Reply, StoreError> {
        self.log
            .borrow_mut()
            .push(Exchange::Write { body, precondition });
        let mut u = self.input.borrow_mut();
        if u.ratio(1, 10).unwrap_or(true) {
            return Err(Self::failure(&mut u));
        }
        Ok(Reply {
            status: Self::status(&mut u),
            etag: Some("\"new\"".to_owned()),
            body: Vec::new(),
        })
    }

    async fn sleep(&self, _millis: u32) {}
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let Ok(Some(doc)) = valid_document(&mut u) else {
        return;
    };
    let Ok(submission) = submission(&mut u, &doc) else {
        return;
    };
    // The copies the server may hand out: the file, the file holding the submission already
    // (another tab delivered it), and the file of another survey.
    let mut copies = vec![model::to_canonical_bytes(&doc)];
    let mut holding = doc.clone();
    if holding.apply(&submission).is_ok() {
        copies.push(model::to_canonical_bytes(&holding));
    }
    let mut other = doc.clone();
    other.survey.id = "other".to_owned();
    copies.push(model::to_canonical_bytes(&other));
    let server = Scripted {
        input: RefCell::new(u),
        copies,
        log: RefCell::new(Vec::new()),
    };
    let result = block_on(protocol::submit(
        &server,
        "/t.json",
        &submission,
        &mut || 0.5,
    ));
    check(&server.log.into_inner(), &submission, &result);
});

fn check(log: &[Exchange], submission: &Submission, result: &Result<Document, StoreError>) {
    let mut last_read: Option<&Reply> = None;
    let mut last_write: Option<Document> = None;
    for exchange in log {
        match exchange {
            Exchange::Read(reply) => last_read = reply.as_ref().ok(),
            Exchange::Write { body, precondition } => {
                let read = last_read.expect("a write without a read before it");
                assert_eq!(read.status, 200, "a write after a failed read");
                let etag = read
                    .etag
                    .clone()
                    .expect("a write after a read without an ETag");
                assert_eq!(
                    *precondition,
                    Precondition::IfMatch(etag),
                    "not the read's ETag"
                );
                let before = model::load(&read.body).expect("a write after an invalid read");
                let written = model::load(body).expect("an invalid file was written");
                assert_eq!(body, &model::to_canonical_bytes(&written), "not canonical");
                assert!(written.holds(submission), "a write without the submission");
                assert_keeps(&before, &written);
                last_write = Some(written);
            }
        }
    }
    if let Ok(doc) = result {
        assert!(
            doc.holds(submission),
            "success, but the file does not hold it"
        );
        if let Some(written) = last_write {
            // The last write may have been refused, then the file read again held it.
            if !matches!(log.last(), Some(Exchange::Read(_))) {
                assert_eq!(doc, &written);
            }
        }
    }
}
