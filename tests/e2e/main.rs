//! End-to-end tests: the release build in dist/, served by lighttpd + mod_webdav on
//! 127.0.0.1, driven in headless Chromium at phone (360x740) and desktop size. Screenshots go
//! to screenshots/ for a person to look at.
//!
//! Run through scripts/test.sh, or after `trunk build --release`:
//! `cargo test --features e2e --test e2e -- --test-threads=1`.
#![cfg(not(target_arch = "wasm32"))]

mod first_run;
mod keyboard;
mod languages;
mod next_round;
mod offline;
mod org;
mod retro;
#[path = "../support/s3.rs"]
mod s3;
mod screen_reader;
mod sealed;
#[path = "../support/server.rs"]
mod server;
mod shared_phone;
mod support;

use candor::dashboard::guide;
use serde_json::json;
use std::path::PathBuf;

use support::{Browser, Result, Screen, Server, root};
use thirtyfour::prelude::*;

fn dist() -> PathBuf {
    let dist = std::env::var("CANDOR_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("dist"));
    assert!(
        dist.join("index.html").exists(),
        "no build in {}: run `trunk build --release` first",
        dist.display()
    );
    dist
}

/// Puts the standard survey, with a round open, at /data/team.json of `server`.
fn shared_team_file(server: &Server) -> Result {
    let team = candor::model::templates::starter("2026-11-21").ok_or("starter")?;
    std::fs::write(
        server.data.join("team.json"),
        candor::model::to_canonical_bytes(&team),
    )?;
    Ok(())
}

async fn shell_works_at(screen: Screen) -> Result {
    let server = Server::start(&dist())?;
    let browser = Browser::start(screen).await?;
    let name = screen.name();

    browser.open(&format!("{}/", server.base)).await?;
    browser.find("home-view").await?;
    browser.find("header").await?;
    browser.check_no_horizontal_scroll().await?;
    browser.check_no_csp_violations().await?;
    browser.check_accessibility().await?;
    browser.screenshot(&format!("{name}-home")).await?;

    // Each area from the start page (the survey page itself links nowhere).
    for (link, testid) in [
        ("Take the survey", "take-view"),
        ("See results", "results-view"),
        ("Set up a survey", "setup-view"),
    ] {
        browser.open(&format!("{}/", server.base)).await?;
        browser.click_link(link).await?;
        browser.find(testid).await?;
        browser.check_no_horizontal_scroll().await?;
        browser.check_accessibility().await?;
        browser.screenshot(&format!("{name}-{testid}")).await?;
    }

    browser
        .open(&format!("{}/#/no-such-page", server.base))
        .await?;
    browser.find("not-found").await?;
    browser.check_accessibility().await?;
    browser.screenshot(&format!("{name}-not-found")).await?;

    // Embedded: no header of Candor's own.
    browser
        .open(&format!("{}/#/take?embed=1", server.base))
        .await?;
    browser.find("take-view").await?;
    assert!(
        !browser.exists("header").await?,
        "embed mode shows the header"
    );

    browser.check_no_csp_violations().await?;
    browser.quit().await
}

#[tokio::test]
async fn app_shell_at_phone_size() -> Result {
    shell_works_at(Screen::Phone).await
}

#[tokio::test]
async fn app_shell_at_desktop_size() -> Result {
    shell_works_at(Screen::Desktop).await
}

/// The page paints its skeleton before any script runs.
#[tokio::test]
async fn skeleton_paints_without_javascript() -> Result {
    let html = std::fs::read_to_string(dist().join("index.html"))?;
    // The release HTML is minified: attribute quotes may be gone.
    let unquoted = html.replace('"', "");
    assert!(unquoted.contains("id=skeleton"));
    assert!(unquoted.contains("Loading Candor"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(
        !html.contains("unsafe-inline"),
        "the policy must not allow inline code"
    );
    assert!(
        !unquoted.contains("<script type=module>"),
        "the loader must not be inline"
    );
    Ok(())
}

/// The shipped lighttpd config gives the shared-file protocol what it needs: ETags,
/// create-only-if-absent, and 412 for a stale If-Match.
#[tokio::test]
async fn shared_file_server_honours_preconditions() -> Result {
    let server = Server::start(&dist())?;
    let url = format!("{}/data/team.json", server.base);
    let http = reqwest::Client::new();
    let body = std::fs::read(root().join("tests/corpus/valid/minimal.json"))?;

    let created = http
        .put(&url)
        .header("If-None-Match", "*")
        .header("Content-Type", "application/json")
        .body(body.clone())
        .send()
        .await?;
    assert!(
        created.status().is_success(),
        "create: {}",
        created.status()
    );
    let again = http
        .put(&url)
        .header("If-None-Match", "*")
        .header("Content-Type", "application/json")
        .body(body.clone())
        .send()
        .await?;
    assert_eq!(again.status().as_u16(), 412, "a second create must fail");

    let read = http.get(&url).send().await?;
    let etag = read
        .headers()
        .get("etag")
        .ok_or("GET sends no ETag (is mimetype.assign set for .json?)")?
        .to_str()?
        .to_owned();
    assert_eq!(
        read.headers()
            .get("access-control-expose-headers")
            .map(|v| v.to_str().unwrap_or("")),
        Some("ETag")
    );
    assert_eq!(read.bytes().await?.as_ref(), body.as_slice());

    let write = |tag: String| {
        http.put(&url)
            .header("If-Match", tag)
            .header("Content-Type", "application/json")
            .body(body.clone())
            .send()
    };
    assert!(write(etag.clone()).await?.status().is_success());
    assert_eq!(
        write(etag).await?.status().as_u16(),
        412,
        "a stale If-Match must fail"
    );
    assert!(server.data.join("team.json").exists());
    Ok(())
}

/// A respondent on a phone, with this device's store: set up the standard survey, answer some
/// questions, skip others, comment, send; the next person gets an empty form.
#[tokio::test]
async fn take_the_survey_on_a_phone() -> Result {
    let server = Server::start(&dist())?;
    let browser = Browser::start(Screen::Phone).await?;
    browser.open(&format!("{}/#/take", server.base)).await?;
    browser.find("take-missing").await?;
    browser.screenshot("phone-take-empty-device").await?;
    browser.check_accessibility().await?;
    // Set up the standard survey (the form's defaults) on this phone, then take it.
    browser.click("go-setup").await?;
    browser.find("create-survey").await?;
    browser.check_accessibility().await?;
    browser.screenshot("phone-setup-create").await?;
    browser.click("create").await?;
    browser.find("share").await?;
    browser.open(&format!("{}/#/take", server.base)).await?;

    browser.find("answer-safety-1-1").await?;
    browser.check_no_horizontal_scroll().await?;
    browser.check_accessibility().await?;
    browser.screenshot("phone-take-form").await?;
    for (question, value) in [
        ("safety-1", 2),
        ("safety-2", 6),
        ("safety-4", 5),
        ("align-1", 7),
    ] {
        browser.answer(question, value).await?;
    }
    browser.type_comment("More time for deep work.").await?;
    assert_eq!(browser.text("progress").await?, "4 of 14 answered");
    browser.find("submit").await?.scroll_into_view().await?;
    browser.screenshot("phone-take-answered").await?;
    browser.click("submit").await?;
    let done = browser.text("submitted").await?;
    assert!(done.contains("saved to the team file"), "{done}");
    browser.check_accessibility().await?;
    browser.screenshot("phone-take-submitted").await?;
    // The sealer that wrote them was started at its build's version, which names exactly the
    // files built beside the page (scripts/version-workers.py): no cache could have handed
    // this page another build's worker.
    check_worker_version(&server, &browser, "", "candor-sealer").await?;

    browser.click("next-person").await?;
    assert_eq!(browser.text("progress").await?, "0 of 14 answered");

    // Dark mode follows the system and keeps contrast.
    browser.prefer_dark().await?;
    browser.answer("safety-3", 4).await?;
    browser.check_accessibility().await?;
    browser.screenshot("phone-take-dark").await?;
    browser.check_no_csp_violations().await?;
    browser.quit().await
}

/// The worker `name` (in the build's folder `folder`, "" for the root) was started at the
/// version the page's `candor-workers` meta gives it, and that version is the one its loader
/// asks for and the hash of the glue and wasm the server has.
async fn check_worker_version(
    server: &Server,
    browser: &Browser,
    folder: &str,
    name: &str,
) -> Result {
    let versions = browser
        .eval("return document.querySelector(\"meta[name='candor-workers']\").content;")
        .await?;
    let versions = versions
        .as_str()
        .ok_or("the page has no candor-workers meta")?;
    let version = versions
        .split_whitespace()
        .find_map(|entry| entry.strip_prefix(&format!("{name}=")))
        .ok_or_else(|| format!("{name} is not in the meta: {versions}"))?;
    let loader = format!("{name}_loader.js?v={version}");
    let started = browser
        .eval("return performance.getEntriesByType('resource').map(e => e.name).join(' ');")
        .await?;
    assert!(
        started.as_str().unwrap_or_default().contains(&loader),
        "{loader} not among the page's requests: {started}"
    );
    let base = format!("{}/{folder}", server.base);
    let get = |path: String| -> Result<Vec<u8>> {
        let mut reply = ureq::get(&format!("{base}{path}")).call()?;
        Ok(reply.body_mut().read_to_vec()?)
    };
    let loader_text = String::from_utf8(get(loader)?)?;
    let (glue, wasm) = (
        get(format!("{name}.js?v={version}"))?,
        get(format!("{name}_bg.wasm?v={version}"))?,
    );
    assert!(
        loader_text.contains(&format!("\"./{name}.js?v={version}\""))
            && loader_text.contains(&format!("\"./{name}_bg.wasm?v={version}\"")),
        "{loader_text}"
    );
    // The build hashes with Python's hashlib; checked here with coreutils' sha256sum.
    let mut sum = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    {
        use std::io::Write;
        let mut input = sum.stdin.take().ok_or("sha256sum's input")?;
        input.write_all(&glue)?;
        input.write_all(&wasm)?;
    }
    let hash = String::from_utf8(sum.wait_with_output()?.stdout)?;
    assert_eq!(
        &hash[..16],
        version,
        "{name}'s version is not its files' hash"
    );
    Ok(())
}

/// A phone loses its signal while sending: the answers wait on the phone, and once it is back
/// online and the page is opened again they land in the shared file exactly once.
#[tokio::test]
async fn offline_answers_land_exactly_once() -> Result {
    let mut server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let data = server.data.clone();
    let stored = || -> Result<candor::model::Document> {
        Ok(candor::model::load(&std::fs::read(
            data.join("team.json"),
        )?)?)
    };

    let browser = Browser::start(Screen::Phone).await?;
    let link = format!("{}/#/take?src=%2Fdata%2Fteam.json", server.base);
    browser.open(&link).await?;
    browser.find("answer-align-2-6").await?;
    browser.answer("align-2", 6).await?;
    browser.answer("safety-7", 5).await?;

    // The phone goes offline: neither the page nor its sealer worker, which writes the
    // answers into the file, reaches the server (the browser's offline switch holds only for
    // the page, so the server goes away too).
    browser.set_offline(true).await?;
    server.stop();
    browser.click("submit").await?;
    let kept = browser.text("submitted").await?;
    assert!(kept.contains("kept on this phone"), "{kept}");
    browser.screenshot("phone-take-kept-offline").await?;
    assert_eq!(stored()?.responses.len(), 0);

    server.resume()?;
    browser.set_offline(false).await?;
    browser.reload().await?;
    // The page sends the outbox on load, and shows that this phone has answered.
    browser.find("answered-before").await?;
    let start = std::time::Instant::now();
    while stored()?.responses.is_empty() && start.elapsed() < std::time::Duration::from_secs(15) {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let file = stored()?;
    assert_eq!(file.responses.len(), 1, "delivered once");
    assert_eq!(file.responses[0].answers.get("align-2"), Some(6));
    browser.screenshot("phone-take-answered-before").await?;
    browser.check_accessibility().await?;

    browser.reload().await?;
    browser.find("answered-before").await?;
    assert_eq!(stored()?.responses.len(), 1, "and only once");
    browser.quit().await
}

/// Five phones press "send" at the same moment at the end of a retro: all five answers land.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_phones_send_at_the_same_moment() -> Result {
    let server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let link = format!("{}/#/take?src=%2Fdata%2Fteam.json", server.base);
    let ready = std::sync::Arc::new(tokio::sync::Barrier::new(5));
    let mut phones = tokio::task::JoinSet::new();
    for phone in 0..5u8 {
        let (link, ready) = (link.clone(), ready.clone());
        phones.spawn(async move {
            let browser = Browser::start(Screen::Phone).await?;
            browser.open(&link).await?;
            browser.answer("safety-2", phone + 2).await?;
            browser.find("submit").await?.scroll_into_view().await?;
            ready.wait().await;
            browser.click("submit").await?;
            let done = browser.text("submitted").await?;
            browser.quit().await?;
            Ok::<String, Box<dyn std::error::Error + Send + Sync>>(done)
        });
    }
    while let Some(done) = phones.join_next().await {
        let text = done??;
        assert!(text.contains("saved to the team file"), "{text}");
    }
    let file = candor::model::load(&std::fs::read(server.data.join("team.json"))?)?;
    let mut values: Vec<u8> = file
        .responses
        .iter()
        .filter_map(|r| r.answers.get("safety-2"))
        .collect();
    values.sort_unstable();
    assert_eq!(values, [2, 3, 4, 5, 6], "every phone's answer, once");
    Ok(())
}

/// A file server on another origin without CORS headers: the page says what the admin must
/// configure instead of failing silently.
#[tokio::test]
async fn a_file_server_without_cors_is_explained() -> Result {
    let app = Server::start(&dist())?;
    let files = Server::start_with(&dist(), |config| {
        config.replace("setenv.add-response-header", "setenv.add-request-header")
    })?;
    shared_team_file(&files)?;
    let file_url = format!("{}/data/team.json", files.base);
    let browser = Browser::start(Screen::Phone).await?;
    browser
        .open(&format!(
            "{}/#/take?src={}",
            app.base,
            candor::route::percent_encode(&file_url)
        ))
        .await?;
    let message = browser.text("take-error").await?;
    assert!(message.contains("CORS"), "{message}");
    assert!(message.contains("expose ETag"), "{message}");
    browser.screenshot("phone-take-cors-refused").await?;
    browser.check_accessibility().await?;
    browser.quit().await
}

/// The results dashboard for the demo team at phone and desktop size: readable, accessible,
/// the table alternative shows exactly what `candor report` computes, and the suppressed
/// round shows no number anywhere.
#[tokio::test]
async fn the_demo_dashboard_matches_candor_report() -> Result {
    let server = Server::start(&dist())?;
    // What the command-line tool reports for the same file.
    let demo = root().join("assets/demo.json");
    let mut out = Vec::new();
    let code = candor::cli::run(
        &["report".into(), demo.display().to_string().into()],
        &mut out,
        &mut Vec::new(),
    );
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_slice(&out)?;
    // The guides the rule gives for the same file (the seed only orders comments).
    let doc = candor::model::load_full(&std::fs::read(&demo)?)?;
    let engine = candor::stats::report(&doc, 1);
    for screen in [Screen::Phone, Screen::Desktop] {
        let browser = Browser::start(screen).await?;
        browser
            .open(&format!("{}/results/#/results?src=demo.json", server.base))
            .await?;
        browser.find("comments").await?;
        // A team-sized file is drawn in the drawing worker too: the page never reads one.
        let read_in = browser
            .eval("return document.querySelector('.dashboard').dataset.readIn;")
            .await?;
        assert_eq!(read_in, "worker");
        check_worker_version(&server, &browser, "results/", "candor-draw").await?;
        browser.check_no_horizontal_scroll().await?;
        browser.check_no_csp_violations().await?;
        browser.check_accessibility().await?;
        browser
            .screenshot(&format!("{}-results-demo", screen.name()))
            .await?;
        browser.prefer_dark().await?;
        browser.check_accessibility().await?;
        browser
            .screenshot(&format!("{}-results-demo-dark", screen.name()))
            .await?;
        for dimension in ["safety", "alignment", "failure"] {
            check_table_against_report(&browser, &report, dimension).await?;
        }
        // August 2026 had 4 answers (minimum 5): no number of it anywhere in the page.
        let august = browser
            .eval("return [...document.querySelectorAll(\"tr[data-round='2026-08']\")].map(r => r.textContent);")
            .await?;
        for row in august.as_array().ok_or("rows")? {
            let text = row.as_str().unwrap_or_default();
            assert!(
                text.starts_with("August 2026") && text.contains("fewer than 5"),
                "{text}"
            );
            assert!(
                !text["August 2026".len()..].contains(|c: char| c.is_ascii_digit() && c != '5'),
                "{text}"
            );
        }
        let points = browser
            .eval("return document.querySelectorAll(\"[aria-label^='August 2026: '][data-slot]\").length;")
            .await?;
        assert_eq!(points, 0);
        // A conversation guide exactly beside the dimensions the rule picks for this file,
        // saying why.
        for dimension in &doc.survey.dimensions {
            let testid = format!("guide-{}", dimension.id);
            let shown = browser
                .eval(&format!(
                    "const g = document.querySelector('[data-testid={testid}] .guide-why'); return g && g.textContent;"
                ))
                .await?;
            match guide::guide(&doc, &engine, &dimension.id) {
                Some(expected) => {
                    let why: Vec<String> = expected
                        .reasons
                        .iter()
                        .map(|r| r.words(&candor::i18n::Texts::english()))
                        .collect();
                    let text = shown.as_str().unwrap_or_default();
                    assert!(text.starts_with("Shown because "), "{testid}: {shown}");
                    for reason in why {
                        assert!(text.contains(&reason), "{testid}: {text} lacks {reason}");
                    }
                    browser.find(&testid).await?.scroll_into_view().await?;
                    browser
                        .screenshot(&format!("{}-results-{testid}", screen.name()))
                        .await?;
                }
                None => assert!(shown.is_null(), "{testid} is shown: {shown}"),
            }
        }
        browser.quit().await?;
    }
    Ok(())
}

/// A big team file (20,000 responses, 5.6 MB) is read in the drawing worker, off the page's
/// thread, and its dashboard says what the engine says. The longest task the page ran while
/// it loaded is printed (a measurement, not a check: the machine is shared).
#[tokio::test]
async fn a_big_file_is_read_off_the_page_and_shown_in_full() -> Result {
    let server = Server::start(&dist())?;
    let doc = candor::model::synth::synthetic(24, 20_000, 11);
    let bytes = candor::model::to_canonical_bytes(&doc);
    std::fs::write(server.data.join("big.json"), &bytes)?;
    let report = candor::stats::report(&doc, 1);
    let expected = candor::stats::words::summary(&candor::i18n::Texts::english(), &doc, &report);

    let browser = Browser::start(Screen::Desktop).await?;
    browser
        .open(&format!(
            "{}/results/#/results?src=%2Fdata%2Fbig.json",
            server.base
        ))
        .await?;
    browser.find("comments").await?;
    assert_eq!(browser.text("summary").await?, expected);
    let read_in = browser
        .eval("return document.querySelector('.dashboard').dataset.readIn;")
        .await?;
    assert_eq!(read_in, "worker", "the file was read on the page");
    let longest = browser
        .eval_async("new PerformanceObserver((list, observer) => { observer.disconnect(); done(Math.max(0, ...list.getEntries().map((e) => e.duration))); }).observe({type: 'longtask', buffered: true}); setTimeout(() => done(0), 1000);")
        .await?;
    eprintln!(
        "{} bytes: longest task on the page while loading: {longest} ms",
        bytes.len()
    );
    browser.quit().await
}

/// Every released row of a dimension's table shows the engine's mean, interval and r_wg (to
/// the two decimals shown), and its verdict.
async fn check_table_against_report(
    browser: &Browser,
    report: &serde_json::Value,
    dimension: &str,
) -> Result {
    let rows = browser
        .driver
        .find_all(By::Css(format!(
            "[data-testid=\"table-{dimension}\"] tbody tr"
        )))
        .await?;
    let rounds = report["rounds"].as_array().ok_or("rounds")?;
    assert_eq!(rows.len(), rounds.len());
    // A shown number (two decimals) is the engine's number rounded: within half a unit of
    // the last decimal.
    let shows = |text: &str, value: &serde_json::Value| {
        let (Ok(shown), Some(exact)) = (text.trim().parse::<f64>(), value.as_f64()) else {
            return false;
        };
        (shown - exact).abs() <= 0.005 + 1e-9
    };
    for (row, round) in rows.iter().zip(rounds) {
        let mut cells = Vec::new();
        // textContent, not the visible text: the table sits in a closed <details>.
        for cell in row.find_all(By::Css("td")).await? {
            cells.push(cell.prop("textContent").await?.unwrap_or_default());
        }
        let stats = round["dimensions"]
            .as_array()
            .and_then(|ds| ds.iter().find(|d| d["id"] == dimension));
        match stats.filter(|d| d["suppressed"] == false) {
            None => assert_eq!(cells.len(), 1, "{cells:?}"),
            Some(d) => {
                assert_eq!(cells[0], d["n"].to_string());
                assert!(
                    shows(&cells[1], &d["mean"]),
                    "{} vs {}",
                    cells[1],
                    d["mean"]
                );
                if cells[2] == "exact: everyone answered" {
                    // The whole team answered: the interval has no width.
                    assert_eq!(d["ci95"][0], d["ci95"][1], "{}", cells[2]);
                    assert_eq!(Some(d["n"].clone()), report.get("team_size").cloned());
                } else {
                    let (low, high) = cells[2].split_once(" to ").ok_or("interval")?;
                    assert!(
                        shows(low, &d["ci95"][0]) && shows(high, &d["ci95"][1]),
                        "{}",
                        cells[2]
                    );
                }
                if !d["rwg_j"].is_null() {
                    let shown = cells[3].split(' ').next().unwrap_or_default();
                    assert!(shows(shown, &d["rwg_j"]), "{} vs {}", cells[3], d["rwg_j"]);
                }
                match d["change"]["verdict"].as_str() {
                    Some(verdict) => {
                        assert!(cells[4].contains(verdict), "{} vs {verdict}", cells[4])
                    }
                    None => assert!(cells[4].starts_with('–'), "{}", cells[4]),
                }
            }
        }
    }
    Ok(())
}

/// A facilitator sets up a survey kept on the lighttpd share, checks the location, shares the
/// link; a second phone answers through it; the set-up page counts the answers.
/// Presses set-up's "Check this location" and waits (bounded) for its verdict.
async fn location_verdict(facilitator: &Browser) -> Result<String> {
    facilitator.click("check-storage").await?;
    let mut verdict = String::new();
    for _ in 0..100 {
        verdict = facilitator.text("create-status").await?;
        if verdict.contains("safe") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(verdict)
}

/// Set-up's "Check this location" against a folder served with the old, open WebDAV config:
/// each unsafe setting a browser can check is named with what to change, and the one it
/// cannot (CORS for any origin) is said to be unchecked.
#[tokio::test]
async fn set_up_names_each_unsafe_setting_of_an_open_folder() -> Result {
    let server = Server::start_from(
        &dist(),
        &root().join("tests/fixtures/lighttpd-unsafe.conf"),
        None,
    )?;
    let facilitator = Browser::start(Screen::Desktop).await?;
    facilitator
        .open(&format!("{}/setup/#/setup", server.base))
        .await?;
    facilitator.click("where-url").await?;
    facilitator
        .find("file-url")
        .await?
        .send_keys(&format!("{}/data/team.json", server.base))
        .await?;
    let verdict = location_verdict(&facilitator).await?;
    for expected in [
        "not safe",
        "accepts files that are not team files (PUT of team.candor-probe.html)",
        "allows deleting files",
        "lists the folder's files",
        "Not checked from a browser",
    ] {
        assert!(verdict.contains(expected), "{expected:?} in {verdict}");
    }
    facilitator
        .screenshot("desktop-setup-unsafe-location")
        .await?;
    facilitator.quit().await
}

#[tokio::test]
async fn set_up_share_and_answer_on_another_phone() -> Result {
    let server = Server::start(&dist())?;
    let file_url = format!("{}/data/platform.json", server.base);
    let facilitator = Browser::start(Screen::Desktop).await?;
    facilitator
        .open(&format!("{}/setup/#/setup", server.base))
        .await?;
    facilitator.find("create-survey").await?;
    facilitator.click("where-url").await?;
    facilitator
        .find("file-url")
        .await?
        .send_keys(&file_url)
        .await?;
    let verdict = location_verdict(&facilitator).await?;
    assert!(verdict.contains("This location is safe"), "{verdict}");
    let min_group = facilitator
        .driver
        .find(By::Css("input[type=number][min='3']"))
        .await?;
    min_group.clear().await?;
    min_group.send_keys("3").await?;
    facilitator.check_accessibility().await?;
    facilitator.screenshot("desktop-setup-create").await?;
    facilitator.click("create").await?;
    facilitator.find("share").await?;
    facilitator.find("qr").await?;
    // The page moved to the shared file's address and read it from there: it still says
    // what was done.
    let said = facilitator.text("setup-status").await?;
    assert!(said.contains("Survey created"), "{said}");
    facilitator.check_no_csp_violations().await?;
    facilitator.check_accessibility().await?;
    facilitator.screenshot("desktop-setup-share").await?;
    let link = facilitator
        .find("share-link")
        .await?
        .prop("value")
        .await?
        .ok_or("no link")?;
    assert!(
        link.starts_with(&format!("{}/#/take?src=", server.base)),
        "{link}"
    );
    let file = candor::model::load(&std::fs::read(server.data.join("platform.json"))?)?;
    assert_eq!(file.survey.min_group, 3);
    assert!(file.open_round().is_some());

    // Someone else's phone, from the shared link.
    let phone = Browser::start(Screen::Phone).await?;
    phone.open(&link).await?;
    phone.answer("safety-2", 6).await?;
    phone.answer("align-1", 5).await?;
    phone.find("submit").await?.scroll_into_view().await?;
    phone.click("submit").await?;
    let done = phone.text("submitted").await?;
    assert!(done.contains("saved to the team file"), "{done}");
    phone.quit().await?;

    // Two more answers arrive from elsewhere (the command-line tool), reaching the minimum.
    for value in ["4", "5"] {
        let mut out = Vec::new();
        let code = candor::cli::run(
            &[
                "submit".into(),
                file_url.clone().into(),
                "--answer".into(),
                format!("safety-2={value}").into(),
            ],
            &mut out,
            &mut Vec::new(),
        );
        assert_eq!(code, 0);
    }
    facilitator.reload().await?;
    let rounds = facilitator.text("rounds").await?;
    assert!(rounds.contains("open, 3 answers"), "{rounds}");
    facilitator.screenshot("desktop-setup-counted").await?;
    facilitator.quit().await
}

/// An intranet page with the iframe snippet from the set-up page: the frame grows to the
/// survey's height and shrinks back, as Candor posts its height.
#[tokio::test]
async fn an_embedded_survey_sizes_its_frame() -> Result {
    let host = std::env::temp_dir().join(format!("candor-intranet-{}", std::process::id()));
    std::fs::create_dir_all(&host)?;
    let host_dir = host.display().to_string();
    let server = Server::start_with(&dist(), move |config| {
        format!("{config}\nalias.url += (\"/intranet/\" => \"{host_dir}/\")\n")
    })?;
    shared_team_file(&server)?;
    let link = candor::share::respondent_link(
        &format!("{}/setup/#/setup", server.base),
        candor::route::Bundle::Setup,
        Some(&format!("{}/data/team.json", server.base)),
        true,
    );
    let snippet = candor::share::iframe_snippet(&link, &server.base);
    std::fs::write(
        host.join("index.html"),
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Intranet</title></head>\
             <body><h1>Team space</h1>{snippet}<p>Footer</p></body></html>"
        ),
    )?;
    let browser = Browser::start(Screen::Desktop).await?;
    browser.open(&format!("{}/intranet/", server.base)).await?;
    let mut height = 0;
    for _ in 0..150 {
        height = browser
            .eval("return Number(document.getElementById('candor-survey').height);")
            .await?
            .as_i64()
            .unwrap_or(0);
        if height > 1500 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        height > 1500,
        "the 14-question form is taller than 1500 px, frame is {height}"
    );
    // The frame is as tall as the survey inside it: nothing to scroll within the frame.
    let inner = browser
        .eval("return document.getElementById('candor-survey').contentDocument.body.offsetHeight;")
        .await?
        .as_i64()
        .unwrap_or(0);
    assert!(
        (height - inner).abs() <= 2,
        "frame {height}, content {inner}"
    );
    let header = browser
        .eval("return document.getElementById('candor-survey').contentDocument.querySelector('[data-testid=header]') === null;")
        .await?;
    assert_eq!(header, true, "no Candor header inside the frame");
    browser.screenshot("desktop-embedded").await?;
    browser.quit().await?;
    let _ = std::fs::remove_dir_all(&host);
    Ok(())
}

/// The dashboard's exports: the CSV holds exactly the engine's numbers (as `candor report
/// --format csv`), and each chart downloads as SVG and as PNG.
#[tokio::test]
async fn the_dashboard_exports_csv_svg_and_png() -> Result {
    let server = Server::start(&dist())?;
    let downloads = std::env::temp_dir().join(format!("candor-downloads-{}", std::process::id()));
    std::fs::create_dir_all(&downloads)?;
    let browser = Browser::start(Screen::Desktop).await?;
    browser.download_into(&downloads).await?;
    browser
        .open(&format!("{}/results/#/results?src=demo.json", server.base))
        .await?;
    browser.find("comments").await?;
    browser.click("export-csv").await?;
    for format in ["svg", "png"] {
        browser
            .driver
            .find(By::Css(format!(
                "[data-action=\"{format}\"][data-chart=\"chart-alignment\"]"
            )))
            .await?
            .click()
            .await?;
    }
    let file = |name: &str| downloads.join(name);
    let names = [
        "demo-results.csv",
        "demo-chart-alignment.svg",
        "demo-chart-alignment.png",
    ];
    let start = std::time::Instant::now();
    while names.iter().any(|n| !file(n).exists()) && start.elapsed().as_secs() < 15 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let png = std::fs::read(file("demo-chart-alignment.png"))?;
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let svg = std::fs::read_to_string(file("demo-chart-alignment.svg"))?;
    assert!(
        svg.starts_with("<?xml")
            && svg.contains("<svg")
            && svg.contains("xmlns=\"http://www.w3.org/2000/svg\"")
    );

    let mut expected = Vec::new();
    let demo = root().join("assets/demo.json");
    let code = candor::cli::run(
        &[
            "report".into(),
            demo.display().to_string().into(),
            "--format".into(),
            "csv".into(),
        ],
        &mut expected,
        &mut Vec::new(),
    );
    assert_eq!(code, 0);
    let expected = String::from_utf8(expected)?;
    let got = std::fs::read_to_string(file("demo-results.csv"))?;
    let (expected, got): (Vec<&str>, Vec<&str>) =
        (expected.lines().collect(), got.lines().collect());
    assert_eq!(got.len(), expected.len());
    for (a, b) in got.iter().zip(&expected) {
        // Same cells; numbers equal as numbers (the browser writes them the JavaScript way,
        // and wasm's ln/exp may differ from the native ones in the last bit or two).
        for (x, y) in a.split(',').zip(b.split(',')) {
            match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(x), Ok(y)) => assert!((x - y).abs() <= 1e-12 * y.abs().max(1.0), "{x} vs {y}"),
                _ => assert_eq!(x, y),
            }
        }
    }
    browser.quit().await?;
    let _ = std::fs::remove_dir_all(&downloads);
    Ok(())
}

/// Nothing jumps while a page loads, on the three pages, on a phone with a slow network (so
/// the loading state is painted before the content replaces it).
/// The team file named in the address is read while the app itself is still loading (by the
/// page's inline early read), and the app takes that read instead of asking again: one request per
/// page, a round trip sooner. The times, on a network with 300 ms of latency, are printed.
#[tokio::test]
async fn the_team_file_is_read_once_while_the_app_loads() -> Result {
    let server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let browser = Browser::start(Screen::Phone).await?;
    browser.slow_network(300).await?;
    browser.record_fetches().await?;
    for (page, file, ready) in [
        (
            "#/take?src=%2Fdata%2Fteam.json",
            "/data/team.json",
            "answer-safety-1-1",
        ),
        (
            "results/#/results?src=demo.json",
            "/results/demo.json",
            "comments",
        ),
        (
            "setup/#/setup?src=%2Fdata%2Fteam.json",
            "/data/team.json",
            "file",
        ),
    ] {
        browser.open(&format!("{}/{page}", server.base)).await?;
        browser.find(ready).await?;
        let reads = browser
            .eval(&format!(
                "return window.__fetches.filter(f => f.path === '{file}').map(f => f.by)"
            ))
            .await?;
        assert_eq!(reads, json!(["page"]), "{page}: reads of {file}");
        let times = browser
            .eval(&format!(
                "const [file] = performance.getEntriesByType('resource')
                   .filter(e => new URL(e.name).pathname === '{file}');
                 const wasm = performance.getEntriesByType('resource')
                   .find(e => e.name.endsWith('.wasm'));
                 return [Math.round(file.startTime), Math.round(wasm.responseEnd)]"
            ))
            .await?;
        println!(
            "{page}: team file requested at {} ms, wasm downloaded at {} ms",
            times[0], times[1]
        );
        // With 300 ms per round trip the margin is a whole round trip: the app's own read
        // could only start once its wasm had arrived (and compiled, and started).
        assert!(
            times[0].as_f64() < times[1].as_f64(),
            "{page}: the team file was asked for only after the wasm arrived: {times}"
        );
    }
    browser.quit().await
}

#[tokio::test]
async fn pages_do_not_shift_while_loading() -> Result {
    let server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let browser = Browser::start(Screen::Phone).await?;
    browser.slow_network(300).await?;
    for (page, ready) in [
        ("setup/#/setup?src=%2Fdata%2Fteam.json", "file"),
        ("#/take?src=%2Fdata%2Fteam.json", "answer-safety-1-1"),
        ("results/#/results?src=demo.json", "comments"),
    ] {
        browser.open(&format!("{}/{page}", server.base)).await?;
        browser.find(ready).await?;
        // Layout-shift entries reach the observer a little after the frame.
        tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
        browser
            .check_layout_stable()
            .await
            .map_err(|e| format!("{page}: {e}"))?;
    }
    browser.quit().await
}
