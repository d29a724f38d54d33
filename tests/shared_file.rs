//! The shared-file protocol against a real server: lighttpd + mod_webdav on 127.0.0.1, with the
//! config the project ships. Many writers at once, the faults a real server produces, what the
//! shipped config refuses in the shared folder, and the storage check.
//! Run through scripts/test.sh, or `cargo test --features e2e --test shared_file`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/fault_proxy.rs"]
mod fault_proxy;
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
use fault_proxy::{Fault, FaultProxy};
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
        sealed_answers: vec![],
        sealed_comments: vec![],
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
                        // Kept in the outbox (clashes, a slow or busy server); the outbox
                        // tries again a little later.
                        Err(e) if e.is_connection() => {
                            std::thread::sleep(Duration::from_millis(50))
                        }
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
    let said = String::from_utf8_lossy(&output.stdout);
    // The team file here is from before sealing: the tool says so.
    assert!(
        said.contains("now has 1 answer (this survey is NOT sealed"),
        "{said}"
    );
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

/// A team file on lighttpd, reached through a proxy that injects `faults` in turn.
fn behind_faults(faults: Vec<Fault>) -> Result<(Server, FaultProxy, String)> {
    let server = Server::start(&empty_docroot())?;
    std::fs::write(
        server.data.join("team.json"),
        model::to_canonical_bytes(&team()),
    )?;
    let upstream = server.base.trim_start_matches("http://").to_owned();
    let proxy = FaultProxy::start(&upstream, faults)?;
    let url = format!("{}/data/team.json", proxy.base);
    Ok((server, proxy, url))
}

/// Submits as a phone's outbox would: one protocol run per visit, until the file confirms.
/// Returns the error of each failed visit.
fn until_saved(url: &str, s: &Submission, http: &Http) -> Vec<StoreError> {
    let mut failures = Vec::new();
    for _ in 0..5 {
        match block_on(protocol::submit(http, url, s, &mut || 0.5)) {
            Ok(doc) if doc.holds(s) => return failures,
            Ok(_) => failures.push(StoreError::Busy),
            Err(e) => failures.push(e),
        }
    }
    panic!("never saved; failures: {failures:?}");
}

#[test]
fn faults_on_the_way_lose_nothing_and_count_once() -> Result {
    let http = Http::with_timeout(Duration::from_secs(1));
    /// A fault, and what the one failed visit must report.
    type Case = (&'static str, Vec<Fault>, fn(&StoreError) -> bool);
    let cases: Vec<Case> = vec![
        ("connection reset", vec![Fault::Reset], |e| {
            matches!(e, StoreError::Unreachable(_))
        }),
        ("cut-off body", vec![Fault::Truncate], |e| {
            matches!(e, StoreError::Unreachable(_))
        }),
        ("timeout", vec![Fault::Delay(Duration::from_secs(3))], |e| {
            *e == StoreError::Timeout
        }),
        (
            "reset on the write",
            vec![Fault::Delay(Duration::ZERO), Fault::Reset],
            |e| matches!(e, StoreError::Unreachable(_)),
        ),
    ];
    for (name, faults, expected) in cases {
        let (server, proxy, url) = behind_faults(faults)?;
        let failures = until_saved(&url, &submission(1), &http);
        assert_eq!(failures.len(), 1, "{name}: {failures:?}");
        assert!(expected(&failures[0]), "{name}: {}", failures[0]);
        assert_eq!(proxy.remaining(), 0, "{name}: every fault was used");
        assert_eq!(
            stored(&server)?.responses.len(),
            1,
            "{name}: saved exactly once"
        );
    }
    Ok(())
}

#[test]
fn server_errors_and_clashes_are_retried_within_one_visit() -> Result {
    let http = Http::default();
    let storm: Vec<Fault> = (0..5).map(|_| Fault::Status(412)).collect();
    let cases: Vec<(&str, Vec<Fault>)> = vec![
        ("500 on the read", vec![Fault::Status(500)]),
        ("502 then 503", vec![Fault::Status(502), Fault::Status(503)]),
        // Each attempt is a read (forwarded) and a write (refused with 412).
        (
            "412 storm",
            storm
                .into_iter()
                .flat_map(|f| [Fault::Delay(Duration::ZERO), f])
                .collect(),
        ),
    ];
    for (name, faults) in cases {
        let (server, proxy, url) = behind_faults(faults)?;
        let failures = until_saved(&url, &submission(2), &http);
        assert!(failures.is_empty(), "{name}: {failures:?}");
        assert_eq!(proxy.remaining(), 0, "{name}");
        assert_eq!(stored(&server)?.responses.len(), 1, "{name}");
    }
    Ok(())
}

#[test]
fn permissions_and_a_file_deleted_mid_write_are_reported() -> Result {
    let http = Http::default();
    let (server, _proxy, url) = behind_faults(vec![Fault::Status(401)])?;
    let error = block_on(protocol::submit(&http, &url, &submission(3), &mut || 0.5))
        .expect_err("401 must be reported");
    assert_eq!(error, StoreError::Forbidden(401));
    assert_eq!(stored(&server)?.responses.len(), 0);

    // The file disappears between the read and the write: the write's precondition fails,
    // the re-read finds nothing, and the answers wait (nothing is recreated by a respondent).
    let server = Server::start(&empty_docroot())?;
    let file = server.data.join("team.json");
    std::fs::write(&file, model::to_canonical_bytes(&team()))?;
    let upstream = server.base.trim_start_matches("http://").to_owned();
    let doomed = file.clone();
    let remove: Box<dyn FnOnce() + Send> = Box::new(move || {
        let _ = std::fs::remove_file(doomed);
    });
    let proxy = FaultProxy::start(
        &upstream,
        vec![Fault::Delay(Duration::ZERO), Fault::Before(remove)],
    )?;
    let url = format!("{}/data/team.json", proxy.base);
    let error = block_on(protocol::submit(&http, &url, &submission(4), &mut || 0.5))
        .expect_err("a deleted file cannot take answers");
    assert_eq!(error, StoreError::NotFound);
    assert!(error.is_retryable(), "the answers stay in the outbox");
    assert!(!file.exists(), "a respondent never recreates the team file");
    Ok(())
}

// ---- what the shipped config allows in the shared folder (issue 18) ----

/// A request as any client may send it: the status and the reply's headers.
fn raw(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<(u16, ureq::http::HeaderMap)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .max_redirects(0)
        .build()
        .into();
    let mut request = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = if body.is_empty() {
        agent.run(request.body(())?)?
    } else {
        agent.run(request.body(body.to_vec())?)?
    };
    Ok((response.status().as_u16(), response.headers().clone()))
}

/// A header of a reply, as text.
fn header<'a>(headers: &'a ureq::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The names in the server's data folder, sorted.
fn folder_names(server: &Server) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&server.data)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// The shipped config with a team file in its folder; returns the server and the file's bytes.
fn shipped_with_team_file() -> Result<(Server, Vec<u8>)> {
    let server = Server::start(&empty_docroot())?;
    let bytes = model::to_canonical_bytes(&team());
    std::fs::write(server.data.join("team.json"), &bytes)?;
    Ok((server, bytes))
}

#[test]
fn the_shipped_config_takes_only_team_files() -> Result {
    let (server, before) = shipped_with_team_file()?;
    let page = b"<script>localStorage.clear()</script>";
    // Other types, sub-folders, the folder itself, and names that only look like team files
    // once decoded or trimmed.
    for path in [
        "/data/x.html",
        "/data/x.svg",
        "/data/x.js",
        "/data/x.txt",
        "/data/sub/",
        "/data/sub/x.json",
        "/data/",
        "/data",
        "/data/x%2Ehtml",
        "/data/x%2ehtml",
        "/data/a%2Fb.json",
        "/data/sub%2Fx.json",
        "/data/x.json/",
        "/data/x.json.html",
        "/data/x.json%2Ehtml",
        "/data/x.json;.html",
        "/data/.json",
        "/data/.hidden.json",
        "/data/-x.json",
        "/data/x.JSON",
        "/data/../data/x.html",
        "/data/x%252Ehtml",
    ] {
        let url = format!("{}{path}", server.base);
        let (status, _) = raw("PUT", &url, &[("Content-Type", "text/html")], page)?;
        assert!(matches!(status, 403 | 405), "PUT {path}: {status}");
        let (status, _) = raw("PUT", &url, &[("If-None-Match", "*")], page)?;
        assert!(matches!(status, 403 | 405), "create {path}: {status}");
    }
    assert_eq!(folder_names(&server)?, ["team.json"], "nothing was created");
    assert_eq!(std::fs::read(server.data.join("team.json"))?, before);

    // A page put in the folder by other means (a mistake on the server) is not served either.
    std::fs::write(server.data.join("x.html"), page)?;
    let (status, _) = raw("GET", &format!("{}/data/x.html", server.base), &[], &[])?;
    assert!(
        matches!(status, 403 | 405),
        "GET of a page in the folder: {status}"
    );

    // A team file's name is still written and read.
    let url = format!("{}/data/other-team_2.json", server.base);
    let body = model::to_canonical_bytes(&team());
    let (status, _) = raw("PUT", &url, &[("If-None-Match", "*")], &body)?;
    assert_eq!(status, 201);
    assert_eq!(std::fs::read(server.data.join("other-team_2.json"))?, body);
    Ok(())
}

#[test]
fn the_shipped_config_refuses_every_other_method() -> Result {
    let (server, before) = shipped_with_team_file()?;
    let file = format!("{}/data/team.json", server.base);
    let folder = format!("{}/data/", server.base);
    let moved = format!("{}/data/moved.json", server.base);
    let with = [("Destination", moved.as_str()), ("Depth", "1")];
    for method in [
        "DELETE",
        "MOVE",
        "COPY",
        "MKCOL",
        "PROPFIND",
        "PROPPATCH",
        "LOCK",
        "UNLOCK",
        "POST",
        "PATCH",
    ] {
        for url in [&file, &folder] {
            let (status, _) = raw(method, url, &with, b"{}")?;
            assert!(matches!(status, 403 | 405), "{method} {url}: {status}");
        }
    }
    let (status, _) = raw("MKCOL", &format!("{folder}sub/"), &[], &[])?;
    assert!(
        matches!(status, 403 | 405),
        "MKCOL of a sub-folder: {status}"
    );
    let (status, _) = raw("GET", &folder, &[], &[])?;
    assert!(
        matches!(status, 403 | 405),
        "GET of the folder lists it: {status}"
    );
    assert_eq!(folder_names(&server)?, ["team.json"]);
    assert_eq!(
        std::fs::read(server.data.join("team.json"))?,
        before,
        "intact"
    );
    Ok(())
}

/// No write larger than the biggest team file Candor reads: one request cannot fill the disk.
#[test]
fn the_shipped_config_refuses_a_body_larger_than_any_team_file() -> Result {
    let (server, _) = shipped_with_team_file()?;
    let big = vec![b' '; candor::model::limits::MAX_FILE_BYTES + 4096];
    let url = format!("{}/data/huge.json", server.base);
    // lighttpd answers 413 from the length alone, and may close before the body is sent.
    if let Ok((status, _)) = raw("PUT", &url, &[("If-None-Match", "*")], &big) {
        assert_eq!(status, 413);
    }
    assert!(!server.data.join("huge.json").exists(), "nothing written");
    Ok(())
}

#[test]
fn team_files_are_served_as_data_that_never_runs() -> Result {
    let docroot = std::env::temp_dir().join(format!("candor-app-{}", std::process::id()));
    std::fs::create_dir_all(&docroot)?;
    std::fs::write(
        docroot.join("index.html"),
        "<!doctype html><title>Candor</title>",
    )?;
    let server = Server::start(&docroot)?;
    std::fs::write(
        server.data.join("team.json"),
        model::to_canonical_bytes(&team()),
    )?;
    let (status, headers) = raw("GET", &format!("{}/data/team.json", server.base), &[], &[])?;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert!(
        header(&headers, "etag").is_some(),
        "the write protocol needs it"
    );
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    assert_eq!(
        header(&headers, "content-security-policy"),
        Some("sandbox; default-src 'none'")
    );
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));
    assert_eq!(
        header(&headers, "content-encoding"),
        None,
        "never compressed"
    );
    // The refusals carry the same headers (a refusal's page is on the same site).
    let (status, headers) = raw("GET", &format!("{}/data/x.html", server.base), &[], &[])?;
    assert_eq!(status, 403);
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    // The app's own pages are served as before.
    let (status, headers) = raw("GET", &format!("{}/", server.base), &[], &[])?;
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(header(&headers, "content-security-policy"), None);
    Ok(())
}

#[test]
fn cors_is_for_the_app_origin_only() -> Result {
    let app = "https://candor.intranet.example";
    let server = Server::start_from(
        &empty_docroot(),
        &server::root().join("deploy/lighttpd.conf"),
        Some(app),
    )?;
    assert_eq!(server.app_origin, app);
    std::fs::write(
        server.data.join("team.json"),
        model::to_canonical_bytes(&team()),
    )?;
    let url = format!("{}/data/team.json", server.base);
    let preflight = |origin: &str| {
        raw(
            "OPTIONS",
            &url,
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "PUT"),
                ("Access-Control-Request-Headers", "if-match, content-type"),
            ],
            &[],
        )
    };
    for other in [
        "http://elsewhere.example",
        "null",
        "https://candor.intranet.example.evil",
    ] {
        let (_, headers) = preflight(other)?;
        assert_eq!(
            header(&headers, "access-control-allow-origin"),
            None,
            "{other}"
        );
        let (status, headers) = raw("GET", &url, &[("Origin", other)], &[])?;
        assert_eq!(status, 200);
        assert_eq!(
            header(&headers, "access-control-allow-origin"),
            None,
            "{other}"
        );
    }

    let (status, headers) = preflight(app)?;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "access-control-allow-origin"), Some(app));
    assert_eq!(
        header(&headers, "access-control-allow-methods"),
        Some("GET, HEAD, PUT, OPTIONS")
    );
    assert_eq!(
        header(&headers, "access-control-allow-headers"),
        Some("If-Match, If-None-Match, Content-Type")
    );
    let (_, headers) = raw("GET", &url, &[("Origin", app)], &[])?;
    assert_eq!(header(&headers, "access-control-allow-origin"), Some(app));
    assert_eq!(
        header(&headers, "access-control-expose-headers"),
        Some("ETag")
    );
    assert_eq!(header(&headers, "vary"), Some("Origin"));
    // A refused write is readable by the app too: it must see the 412 to read and merge.
    let stale = [("Origin", app), ("If-Match", "\"stale\"")];
    let (status, headers) = raw("PUT", &url, &stale, b"{}")?;
    assert_eq!(status, 412);
    assert_eq!(header(&headers, "access-control-allow-origin"), Some(app));
    Ok(())
}

#[test]
fn the_storage_check_tells_safe_servers_from_unsafe_ones() -> Result {
    use protocol::UnsafeSetting;
    let http = Http::default();
    let server = Server::start(&empty_docroot())?;
    let team_file = server.data.join("team.json");
    std::fs::write(&team_file, model::to_canonical_bytes(&team()))?;
    let before = std::fs::read(&team_file)?;
    let url = format!("{}/data/team.json", server.base);
    let check = block_on(protocol::check_location(&http, &url))?;
    assert!(check.is_safe(), "lighttpd: {check:?}");
    for setting in UnsafeSetting::ALL {
        assert_eq!(check.found(setting), Some(false), "lighttpd: {setting:?}");
    }
    assert!(check.probe.ends_with("/data/team.candor-probe.json"));
    assert_eq!(
        std::fs::read(&team_file)?,
        before,
        "the team file is never touched"
    );
    assert_eq!(
        folder_names(&server)?,
        ["team.candor-probe.json", "team.json"]
    );
    // Checking again (the probe exists now) gives the same answer.
    assert!(block_on(protocol::check_location(&http, &url))?.is_safe());

    // SeaweedFS's S3 gateway as the tests start it (no identities configured: anonymous
    // requests may do anything) honours conditional writes, but its bucket takes any key,
    // deletes objects, lists them (GET of the bucket; S3 has no PROPFIND) and answers CORS for
    // any origin. The check says so: on S3 these are limited by a bucket policy and the
    // bucket's CORS rules (docs/hosting.md).
    let s3 = S3::start()?;
    let check = block_on(protocol::check_location(
        &http,
        &format!("{}/team.json", s3.bucket),
    ))?;
    assert!(check.honours_conditional_writes(), "SeaweedFS: {check:?}");
    assert_eq!(
        check.unsafe_settings(),
        UnsafeSetting::ALL,
        "SeaweedFS: {check:?}"
    );
    assert!(!check.other_probe_left && !check.is_safe(), "{check:?}");

    // A server that ignores If-Match: the stale write "succeeds".
    let upstream = server.base.trim_start_matches("http://").to_owned();
    let forward = || Fault::Delay(Duration::ZERO);
    let proxy = FaultProxy::start(
        &upstream,
        vec![
            forward(),
            forward(),
            forward(),
            forward(),
            Fault::Status(204),
        ],
    )?;
    let url = format!("{}/data/other.json", proxy.base);
    let check = block_on(protocol::check_location(&http, &url))?;
    assert!(!check.refuses_stale_etag && !check.is_safe(), "{check:?}");

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["check-storage", &format!("{}/data/team.json", server.base)])
        .output()?;
    assert_eq!(output.status.code(), Some(0));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("safe: concurrent submissions"), "{said}");
    assert!(said.contains("takes nothing but team files"), "{said}");
    Ok(())
}

/// The config shipped before issue 18 (full WebDAV, any name, CORS for any origin): the
/// storage check names each unsafe setting, and the tool exits 1.
#[test]
fn the_storage_check_names_each_unsafe_setting_of_the_old_config() -> Result {
    let server = Server::start_from(
        &empty_docroot(),
        &server::root().join("tests/fixtures/lighttpd-unsafe.conf"),
        None,
    )?;
    std::fs::write(
        server.data.join("team.json"),
        model::to_canonical_bytes(&team()),
    )?;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["check-storage", &format!("{}/data/team.json", server.base)])
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for (words, evidence, fix) in [
        (
            "accepts files that are not team files",
            "PUT of team.candor-probe.html",
            "limit PUT to *.json",
        ),
        (
            "allows deleting files",
            "DELETE of team.candor-probe.json",
            "allow only GET, HEAD, PUT and OPTIONS",
        ),
        (
            "lists the folder's files",
            "PROPFIND or GET of",
            "refuse PROPFIND",
        ),
        (
            "lets web pages of any origin",
            "Origin: https://candor-check.invalid",
            "allow only the app's origin",
        ),
    ] {
        let line = stderr
            .lines()
            .find(|line| line.contains(words))
            .unwrap_or_else(|| panic!("no line says {words:?}: {stderr}"));
        assert!(line.contains(evidence) && line.contains(fix), "{line}");
        assert!(line.contains("docs/hosting.md"), "{line}");
    }
    assert!(
        !stderr.contains("conditional writes"),
        "the old config did honour conditional writes: {stderr}"
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("safe:"));
    // The page the check wrote was removed again; the team file was not touched.
    assert_eq!(folder_names(&server)?, ["team.json"]);
    Ok(())
}
