//! Retro mode at the sizes of a meeting room's screen (1920 x 1080) and a projector
//! (1280 x 720): reached from the dashboard's button, every slide reached by keyboard alone,
//! the position always shown, the type large enough to read from the back of the room, the
//! actions due reviewed first, axe clean in light and dark.

use thirtyfour::prelude::*;

use crate::support::{Browser, Result, Screen, Server, root};

fn dist() -> std::path::PathBuf {
    root().join("dist")
}

/// The slides the shipped demo's retro has, as the pure layer draws them.
fn expected_slides() -> Result<usize> {
    let doc = candor::model::load_full(&std::fs::read(root().join("assets/demo.json"))?)?;
    let report = candor::stats::report(&doc, 1);
    Ok(candor::dashboard::retro::slides(&candor::i18n::Texts::english(), &doc, &report).len())
}

async fn shown_slide(browser: &Browser) -> Result<(usize, String)> {
    let shown = browser
        .eval(
            "const s = [...document.querySelectorAll('.retro .slide')].filter(s => !s.hidden); \
             return [s.length, s.length ? s[0].dataset.slide : '', s.length ? s[0].textContent : ''];",
        )
        .await?;
    assert_eq!(shown[0], 1, "exactly one slide on screen");
    let at: usize = shown[1].as_str().unwrap_or_default().parse()?;
    Ok((at, shown[2].as_str().unwrap_or_default().to_owned()))
}

/// The smallest font size, in CSS pixels, of the text (paragraphs and list items) on the
/// slide on screen.
async fn smallest_text_px(browser: &Browser) -> Result<f64> {
    let px = browser
        .eval(
            "const sizes = [...document.querySelectorAll('.retro .slide:not([hidden]) :is(p, li)')] \
               .filter(e => e.offsetParent !== null && e.textContent.trim()) \
               .map(e => parseFloat(getComputedStyle(e).fontSize)); \
             return sizes.length ? Math.min(...sizes) : null;",
        )
        .await?;
    Ok(px.as_f64().unwrap_or(f64::INFINITY))
}

async fn retro_at(screen: Screen) -> Result {
    let server = Server::start(&dist())?;
    let count = expected_slides()?;
    let browser = Browser::start(screen).await?;
    browser
        .open(&format!("{}/results/#/results?src=demo.json", server.base))
        .await?;
    browser.click("retro").await?;
    browser.find("retro").await?;
    let hash = browser.eval("return location.hash;").await?;
    assert_eq!(hash, "#/retro?src=demo.json");
    assert_eq!(
        browser.text("retro-position").await?,
        format!("1 of {count}")
    );
    let name = screen.name();
    // Forward with the arrow key and the clicker's Page Down; each slide checked.
    let keys = [Key::Right, Key::PageDown];
    let mut body_px = Vec::new();
    for i in 0..count {
        let (at, text) = shown_slide(&browser).await?;
        assert_eq!(at, i);
        assert_eq!(
            browser.text("retro-position").await?,
            format!("{} of {count}", i + 1)
        );
        browser.check_no_horizontal_scroll().await?;
        body_px.push(smallest_text_px(&browser).await?);
        match i {
            0 => assert!(text.contains("Results of October 2026"), "{text}"),
            // Last time's actions first: October reviews what was due by then.
            1 => {
                assert!(text.contains("did we do it?"), "{text}");
                assert!(
                    text.contains("Blameless review of the September incident"),
                    "{text}"
                );
                assert!(text.contains("done in October 2026"), "{text}");
            }
            _ if i + 1 == count => assert!(text.contains("What do we try next?"), "{text}"),
            _ => {}
        }
        if matches!(i, 0 | 2) || i + 1 == count {
            browser.check_accessibility().await?;
        }
        browser
            .screenshot(&format!("{name}-retro-{}", i + 1))
            .await?;
        if i + 1 < count {
            browser.press(keys[i % keys.len()].clone()).await?;
        }
    }
    // Past the last slide nothing moves; Home goes back to the first, End to the last.
    browser.press(Key::Right).await?;
    assert_eq!(shown_slide(&browser).await?.0, count - 1);
    browser.press(Key::Home).await?;
    assert_eq!(shown_slide(&browser).await?.0, 0);
    browser.press(Key::End).await?;
    assert_eq!(shown_slide(&browser).await?.0, count - 1);
    browser.press(Key::Left).await?;
    assert_eq!(Some(shown_slide(&browser).await?.0), count.checked_sub(2));
    // Readable from the back of the room: body text at least 28 px on the big screen.
    let smallest = body_px.iter().copied().fold(f64::INFINITY, f64::min);
    eprintln!("{name}: smallest text on each slide, px: {body_px:?}");
    if matches!(screen, Screen::Room) {
        assert!(smallest >= 28.0, "body text {smallest} px at 1920");
    } else {
        assert!(smallest >= 20.0, "body text {smallest} px at 1280");
    }
    // Dark for a dim room, light for a bright one, whatever the laptop says.
    browser.click("retro-theme").await?;
    let dark = browser
        .eval("return getComputedStyle(document.querySelector('.retro')).backgroundColor;")
        .await?;
    assert_eq!(dark, "rgb(16, 16, 18)");
    browser.check_accessibility().await?;
    browser.screenshot(&format!("{name}-retro-dark")).await?;
    browser.check_no_csp_violations().await?;
    // Leaving goes back to the dashboard of the same file.
    browser.click_link("Leave").await?;
    browser.find("comments").await?;
    browser.quit().await
}

#[tokio::test]
async fn retro_mode_on_a_meeting_room_screen() -> Result {
    retro_at(Screen::Room).await
}

#[tokio::test]
async fn retro_mode_on_a_projector() -> Result {
    retro_at(Screen::Projector).await
}
