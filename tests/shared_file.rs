//! The shared-file protocol against a real server: lighttpd + mod_webdav on 127.0.0.1, with the
//! config the project ships. Many writers at once, and the faults a real server produces.
//! Run through scripts/test.sh, or `cargo test --features e2e --test shared_file`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/s3.rs"]
mod s3;
#[path = "support/server.rs"]
mod server;

use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use candor::model::{self, Answers, Document, Response, ResponseId, Submission, templates};
use candor::storage::native::{Http, block_on};
use candor::storage::{StoreError, protocol};
use s3::S3;
use server::{Result, Server};

fn team() -> Document {
    templates::starter("2026-11-01").expect("a valid date")
}

fn submission(i: u32) -> Submission {
    let mut bytes = [0u8; 16];
    bytes[..4].copy_from_slice(&i.to_be_bytes());
    bytes[4..8].copy_from_slice(&std::process::id().to_be_bytes());
    let mut answers = Answers::new();
    answers.insert("safety-2", (i % 7 + 1) as u8);
    Submission {
        survey: "team".into(),
        responses: vec![Response {
            id: ResponseId::from_random_bytes(bytes),
            round: "2026-11".into(),
            answers,
            comment: None,
        }],
        removed: vec![],
    }
}

/// A scratch folder for the server's document root.
fn empty_docroot() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("candor-docroot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stored(server: &Server) -> Result<Document> {
    Ok(model::load(&std::fs::read(server.data.join("team.json"))?)?)
}

/// `writers` phones submit at the same moment; each retries later (as its outbox would) until
/// the file confirms. Returns the total number of protocol attempts made.
fn storm(url: &str, writers: u32) -> Result<u32> {
    let start = Arc::new(Barrier::new(writers as usize));
    let handles: Vec<_> = (0..writers)
        .map(|i| {
            let (url, start) = (url.to_owned(), start.clone());
            std::thread::spawn(move || -> std::result::Result<u32, String> {
                let http = Http::default();
                let s = submission(i);
                let mut state = u64::from(i) * 0x9E37_79B9 + 1;
                let mut random = move || {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 11) as f64 / (1u64 << 53) as f64
                };
                start.wait();
                for call in 1..=30 {
                    match block_on(protocol::submit(&http, &url, &s, &mut random)) {
                        Ok(doc) if doc.holds(&s) => return Ok(call),
                        Ok(_) => {
                            return Err("the file returned does not hold the submission".into());
                        }
                        // Kept in the outbox; the outbox tries again a little later.
                        Err(StoreError::Busy) => std::thread::sleep(Duration::from_millis(50)),
                        Err(e) => return Err(e.to_string()),
                    }
                }
                Err(format!("writer {i} never landed"))
            })
        })
        .collect();
    let mut calls = 0;
    for handle in handles {
        calls += handle.join().map_err(|_| "a writer panicked")??;
    }
    Ok(calls)
}

#[test]
fn a_hundred_phones_at_once_all_land_exactly_once() -> Result {
    for run in 0..3 {
        let server = Server::start(&empty_docroot())?;
        let url = format!("{}/data/team.json", server.base);
        block_on(protocol::create(&Http::default(), &url, &team()))?;
        let calls = storm(&url, 100)?;
        let doc = stored(&server)?;
        let ids: BTreeSet<ResponseId> = doc.responses.iter().map(|r| r.id).collect();
        assert_eq!(doc.responses.len(), 100, "run {run}: every response, once");
        assert_eq!(ids.len(), 100);
        for i in 0..100 {
            assert!(doc.holds(&submission(i)), "run {run}: response {i} missing");
        }
        eprintln!("run {run}: 100 writers, {calls} submit calls until all confirmed");
    }
    Ok(())
}

/// The same protocol on S3-compatible storage (SeaweedFS's gateway, conditional PutObject).
#[test]
fn a_hundred_phones_at_once_on_s3_storage() -> Result {
    let s3 = S3::start()?;
    let url = format!("{}/team.json", s3.bucket);
    let http = Http::default();
    block_on(protocol::create(&http, &url, &team()))?;
    assert_eq!(
        block_on(protocol::create(&http, &url, &team())),
        Err(StoreError::AlreadyExists),
        "a second create must be refused"
    );
    let calls = storm(&url, 100)?;
    let doc = block_on(protocol::load(&http, &url))?.doc;
    assert_eq!(doc.responses.len(), 100, "every response, once");
    for i in 0..100 {
        assert!(doc.holds(&submission(i)), "response {i} missing");
    }
    eprintln!("S3: 100 writers, {calls} submit calls until all confirmed");
    Ok(())
}

#[test]
fn a_read_only_location_is_reported_and_nothing_changes() -> Result {
    let server = Server::start_with(&empty_docroot(), |config| {
        config.replace(
            "webdav.is-readonly = \"disable\"",
            "webdav.is-readonly = \"enable\"",
        )
    })?;
    let before = model::to_canonical_bytes(&team());
    std::fs::write(server.data.join("team.json"), &before)?;
    let url = format!("{}/data/team.json", server.base);
    let error = block_on(protocol::submit(
        &Http::default(),
        &url,
        &submission(1),
        &mut || 0.5,
    ))
    .expect_err("a read-only share must refuse");
    assert!(matches!(error, StoreError::Forbidden(403)), "{error}");
    assert!(error.to_string().contains("does not allow writing"));
    assert_eq!(std::fs::read(server.data.join("team.json"))?, before);
    Ok(())
}

#[test]
fn an_invalid_or_newer_remote_file_is_never_overwritten() -> Result {
    let server = Server::start(&empty_docroot())?;
    let url = format!("{}/data/team.json", server.base);
    for body in [
        &b"{\"format\": \"candor-survey\", \"version\": 1, \"survey\": "[..],
        b"{\"format\": \"candor-survey\", \"version\": 7, \"future\": true}",
        b"<html><body>Bad gateway</body></html>",
    ] {
        std::fs::write(server.data.join("team.json"), body)?;
        let error = block_on(protocol::submit(
            &Http::default(),
            &url,
            &submission(1),
            &mut || 0.5,
        ))
        .expect_err("an invalid file must not be written");
        assert!(matches!(error, StoreError::Invalid(_)), "{error}");
        assert_eq!(std::fs::read(server.data.join("team.json"))?, body);
    }
    Ok(())
}

#[test]
fn a_missing_file_and_a_stopped_server_are_explained() -> Result {
    let server = Server::start(&empty_docroot())?;
    let url = format!("{}/data/nothing-here.json", server.base);
    let missing = block_on(protocol::submit(
        &Http::default(),
        &url,
        &submission(1),
        &mut || 0.5,
    ));
    assert_eq!(missing, Err(StoreError::NotFound));
    drop(server);
    let down = block_on(protocol::submit(
        &Http::default(),
        &url,
        &submission(1),
        &mut || 0.5,
    ));
    assert!(matches!(down, Err(StoreError::Unreachable(_))), "{down:?}");
    Ok(())
}

#[test]
fn the_command_line_tool_submits_to_a_shared_file() -> Result {
    let server = Server::start(&empty_docroot())?;
    std::fs::write(
        server.data.join("team.json"),
        model::to_canonical_bytes(&team()),
    )?;
    let url = format!("{}/data/team.json", server.base);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args([
            "submit",
            &url,
            "--answer",
            "safety-1=2",
            "--answer",
            "align-3=6",
            "--comment",
            "Calmer sprint.",
        ])
        .output()?;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("now has 1 responses"));
    let doc = stored(&server)?;
    assert_eq!(doc.responses[0].answers.get("align-3"), Some(6));
    assert_eq!(doc.responses[0].comment.as_deref(), Some("Calmer sprint."));

    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["submit", &url, "--answer", "safety-1=9"])
        .output()?;
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stored(&server)?.responses.len(), 1);
    Ok(())
}
