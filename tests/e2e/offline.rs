//! Offline install: a phone that opened a survey once opens and answers it again with the
//! server gone, and a new build is offered to running pages and taken on reload.

use std::path::Path;

use crate::server::Server;
use crate::support::{Browser, Result, Screen};
use crate::{dist, shared_team_file};

/// Waits until the service worker of this page is active, then reloads so that it controls
/// the page (a first visit is never taken over mid-way).
async fn installed(browser: &Browser) -> Result {
    browser
        .eval_async("navigator.serviceWorker.ready.then(() => done(true), () => done(false));")
        .await?;
    browser.reload().await?;
    let controlled = browser
        .eval("return navigator.serviceWorker.controller !== null;")
        .await?;
    assert_eq!(
        controlled,
        serde_json::json!(true),
        "the page is controlled"
    );
    Ok(())
}

#[tokio::test]
async fn a_phone_that_opened_the_survey_once_answers_it_without_a_network() -> Result {
    let mut server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let browser = Browser::start(Screen::Phone).await?;
    let link = format!("{}/#/take?src=%2Fdata%2Fteam.json", server.base);
    browser.open(&link).await?;
    browser.find("answer-align-2-6").await?;
    installed(&browser).await?;
    browser.find("answer-align-2-6").await?;
    let kept = browser
        .eval_async(
            "caches.open('candor-team-files').then((c) => c.keys())\
             .then((keys) => done(keys.map((k) => new URL(k.url).pathname)));",
        )
        .await?;
    assert_eq!(kept, serde_json::json!(["/data/team.json"]), "{kept}");
    // Installing fetched the respondent page only; the results page is kept once opened.
    let shell = "caches.keys().then((names) => caches.open(names.find((n) => n.startsWith('candor-shell-'))))\
                 .then((c) => c.keys()).then((keys) => done(keys.map((k) => new URL(k.url).pathname)));";
    let files = browser.eval_async(shell).await?;
    let files: Vec<&str> = files
        .as_array()
        .ok_or("no shell cache")?
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    assert!(files.contains(&"/index.html"), "{files:?}");
    assert!(
        files.iter().all(|f| !f.starts_with("/results/")),
        "{files:?}"
    );
    browser
        .open(&format!("{}/results/#/results?src=demo.json", server.base))
        .await?;
    browser.find("summary").await?;
    assert!(
        !browser.exists("offline-copy").await?,
        "read from the network"
    );

    // The server goes away; the phone opens the link again.
    server.stop();
    browser.open(&link).await?;
    browser.find("answer-align-2-6").await?;
    let said = browser.text("offline-copy").await?;
    assert!(said.contains("You are offline"), "{said}");
    browser.screenshot("phone-take-offline-copy").await?;
    browser.answer("align-2", 6).await?;
    browser.answer("safety-7", 5).await?;
    browser.click("submit").await?;
    let said = browser.text("submitted").await?;
    assert!(said.contains("kept on this phone"), "{said}");
    let outbox = browser
        .eval("return localStorage.getItem('candor:outbox');")
        .await?;
    assert!(
        outbox.as_str().is_some_and(|o| o.contains("align-2")),
        "the answers wait in the outbox: {outbox}"
    );
    browser.screenshot("phone-take-offline-install").await?;

    // The results page it opened before works too, with the demo team (part of the app, so
    // not an offline copy of anything), drawn in its drawing worker: the service worker keeps
    // the worker's files under the addresses of their build's version.
    browser
        .open(&format!("{}/results/#/results?src=demo.json", server.base))
        .await?;
    browser.find("summary").await?;
    let read_in = browser
        .eval("return document.querySelector('.dashboard').dataset.readIn;")
        .await?;
    assert_eq!(read_in, "worker", "the drawing worker started offline");
    // The team file's results come from the copy the phone read last, and say so.
    browser
        .open(&format!(
            "{}/results/#/results?src=%2Fdata%2Fteam.json",
            server.base
        ))
        .await?;
    let said = browser.text("offline-copy").await?;
    assert!(said.contains("last read the team file"), "{said}");
    browser.screenshot("phone-results-offline-copy").await?;
    browser.quit().await
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_new_version_is_offered_and_taken_on_reload() -> Result {
    // A copy of the build, so the test can publish a "new version" of it.
    let site = std::env::temp_dir().join(format!("candor-e2e-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&dist(), &site)?;
    let server = Server::start(&site)?;
    let browser = Browser::start(Screen::Phone).await?;
    browser.open(&format!("{}/", server.base)).await?;
    browser.find("home-view").await?;
    installed(&browser).await?;
    assert!(!browser.exists("update-bar").await?, "nothing new yet");
    let shells =
        "caches.keys().then((names) => done(names.filter((n) => n.startsWith('candor-shell-'))));";
    let before = browser.eval_async(shells).await?;

    let worker_path = site.join("sw.js");
    let worker = std::fs::read_to_string(&worker_path)?;
    // The version string, however the minifier spaced it: `VERSION="…"`.
    let name = worker.find("VERSION").ok_or("no VERSION in sw.js")?;
    let start = name
        + worker[name..]
            .find('"')
            .ok_or("no VERSION value in sw.js")?
        + 1;
    let next = format!("{}next{}", &worker[..start], &worker[start..]);
    std::fs::write(&worker_path, next)?;
    browser
        .eval_async("navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => done(true));")
        .await?;
    let offer = browser.text("update-bar").await?;
    assert!(
        offer.contains("A new version of Candor is ready"),
        "{offer}"
    );
    browser.check_accessibility().await?;
    browser.screenshot("phone-update-offered").await?;

    browser
        .find("update-bar")
        .await?
        .find(thirtyfour::By::Tag("button"))
        .await?
        .click()
        .await?;
    // The page reloads into the new version; the old version's files are gone.
    let mut after = before.clone();
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if let Ok(names) = browser.eval_async(shells).await {
            after = names;
            if after != before {
                break;
            }
        }
    }
    let after = after.as_array().cloned().unwrap_or_default();
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(
        after[0]
            .as_str()
            .is_some_and(|n| n.starts_with("candor-shell-next")),
        "{after:?}"
    );
    browser.find("home-view").await?;
    assert!(!browser.exists("update-bar").await?);
    browser.quit().await?;
    let _ = std::fs::remove_dir_all(&site);
    Ok(())
}
