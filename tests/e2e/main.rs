//! End-to-end tests: the release build in dist/, served by lighttpd + mod_webdav on
//! 127.0.0.1, driven in headless Chromium at phone (360x740) and desktop size. Screenshots go
//! to screenshots/ for a person to look at.
//!
//! Run through scripts/test.sh, or after `trunk build --release`:
//! `cargo test --features e2e --test e2e -- --test-threads=1`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

use support::{Browser, Result, Screen, Server, root};

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

    for (link, testid) in [
        ("Take", "take-view"),
        ("Results", "results-view"),
        ("Set up", "setup-view"),
    ] {
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
    assert!(html.contains("id=\"skeleton\""));
    assert!(html.contains("Content-Security-Policy"));
    assert!(
        !html.contains("unsafe-inline"),
        "the policy must not allow inline code"
    );
    assert!(
        !html.contains("<script type=\"module\">"),
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
