//! The organisation view against SeaweedFS (S3-compatible storage on loopback): twelve teams in
//! nested groups, two of them below their minimum in every round, one whose file is missing
//! and one whose file is not a team file. The page (served by lighttpd, another origin) must
//! show the ten readable teams with the same numbers as the native report, grey "too few"
//! cells for the two quiet teams, totals that cover only the eight that released, and the two
//! problems with their reasons; at phone and desktop width, with no sideways scroll and no
//! accessibility violation.
//!
//! The benchmark of a thousand teams (ignored here; `scripts/bench-org.sh`) reads and draws
//! them in the browser and natively, and reports the times, the page's long tasks and the
//! peak memory.

use std::time::{Duration, Instant};

use candor::model::{self, Document};
use candor::org::report::{self, Period};
use candor::org::{Group, OrgFile, Team, synth};
use candor::route::percent_encode;

use super::dist;
use super::s3::S3;
use super::support::{Browser, Result, Screen, Server};

const NAMES: [&str; 12] = [
    "Checkout",
    "Payments API",
    "Fraud",
    "Search",
    "Catalogue",
    "Mobile app",
    "Web app",
    "Build & deploy",
    "Data platform",
    "Support tools",
    "Billing",
    "Identity",
];
/// Teams that answered too few in every round (3 of 5 needed).
const QUIET: [usize; 2] = [3, 7];
/// The team whose file is not there.
const MISSING: usize = 10;
/// The team whose file is not a team file.
const INVALID: usize = 11;

fn organisation() -> (OrgFile, Vec<Option<Document>>) {
    let mut org = OrgFile::new("Engineering <division>");
    let group = |id: &str, name: &str, parent: Option<&str>| Group {
        id: id.into(),
        name: name.into(),
        parent: parent.map(Into::into),
    };
    org.groups = vec![
        group("product", "Product", None),
        group("payments", "Payments", Some("product")),
        group("discovery", "Discovery", Some("product")),
        group("platform", "Platform", None),
    ];
    let group_of = |t: usize| match t {
        0..=2 => Some("payments"),
        3..=6 => Some("discovery"),
        7..=9 => Some("platform"),
        _ => None,
    };
    org.teams = NAMES
        .iter()
        .enumerate()
        .map(|(t, name)| Team {
            id: format!("team-{t}"),
            name: (*name).into(),
            group: group_of(t).map(Into::into),
            file: format!("teams/team-{t}.json"),
        })
        .collect();
    let files = (0..NAMES.len())
        .map(|t| match t {
            MISSING | INVALID => None,
            t if QUIET.contains(&t) => Some(synth::team(6, 3, t as u64)),
            t => Some(synth::team(6, 6 + t, t as u64)),
        })
        .collect();
    (org, files)
}

async fn put(http: &reqwest::Client, url: &str, body: Vec<u8>) -> Result {
    let status = http
        .put(url)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await?
        .status();
    if !status.is_success() {
        return Err(format!("PUT {url}: {status}").into());
    }
    Ok(())
}

/// Waits until the view shows all of its cards.
pub(super) async fn complete(browser: &Browser, limit: Duration) -> Result {
    let start = Instant::now();
    loop {
        let done = browser
            .eval("return !!document.querySelector('.org[data-drawn]') && !document.querySelector('.org[aria-busy]');")
            .await?;
        if done.as_bool() == Some(true) {
            return Ok(());
        }
        if browser.exists("org-error").await? {
            return Err(format!("the view failed: {}", browser.text("org-error").await?).into());
        }
        if start.elapsed() > limit {
            browser.screenshot("org-stuck").await?;
            return Err("the organisation view did not finish".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn organisation_at(screen: Screen) -> Result {
    let s3 = S3::start()?;
    let server = Server::start(&dist())?;
    let http = reqwest::Client::new();
    let (org, files) = organisation();
    let base = format!("{}/engineering", s3.bucket);
    put(
        &http,
        &format!("{base}/org.json"),
        org.to_text().into_bytes(),
    )
    .await?;
    for (t, file) in files.iter().enumerate() {
        let url = format!("{base}/teams/team-{t}.json");
        match file {
            Some(doc) => put(&http, &url, model::to_canonical_bytes(doc)).await?,
            None if t == INVALID => {
                put(
                    &http,
                    &url,
                    br#"{"format": "candor", "version": 2, "survey": 7}"#.to_vec(),
                )
                .await?
            }
            None => {}
        }
    }

    let browser = Browser::start(screen).await?;
    let name = screen.name();
    let downloads = std::env::temp_dir().join(format!("candor-org-downloads-{name}"));
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads)?;
    browser.download_into(&downloads).await?;
    // The address on the results page, as a link shared from it: it opens the organisation
    // page with the same parameters.
    let src = percent_encode(&format!("{base}/org.json"));
    browser
        .open(&format!("{}/results/#/org?src={src}", server.base))
        .await?;
    browser.find("org-view").await?;
    complete(&browser, Duration::from_secs(30)).await?;
    let path = browser.eval("return location.pathname;").await?;
    assert_eq!(
        path.as_str(),
        Some("/org/"),
        "the link opens the organisation page"
    );

    // What the native report says of the same files.
    let reads: Vec<report::TeamRead> = files
        .iter()
        .enumerate()
        .map(|(t, f)| f.clone().ok_or_else(|| format!("team {t} unread")))
        .collect();
    let native = report::build(&org, &reads, Period::Month);
    let latest = native.periods.last().ok_or("no period")?.clone();

    let read = browser.text("org-read").await?;
    assert!(read.contains("10 of 12 teams read"), "{read}");
    assert!(read.contains("2 could not be"), "{read}");
    let title = browser
        .eval("return document.querySelector('.org-head h1').textContent;")
        .await?;
    assert_eq!(title.as_str(), Some("Engineering <division>"));

    // Heatmap: every released cell with the native numbers; the quiet teams all "too few".
    let labels = browser
        .eval("return [...document.querySelectorAll('.heatmap td[aria-label]')].map(e => e.getAttribute('aria-label'));")
        .await?;
    let labels: Vec<String> = serde_json::from_value(labels)?;
    let mut expected = Vec::new();
    for team in &native.teams {
        for (dimension, dimension_name) in &native.dimensions {
            if let Some(cell) = team.cells.get(&(latest.clone(), dimension.clone())) {
                expected.push(format!(
                    "{}, {dimension_name}: {} (n = {})",
                    team.name,
                    candor::chart::fixed(cell.numbers.mean, 1),
                    cell.numbers.n
                ));
            }
        }
    }
    assert_eq!(labels.len(), expected.len(), "{labels:?}");
    for label in &expected {
        assert!(
            labels.iter().any(|l| l.starts_with(label.as_str())),
            "{label} not on the page: {labels:?}"
        );
    }
    for quiet in QUIET {
        let row = browser
            .eval(&format!(
                "const th = [...document.querySelectorAll('.heatmap th[scope=row]')].find(t => t.textContent === {:?}); \
                 return th ? [...th.parentElement.querySelectorAll('td.heat')].map(td => td.textContent) : null;",
                NAMES[quiet]
            ))
            .await?;
        let cells: Vec<String> = serde_json::from_value(row)?;
        assert_eq!(cells.len(), native.dimensions.len());
        assert!(
            cells.iter().all(|c| c == "too few"),
            "{}: {cells:?}",
            NAMES[quiet]
        );
    }
    // Participation beside each team: how many answered the released round.
    let answered = browser
        .eval("return [...document.querySelectorAll('.heatmap td.answered')].map(td => td.textContent);")
        .await?;
    let answered: Vec<String> = serde_json::from_value(answered)?;
    let mut expected_answered: Vec<String> = native
        .teams
        .iter()
        .map(|t| {
            t.answers
                .get(&latest)
                .map_or("–".to_owned(), |n| n.to_string())
        })
        .collect();
    let mut shown = answered.clone();
    expected_answered.sort();
    shown.sort();
    assert_eq!(shown, expected_answered);
    // Groups by their path; the missing and invalid teams (in no group) are not rows.
    let groups = browser
        .eval("return [...document.querySelectorAll('[data-testid=org-heat-group] h3')].map(h => h.textContent);")
        .await?;
    assert_eq!(
        groups,
        serde_json::json!(["Product › Payments", "Product › Discovery", "Platform"])
    );

    // Totals: pooled from the eight teams that released, out of the twelve listed.
    let totals = browser.text("org-totals").await?;
    assert!(totals.contains("covers 8 of 12 teams"), "{totals}");
    let whole = &native.scopes[0];
    let (first, _) = &native.dimensions[0];
    let pooled = whole.cells[&(latest.clone(), first.clone())].pooled;
    assert!(
        totals.contains(&candor::chart::fixed(pooled.mean, 2)),
        "{totals} lacks {}",
        pooled.mean
    );
    assert_eq!(pooled.teams, 8);
    let problems = browser.text("org-problems").await?;
    assert!(
        problems.contains("Billing: there is no team file"),
        "{problems}"
    );
    assert!(
        problems.contains("Identity: the file is not valid"),
        "{problems}"
    );
    assert!(
        browser
            .text("org-differences")
            .await?
            .contains("Psychological safety")
    );
    let trends = browser
        .eval("return document.querySelectorAll('[data-testid=org-trend] svg.trend').length;")
        .await?;
    // Per dimension: the organisation, Product, Payments, Discovery and Platform.
    assert_eq!(trends.as_u64(), Some(native.dimensions.len() as u64 * 5));

    let widths = browser
        .eval("return [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth, Math.max(...[...document.querySelectorAll('.card')].map(c => c.getBoundingClientRect().right))];")
        .await?;
    eprintln!("widths (document, body, window, rightmost card edge): {widths}");
    browser.screenshot(&format!("{name}-org-top")).await?;
    browser.check_no_horizontal_scroll().await?;
    browser.check_no_csp_violations().await?;
    browser.check_accessibility().await?;
    for testid in ["org-heat-group", "org-totals", "org-trend", "org-problems"] {
        browser.find(testid).await?.scroll_into_view().await?;
        browser.screenshot(&format!("{name}-{testid}")).await?;
    }

    // By quarter: the same teams, the period picker says quarters.
    browser
        .eval("const s = document.querySelector('[data-testid=org-period-kind]'); s.value = 'quarter'; s.dispatchEvent(new Event('change', {bubbles: true}));")
        .await?;
    let start = Instant::now();
    loop {
        let heading = browser
            .eval("const h = document.querySelector('[data-testid=org-heatmap] h2'); return h && h.textContent;")
            .await?;
        if heading.as_str() == Some("Teams in 2020-Q2") {
            break;
        }
        if start.elapsed() > Duration::from_secs(15) {
            return Err(format!("no quarter view: {heading}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    complete(&browser, Duration::from_secs(15)).await?;
    browser.check_no_horizontal_scroll().await?;

    // The exports: what the tool writes for the same files, by quarter.
    browser.find("org-csv").await?.click().await?;
    let csv_path = downloads.join("organisation.csv");
    let start = Instant::now();
    while !csv_path.exists() && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let csv = std::fs::read_to_string(&csv_path).map_err(|e| {
        let found: Vec<_> = std::fs::read_dir(&downloads)
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        format!("no {}: {e}; the folder holds {found:?}", csv_path.display())
    })?;
    let quarters = report::build(&org, &reads, Period::Quarter);
    assert_eq!(csv, report::to_csv(&quarters));

    browser.quit().await
}

#[tokio::test]
async fn organisation_at_phone_size() -> Result {
    organisation_at(Screen::Phone).await
}

#[tokio::test]
async fn organisation_at_desktop_size() -> Result {
    organisation_at(Screen::Desktop).await
}

/// Resident memory of Chromium's renderer processes (the page and its workers), in bytes.
fn renderer_memory() -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let dir = entry.path();
        let is_renderer = std::fs::read(dir.join("cmdline"))
            .map(|c| String::from_utf8_lossy(&c).contains("--type=renderer"))
            .unwrap_or(false);
        if !is_renderer {
            continue;
        }
        if let Ok(status) = std::fs::read_to_string(dir.join("status")) {
            total += kilobytes(&status, "VmRSS:") * 1024;
        }
    }
    total
}

fn kilobytes(status: &str, field: &str) -> u64 {
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs the command-line tool as its own process; its wall time and peak resident memory
/// (the kernel's high-water mark, read until it exits).
fn timed_tool(args: &[&str]) -> Result<(Duration, u64)> {
    let start = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            peak = peak.max(kilobytes(&status, "VmHWM:") * 1024);
        }
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                return Err(format!("candor {args:?} failed: {status}").into());
            }
            return Ok((start.elapsed(), peak));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A thousand teams (`CANDOR_ORG_TEAMS` to change) with twelve monthly rounds each on
/// SeaweedFS: the time to the complete organisation view in Chromium and with `candor org
/// report`, the page's long tasks while it reads, and the peak memory of both. Reported, not
/// asserted (see `scripts/bench-org.sh`).
#[tokio::test]
#[ignore = "benchmark: run by scripts/bench-org.sh"]
async fn bench_a_thousand_teams() -> Result {
    let teams: usize = std::env::var("CANDOR_ORG_TEAMS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1_000);
    let s3 = S3::start()?;
    let server = Server::start(&dist())?;
    let (org, docs) = synth::organisation(teams, 20, 12);
    let base = format!("{}/many", s3.bucket);
    let http = reqwest::Client::new();
    let files: Vec<(String, Vec<u8>)> = docs
        .iter()
        .enumerate()
        .map(|(t, doc)| {
            (
                format!("{base}/team-{t}.json"),
                model::to_canonical_bytes(doc),
            )
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, f)| f.len()).sum();
    for chunk in files.chunks(32) {
        let puts = chunk
            .iter()
            .map(|(url, body)| put(&http, url, body.clone()));
        for done in futures_util::future::join_all(puts).await {
            done?;
        }
    }
    let org_url = format!("{base}/org.json");
    put(&http, &org_url, org.to_text().into_bytes()).await?;
    println!(
        "BENCH org: {teams} teams x 12 rounds, {:.1} MB of team files on SeaweedFS (loopback)",
        bytes as f64 / 1e6
    );

    for period in ["month", "quarter"] {
        let (time, peak) = timed_tool(&["org", "report", &org_url, "--period", period])?;
        println!(
            "BENCH org native: candor org report --period {period}: {:.0} ms, peak memory {:.0} MB",
            time.as_secs_f64() * 1e3,
            peak as f64 / 1e6
        );
    }

    let browser = Browser::start(Screen::Desktop).await?;
    browser.record_long_tasks().await?;
    browser.open(&format!("{}/org/#/org", server.base)).await?;
    browser.find("org-make").await?;
    let before = renderer_memory();
    let src = percent_encode(&org_url);
    // The view is opened by changing the address, as a link does, and timed on the page's
    // own clock from that moment to the last card drawn, by a check that runs once per frame
    // in the page (polling from outside would itself run scripts on the page's thread).
    let script = format!(
        "window.__t0 = performance.now(); location.hash = '#/org?src={src}'; \
         let reading = null, first = null; \
         const check = () => {{ \
           const now = performance.now() - window.__t0; \
           if (reading === null && document.querySelector('[data-testid=org-progress]')) reading = now; \
           if (first === null && document.querySelector('[data-testid=org-view]')) first = now; \
           const error = document.querySelector('[data-testid=org-error]'); \
           if (error) return done({{error: error.textContent}}); \
           if (document.querySelector('.org[data-drawn]') && !document.querySelector('.org[aria-busy]')) return done({{at: now, reading, first}}); \
           if (now > 120000) return done({{error: 'not complete after 2 minutes'}}); \
           requestAnimationFrame(check); }}; \
         requestAnimationFrame(check);"
    );
    let sampling = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let sampling = sampling.clone();
        tokio::task::spawn_blocking(move || {
            let mut peak = 0;
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(renderer_memory());
                std::thread::sleep(Duration::from_millis(20));
            }
            peak
        })
    };
    let outcome = browser.eval_async(&script).await;
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak = sampler.await?.max(before);
    let outcome = outcome?;
    if let Some(error) = outcome["error"].as_str() {
        browser.screenshot("org-bench-failed").await?;
        return Err(error.to_owned().into());
    }
    let long = browser
        .eval("return window.__long.filter(([start]) => start >= window.__t0).map(([, d]) => Math.round(d));")
        .await?;
    let long: Vec<f64> = serde_json::from_value(long)?;
    let worst = long.iter().cloned().fold(0.0, f64::max);
    println!(
        "BENCH org browser: complete view in {:.0} ms (reading shown at {:.0} ms, first card at {:.0} ms); {} tasks over 50 ms on the page meanwhile (longest {worst:.0} ms); renderer memory {:.0} MB before, peak {:.0} MB",
        outcome["at"].as_f64().unwrap_or(f64::NAN),
        outcome["reading"].as_f64().unwrap_or(f64::NAN),
        outcome["first"].as_f64().unwrap_or(f64::NAN),
        long.len(),
        before as f64 / 1e6,
        peak as f64 / 1e6
    );
    // Where long frames went: style and layout, or scripts.
    let frames = browser
        .eval("return window.__frames.filter(([start]) => start >= window.__t0).map(f => f.map(Math.round));")
        .await?;
    println!(
        "BENCH org browser: frames over 50 ms [start, duration, render, style+layout, scripts] ms: {frames}"
    );
    let read = browser.text("org-read").await?;
    println!("BENCH org browser: {read}");
    browser.screenshot("desktop-org-thousand").await?;
    browser.quit().await
}

/// Types `value` into the `index`-th element matching `css`, as a person would (an input
/// event follows).
async fn type_into(browser: &Browser, css: &str, index: usize, value: &str) -> Result {
    let script = format!(
        "const e = document.querySelectorAll({css:?})[{index}]; if (!e) return false; \
         e.focus(); e.value = {value:?}; e.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
    );
    match browser.eval(&script).await?.as_bool() {
        Some(true) => Ok(()),
        _ => Err(format!("no {css} number {index}").into()),
    }
}

/// Waits until `script` returns true on the page.
async fn until(browser: &Browser, script: &str, what: &str) -> Result {
    let start = Instant::now();
    while browser.eval(script).await?.as_bool() != Some(true) {
        // (An error still on screen from before the last click is not this step's.)
        if start.elapsed() > Duration::from_secs(1) && browser.exists("org-make-error").await? {
            return Err(format!("{what}: {}", browser.text("org-make-error").await?).into());
        }
        if start.elapsed() > Duration::from_secs(20) {
            browser.screenshot("org-make-stuck").await?;
            return Err(format!("{what}: not after 20 s").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// An organisation file made on the organisation page from the links of two team files (and
/// one link to nothing, reported and kept in the box), named and grouped, written to the
/// shared folder with the write protocol; its view opened from there; then opened again by its
/// address, changed (a team removed) and written back over itself.
async fn made_opened_changed_and_written_back_at(screen: Screen) -> Result {
    let server = Server::start(&dist())?;
    let mut teams = Vec::new();
    for (t, title) in ["Checkout", "Search & discovery"].iter().enumerate() {
        let mut doc = synth::team(4, 6, 40 + t as u64);
        doc.survey.title = (*title).into();
        let name = format!("team-{t}.json");
        std::fs::write(server.data.join(&name), model::to_canonical_bytes(&doc))?;
        teams.push((format!("{}/data/{name}", server.base), doc));
    }
    let missing = format!("{}/data/gone.json", server.base);
    let org_url = format!("{}/data/engineering.json", server.base);
    let org_path = server.data.join("engineering.json");
    let rows = "return document.querySelectorAll('[data-testid=org-make-row]').length";

    let browser = Browser::start(screen).await?;
    browser.open(&format!("{}/org/#/org", server.base)).await?;
    browser.find("org-make").await?;
    type_into(&browser, "#org-title", 0, "Engineering").await?;
    let links = format!("{}\n{missing}\n{}", teams[0].0, teams[1].0);
    type_into(&browser, "#org-links", 0, &links).await?;
    browser.click("org-make-read").await?;
    until(&browser, &format!("{rows} === 2;"), "two teams read").await?;
    // The team names come from the files; the link to nothing is named and stays in the box.
    let names = browser
        .eval("return [...document.querySelectorAll('[data-testid=org-make-row] input[type=text]')].map(i => i.value);")
        .await?;
    assert_eq!(
        names,
        serde_json::json!(["Checkout", "", "Search & discovery", ""])
    );
    let unread = browser.text("org-make-unread").await?;
    assert!(unread.contains("gone.json"), "{unread}");
    let left = browser
        .eval("return document.querySelector('#org-links').value;")
        .await?;
    assert_eq!(left.as_str(), Some(missing.as_str()));

    type_into(
        &browser,
        "[data-testid=org-make-row] input[type=text]",
        1,
        "Product / Payments",
    )
    .await?;
    type_into(
        &browser,
        "[data-testid=org-make-row] input[type=text]",
        3,
        "Product",
    )
    .await?;
    browser.check_accessibility().await?;
    browser.check_no_horizontal_scroll().await?;
    browser
        .screenshot(&format!("{}-org-make", screen.name()))
        .await?;
    type_into(&browser, "#org-address", 0, &org_url).await?;
    browser.click("org-make-save").await?;
    browser.find("org-make-saved").await?;
    let written = candor::org::load(&std::fs::read(&org_path)?)?;
    assert_eq!(written.title, "Engineering");
    let entries = candor::org::entries(&written);
    let as_made: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.name.as_str(), e.group_path.as_str()))
        .collect();
    assert_eq!(
        as_made,
        [
            ("Checkout", "Product / Payments"),
            ("Search & discovery", "Product")
        ]
    );

    // Its view, from the link the page gives.
    browser.click_link("Open the organisation view").await?;
    browser.find("org-view").await?;
    complete(&browser, Duration::from_secs(20)).await?;
    let read = browser.text("org-read").await?;
    assert!(read.contains("2 of 2 teams read"), "{read}");

    // Changed later: opened by its address, one team removed, written back over itself.
    browser.open(&format!("{}/org/#/org", server.base)).await?;
    browser.find("org-make").await?;
    type_into(&browser, "#org-open", 0, &org_url).await?;
    browser.click("org-make-open").await?;
    until(&browser, &format!("{rows} === 2;"), "the file opened").await?;
    let form = browser
        .eval("return [document.querySelector('#org-title').value, document.querySelector('#org-address').value, [...document.querySelectorAll('[data-testid=org-make-row] input[type=text]')].map(i => i.value)];")
        .await?;
    assert_eq!(
        form,
        serde_json::json!([
            "Engineering",
            org_url,
            [
                "Checkout",
                "Product / Payments",
                "Search & discovery",
                "Product"
            ]
        ])
    );
    // Someone else changes the file meanwhile (a third team): writing back what was opened
    // would lose their change, so nothing is written and the page says to open it again.
    let mut theirs = written.clone();
    theirs.teams.push(candor::org::Team {
        id: "third".into(),
        name: "Third".into(),
        group: None,
        file: "third.json".into(),
    });
    std::fs::write(&org_path, theirs.to_text())?;
    browser.click("org-make-save").await?;
    let refused = browser.text("org-make-error").await?;
    assert!(
        refused.contains("changed or removed since it was opened"),
        "{refused}"
    );
    assert_eq!(candor::org::load(&std::fs::read(&org_path)?)?, theirs);
    // Opening it again replaces the teams listed: the page asks first (answered yes here).
    browser
        .eval("window.__asked = []; window.confirm = m => { window.__asked.push(m); return true; }; return true;")
        .await?;
    browser.click("org-make-open").await?;
    until(&browser, &format!("{rows} === 3;"), "the file opened again").await?;
    let asked = browser.eval("return window.__asked.length;").await?;
    assert_eq!(
        asked.as_u64(),
        Some(1),
        "asked once before replacing the teams"
    );

    browser
        .eval("document.querySelectorAll('[data-testid=org-make-row] button')[0].click(); return true;")
        .await?;
    until(&browser, &format!("{rows} === 2;"), "a team removed").await?;
    browser.click("org-make-save").await?;
    let saved = browser.text("org-make-saved").await?;
    assert!(saved.contains("was replaced"), "{saved}");
    let changed = candor::org::load(&std::fs::read(&org_path)?)?;
    let kept: Vec<(String, String, String)> = candor::org::entries(&changed)
        .into_iter()
        .map(|e| (e.name, e.group_path, e.file))
        .collect();
    assert_eq!(
        kept,
        [
            (
                "Search & discovery".into(),
                "Product".into(),
                teams[1].0.clone()
            ),
            ("Third".into(), String::new(), "third.json".into()),
        ]
    );
    browser.check_no_csp_violations().await?;
    browser.quit().await
}

#[tokio::test]
async fn an_organisation_file_is_made_opened_changed_and_written_back_on_a_phone() -> Result {
    made_opened_changed_and_written_back_at(Screen::Phone).await
}

#[tokio::test]
async fn an_organisation_file_is_made_opened_changed_and_written_back_on_a_desktop() -> Result {
    made_opened_changed_and_written_back_at(Screen::Desktop).await
}
