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

/// Waits until the view shows all of its cards (the participation card comes last but one).
async fn complete(browser: &Browser, limit: Duration) -> Result {
    let start = Instant::now();
    loop {
        let done = browser
            .eval("return !!document.querySelector('[data-testid=org-participation]') && !document.querySelector('.org[aria-busy]');")
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
    put(&http, &format!("{base}/org.json"), org.to_text().into_bytes()).await?;
    for (t, file) in files.iter().enumerate() {
        let url = format!("{base}/teams/team-{t}.json");
        match file {
            Some(doc) => put(&http, &url, model::to_canonical_bytes(doc)).await?,
            None if t == INVALID => {
                put(&http, &url, br#"{"format": "candor", "version": 2, "survey": 7}"#.to_vec())
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
    assert_eq!(path.as_str(), Some("/org/"), "the link opens the organisation page");

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
    let title = browser.eval("return document.querySelector('.org-head h1').textContent;").await?;
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
                 return th ? [...th.parentElement.querySelectorAll('td')].map(td => td.textContent) : null;",
                NAMES[quiet]
            ))
            .await?;
        let cells: Vec<String> = serde_json::from_value(row)?;
        assert_eq!(cells.len(), native.dimensions.len());
        assert!(cells.iter().all(|c| c == "too few"), "{}: {cells:?}", NAMES[quiet]);
    }
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
    assert!(problems.contains("Billing: there is no team file"), "{problems}");
    assert!(problems.contains("Identity: the file is not valid"), "{problems}");
    assert!(browser.text("org-differences").await?.contains("Psychological safety"));
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
