//! Sealing answers on the respondent's side and releasing rounds on the key holder's: the
//! glue between the file's records (`model`), the cryptography (`seal`) and the statistics
//! engine (`stats`).
//!
//! A respondent's answers become one sealed record and their comment another, with ids of
//! their own, so nothing in the file ties a comment to its writer's scores. The key holder
//! opens a round's records only inside [`publish`], which hands them to the engine and writes
//! exactly what the engine releases into the file as that round's published results. Nothing
//! here returns a single opened response to a caller that shows things.
//!
//! Pure: randomness is passed in as a `fill` function, as in `seal`.

use crate::model::{
    Answers, Document, Response, ResponseId, SealedRecord, Survey, to_canonical_bytes,
};
use crate::seal::{self, Binding, Kind, PublicKey, ResultsKey};
use crate::stats::{self, Opened};

/// Why sealing or releasing could not go ahead. The file is unchanged in every case.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReleaseError {
    #[error("this survey has no results key: its answers are not sealed")]
    NotSealed,
    #[error("the survey's results key in the file is damaged")]
    BadKey,
    #[error("this key does not belong to this survey: it opens none of its answers")]
    WrongKey,
    #[error("the comment is too long to seal")]
    CommentTooLong,
    #[error("these answers could not be sealed: {0}")]
    Seal(#[from] seal::SealError),
}

/// One record that could not be opened or whose content is not valid: reported per record,
/// never a panic, and the record stays in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordProblem {
    pub kind: Kind,
    pub round: String,
    pub reason: String,
}

/// What a respondent sends for one round: the sealed answers and, when they wrote one, the
/// sealed comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedResponse {
    pub answers: Option<SealedRecord>,
    pub comment: Option<SealedRecord>,
}

/// The survey's public key, checked.
fn public_key(doc: &Document) -> Result<PublicKey, ReleaseError> {
    let text = doc
        .survey
        .results_key
        .as_deref()
        .ok_or(ReleaseError::NotSealed)?;
    PublicKey::from_text(text).map_err(|_| ReleaseError::BadKey)
}

/// One record to seal: what goes in, what it is bound to, the size it is padded to. Made on
/// the page (no cryptography), sealed by [`SealJob::seal`] wherever the sealing code runs (the
/// respondent page's sealer worker, the tool).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealJob {
    pub kind: Kind,
    pub id: ResponseId,
    pub round: String,
    pub plaintext: Vec<u8>,
    pub padded_len: usize,
}

impl SealJob {
    /// Seals the job to `public` for `survey`: the record's text.
    pub fn seal(
        &self,
        survey: &str,
        public: &PublicKey,
        fill: &mut impl FnMut(&mut [u8]),
    ) -> Result<String, seal::SealError> {
        let id = self.id.to_string();
        let binding = Binding {
            kind: self.kind,
            survey,
            round: &self.round,
            id: &id,
        };
        seal::seal(public, &binding, &self.plaintext, self.padded_len, fill)
    }

    /// The record, once sealed.
    pub fn record(&self, sealed: String) -> SealedRecord {
        SealedRecord {
            id: self.id,
            round: self.round.clone(),
            sealed,
        }
    }
}

/// The records one response becomes, before sealing: its answers (padded to the survey's one
/// size) with `answers_id`, and its comment (padded to a coarse size) with `comment_id`, the
/// two fresh random ids. Checks that the survey is sealed and its key readable.
pub fn seal_jobs(
    survey: &Survey,
    round: &str,
    answers: &Answers,
    comment: Option<&str>,
    (answers_id, comment_id): (ResponseId, ResponseId),
) -> Result<Vec<SealJob>, ReleaseError> {
    public_key_text(survey)?;
    let mut jobs = Vec::with_capacity(2);
    if !answers.is_empty() {
        jobs.push(SealJob {
            kind: Kind::Answers,
            id: answers_id,
            round: round.to_owned(),
            plaintext: serde_json::to_vec(answers).unwrap_or_default(),
            padded_len: seal::answers_padded_len(survey.questions.iter().map(|q| q.id.as_str())),
        });
    }
    if let Some(text) = comment {
        jobs.push(SealJob {
            kind: Kind::Comment,
            id: comment_id,
            round: round.to_owned(),
            plaintext: text.as_bytes().to_vec(),
            padded_len: seal::comment_padded_len(text.len()).ok_or(ReleaseError::CommentTooLong)?,
        });
    }
    Ok(jobs)
}

/// The survey's results key as written in the file (checked for shape, not decoded, so the
/// page that only prepares jobs carries no key code).
pub fn public_key_text(survey: &Survey) -> Result<&str, ReleaseError> {
    let text = survey
        .results_key
        .as_deref()
        .ok_or(ReleaseError::NotSealed)?;
    if text.len() == 43 && seal::is_sealed_alphabet(text) {
        Ok(text)
    } else {
        Err(ReleaseError::BadKey)
    }
}

/// Seals one response to the survey's results key (jobs and sealing in one step, for the tool
/// and tests; the respondent page seals its jobs in the sealer worker).
pub fn seal_response(
    doc: &Document,
    round: &str,
    answers: &Answers,
    comment: Option<&str>,
    ids: (ResponseId, ResponseId),
    fill: &mut impl FnMut(&mut [u8]),
) -> Result<SealedResponse, ReleaseError> {
    let public = public_key(doc)?;
    let mut out = SealedResponse {
        answers: None,
        comment: None,
    };
    for job in seal_jobs(&doc.survey, round, answers, comment, ids)? {
        let record = job.record(job.seal(&doc.survey.id, &public, fill)?);
        match job.kind {
            Kind::Answers => out.answers = Some(record),
            Kind::Comment => out.comment = Some(record),
        }
    }
    Ok(out)
}

/// Checks that `key` is this survey's results key.
pub fn check_key(doc: &Document, key: &ResultsKey) -> Result<(), ReleaseError> {
    let public = doc
        .survey
        .results_key
        .as_deref()
        .ok_or(ReleaseError::NotSealed)?;
    if key.matches(public) {
        Ok(())
    } else {
        Err(ReleaseError::WrongKey)
    }
}

/// Opens one sealed record of `survey` with `key`: the cryptography of a release, the part
/// worth spreading over several threads (the reader worker hands slices of
/// [`records_to_release`] to helper workers).
pub fn open_record(
    survey: &str,
    key: &ResultsKey,
    kind: Kind,
    record: &SealedRecord,
) -> Result<Vec<u8>, seal::OpenError> {
    let id = record.id.to_string();
    let binding = Binding {
        kind,
        survey,
        round: &record.round,
        id: &id,
    };
    seal::open(key, &binding, &record.sealed)
}

/// What opening one record gave: its plaintext, or why it did not open (in words).
pub type OpenOutcome = Result<Vec<u8>, String>;

/// Whether a release opens `round`: closed, and without published results yet.
fn is_due(doc: &Document, round: &str) -> bool {
    doc.round(round)
        .is_some_and(|r| r.closed && doc.published(round).is_none())
}

/// The sealed records a release opens (those of closed rounds without published results),
/// answers first.
pub fn records_to_release(doc: &Document) -> Vec<(Kind, &SealedRecord)> {
    let answers = doc.sealed_answers.iter().map(|r| (Kind::Answers, r));
    let comments = doc.sealed_comments.iter().map(|r| (Kind::Comment, r));
    answers
        .chain(comments)
        .filter(|(_, r)| is_due(doc, &r.round))
        .collect()
}

/// Opens every sealed record of the given rounds through `open`. Records that do not open, or
/// whose content breaks the survey's rules (answers outside the scale, unknown questions, an
/// over-long comment), are left out and reported.
fn open_rounds(
    doc: &Document,
    wanted: &dyn Fn(&str) -> bool,
    open: &mut dyn FnMut(Kind, &SealedRecord) -> OpenOutcome,
) -> (Opened, Vec<RecordProblem>) {
    let mut opened = Opened::default();
    let mut problems = Vec::new();
    for (kind, records) in [
        (Kind::Answers, &doc.sealed_answers),
        (Kind::Comment, &doc.sealed_comments),
    ] {
        for record in records.iter().filter(|r| wanted(&r.round)) {
            let problem = |reason: String| RecordProblem {
                kind,
                round: record.round.clone(),
                reason,
            };
            let plaintext = match open(kind, record) {
                Ok(plaintext) => plaintext,
                Err(reason) => {
                    problems.push(problem(reason));
                    continue;
                }
            };
            match kind {
                Kind::Answers => match read_answers(doc, record, &plaintext) {
                    Ok(answers) => opened.answers.push((record.round.clone(), answers)),
                    Err(reason) => problems.push(problem(reason)),
                },
                Kind::Comment => match read_comment(&plaintext) {
                    Ok(text) => opened.comments.push((record.round.clone(), text)),
                    Err(reason) => problems.push(problem(reason)),
                },
            }
        }
    }
    (opened, problems)
}

/// The opener that opens each record here, with `key`.
fn opener<'a>(
    doc: &'a Document,
    key: &'a ResultsKey,
) -> impl FnMut(Kind, &SealedRecord) -> OpenOutcome + 'a {
    move |kind, record| open_record(&doc.survey.id, key, kind, record).map_err(|e| e.to_string())
}

/// Opened answers are checked like plain ones: known questions, within the scale.
fn read_answers(
    doc: &Document,
    record: &SealedRecord,
    plaintext: &[u8],
) -> Result<Answers, String> {
    let answers: Answers = serde_json::from_slice(plaintext)
        .map_err(|_| "its content is not a set of answers".to_owned())?;
    let response = Response {
        id: record.id,
        round: record.round.clone(),
        answers,
        comment: None,
    };
    match doc.response_problems(&response).first() {
        Some(problem) => Err(problem.kind.to_string()),
        None => Ok(response.answers),
    }
}

fn read_comment(plaintext: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(plaintext)
        .map_err(|_| "its comment is not text".to_owned())?
        .trim();
    // The rules of any comment in the file: not empty, not too long, no control characters
    // other than line breaks and tabs.
    match crate::model::comment_problem(text) {
        Some(problem) => Err(format!("its comment: {problem}")),
        None => Ok(text.to_owned()),
    }
}

/// What releasing did.
#[derive(Clone, Debug, PartialEq)]
pub struct Released {
    /// The file with the new published results (unchanged when `rounds` is empty).
    pub doc: Document,
    /// Ids of the rounds published now.
    pub rounds: Vec<String>,
    /// Records that could not be opened or were not valid (left out of the results, kept in
    /// the file).
    pub problems: Vec<RecordProblem>,
}

/// Publishes every closed round that has no published results yet: opens its records with the
/// key, computes it with every minimum, and adds exactly what the engine releases. Rounds
/// already published are never touched. `seed` orders the released comments.
pub fn publish(doc: &Document, key: &ResultsKey, seed: u64) -> Result<Released, ReleaseError> {
    OpenedAhead::default().publish(doc, key, seed)
}

/// Records opened ahead of a release (by the reader worker's helpers, from the file as first
/// read), each kept with the round and sealed text it was opened as. A release that must read
/// the file again (another write came first) uses an outcome only for the very same record:
/// whoever can write the file could otherwise move an opened record into another round, next
/// to records of their own, and learn its answers by subtraction. Any other record is opened
/// again, bound to where it is now (so a moved one does not open).
#[derive(Debug, Default)]
pub struct OpenedAhead(
    std::collections::HashMap<(Kind, ResponseId), (String, String, OpenOutcome)>,
);

impl OpenedAhead {
    /// Keeps what opening `record` (of `kind`) gave.
    pub fn insert(&mut self, kind: Kind, record: &SealedRecord, outcome: OpenOutcome) {
        self.0.insert(
            (kind, record.id),
            (record.round.clone(), record.sealed.clone(), outcome),
        );
    }

    /// The outcome kept for `record`, if it is exactly as it was opened.
    pub fn get(&self, kind: Kind, record: &SealedRecord) -> Option<&OpenOutcome> {
        match self.0.get(&(kind, record.id)) {
            Some((round, sealed, outcome))
                if *round == record.round && *sealed == record.sealed =>
            {
                Some(outcome)
            }
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// [`publish`], with the outcomes kept here for the records that are exactly as they were
    /// opened, and every other record opened now with `key`.
    pub fn publish(
        &self,
        doc: &Document,
        key: &ResultsKey,
        seed: u64,
    ) -> Result<Released, ReleaseError> {
        let mut open_now = opener(doc, key);
        let mut open = |kind, record: &SealedRecord| match self.get(kind, record) {
            Some(outcome) => outcome.clone(),
            None => open_now(kind, record),
        };
        publish_with(doc, key, seed, &mut open)
    }
}

/// [`publish`] with the records opened by `open`. `key` is checked against the file.
fn publish_with(
    doc: &Document,
    key: &ResultsKey,
    seed: u64,
    open: &mut dyn FnMut(Kind, &SealedRecord) -> OpenOutcome,
) -> Result<Released, ReleaseError> {
    check_key(doc, key)?;
    let due = |round: &str| is_due(doc, round);
    let (opened, problems) = open_rounds(doc, &due, open);
    let report = stats::report_opened(doc, Some(&opened), seed);
    let minimums = stats::effective_minimums(doc);
    let mut out = doc.clone();
    let mut rounds = Vec::new();
    for result in report.rounds().iter().filter(|r| due(r.round())) {
        if let Some(published) = stats::to_published(result, minimums) {
            rounds.push(published.round.clone());
            out.published.push(published);
        }
    }
    out.normalize();
    Ok(Released {
        doc: out,
        rounds,
        problems,
    })
}

/// The report a key holder sees before publishing: closed rounds computed from the opened
/// records (published ones as published), open rounds still without numbers. The same numbers
/// [`publish`] would write.
pub fn report_with_key(
    doc: &Document,
    key: &ResultsKey,
    seed: u64,
) -> Result<(stats::Report, Vec<RecordProblem>), ReleaseError> {
    check_key(doc, key)?;
    let closed = |round: &str| doc.round(round).is_some_and(|r| r.closed);
    let (opened, problems) = open_rounds(doc, &closed, &mut opener(doc, key));
    Ok((stats::report_opened(doc, Some(&opened), seed), problems))
}

/// Seals a survey from before sealing: sets its results key, seals every plain response in
/// place into records with fresh ids from `fresh_id` (answers and comment apart), tombstones
/// the plain responses' ids (so an old copy merged in later cannot bring them back), and
/// publishes every closed round. Afterwards the file holds no readable answer.
pub fn seal_survey(
    doc: &Document,
    key: &ResultsKey,
    fresh_id: &mut impl FnMut() -> ResponseId,
    fill: &mut impl FnMut(&mut [u8]),
    seed: u64,
) -> Result<Released, ReleaseError> {
    let mut out = doc.clone();
    out.survey.results_key = Some(key.public().to_text());
    out.survey.revision += 1;
    let plain = std::mem::take(&mut out.responses);
    for response in plain.iter().filter(|r| !doc.is_removed(r.id)) {
        let sealed = seal_response(
            &out,
            &response.round,
            &response.answers,
            response.comment.as_deref(),
            (fresh_id(), fresh_id()),
            fill,
        )?;
        out.sealed_answers.extend(sealed.answers);
        out.sealed_comments.extend(sealed.comment);
        out.removed.push(response.id);
    }
    out.normalize();
    publish(&out, key, seed)
}

/// The text of a key file for the secret key `key` (its text form): what it is and how to
/// keep it, then the key on a line of its own.
pub fn key_file(doc: &Document, key: &str) -> String {
    format!(
        "# Candor results key for the survey \"{}\" ({}).\n\
         # Whoever holds it can release closed rounds: keep it secret, and keep a copy.\n\
         # Without it, rounds not yet released can never be read.\n\
         {}\n",
        doc.survey.title.replace(['\n', '\r'], " "),
        doc.survey.id,
        key
    )
}

/// Reads a key (or a key file), or enough shares of a split key (share files, or share lines
/// pasted together, separated by spaces or line breaks): whatever is not a comment line.
pub fn read_key_file(text: &str) -> Result<ResultsKey, seal::KeyError> {
    let words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    match words.as_slice() {
        [key] if !seal::is_share(key) => ResultsKey::from_text(key),
        shares if !shares.is_empty() && shares.iter().all(|w| seal::is_share(w)) => {
            seal::combine(shares)
        }
        _ => Err(seal::KeyError::Malformed),
    }
}

/// The text of a file holding one share of a split key: which share, how many are needed, and
/// how to keep it.
pub fn share_file(doc: &Document, share: &str, number: usize, shares: usize, needed: u8) -> String {
    format!(
        "# Candor results key, share {number} of {shares}, for the survey \"{}\" ({}).\n\
         # Any {needed} shares together release closed rounds; one alone opens nothing.\n\
         # Keep it apart from the other shares, and keep a copy.\n\
         {share}\n",
        doc.survey.title.replace(['\n', '\r'], " "),
        doc.survey.id,
    )
}

/// The demo team's file as Candor ships it: sealed to the demo key (`DEMO_KEY`, published with
/// the demo so anyone can try releasing), every closed round published, the latest round open.
pub fn demo() -> Document {
    let key = demo_key();
    let plain = crate::model::synth::demo();
    let mut counter = 0u64;
    let mut fresh_id = || {
        counter += 1;
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&0xC0FF_EE00_u64.to_be_bytes());
        bytes[8..].copy_from_slice(&counter.to_be_bytes());
        ResponseId::from_random_bytes(seed_mix(bytes))
    };
    let mut stream = 0u64;
    // A fixed stream for the demo only, so the shipped file is the same on every build.
    let mut fill = |dst: &mut [u8]| {
        for b in dst {
            stream = stream.wrapping_add(0x9E37_79B9_7F4A_7C15);
            *b = (stream >> 56) as u8 ^ (stream >> 17) as u8;
        }
    };
    match seal_survey(&plain, &key, &mut fresh_id, &mut fill, 7) {
        Ok(released) => released.doc,
        // The demo is built from fixed, valid data; if sealing ever failed, the plain demo is
        // still a working file.
        Err(_) => plain,
    }
}

/// The demo's results key (text form). Not a secret: the demo's answers are made up.
pub const DEMO_KEY: &str = "ZGVtby1yZXN1bHRzLWtleS1ub3QtYS1zZWNyZXQtISE";

/// [`DEMO_KEY`] as a key.
pub fn demo_key() -> ResultsKey {
    ResultsKey::from_text(DEMO_KEY).unwrap_or_else(|_| ResultsKey::generate(&mut |b| b.fill(7)))
}

/// Spreads a counter over all 16 bytes so demo ids look like random ones.
fn seed_mix(mut bytes: [u8; 16]) -> [u8; 16] {
    let mut x = u128::from_be_bytes(bytes);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd_c4ce_b9fe_1a85_ec53);
    x ^= x >> 29;
    bytes = x.to_be_bytes();
    bytes
}

/// The canonical bytes of the shipped demo file.
pub fn demo_bytes() -> Vec<u8> {
    to_canonical_bytes(&demo())
}

#[cfg(test)]
mod tests;
