//! Keyboard only: a person who cannot use a pointer answers the whole survey with Tab, Space
//! and the arrow keys, sends it with Enter, and sets up a survey the same way. Focus is
//! always visible where it lands.

use thirtyfour::prelude::*;

use crate::server::Server;
use crate::support::{Browser, Result, Screen};
use crate::{dist, shared_team_file};

/// Presses Tab until the focus is on something whose description starts with `target`;
/// fails after `limit` presses (focus order that makes a person press Tab many times is a bug).
async fn tab_to(browser: &Browser, target: &str, limit: usize) -> Result<usize> {
    let mut walked = Vec::new();
    for presses in 1..=limit {
        browser.press(Key::Tab).await?;
        let here = browser.focused().await?;
        if here.starts_with(target) {
            return Ok(presses);
        }
        walked.push(here);
    }
    Err(format!("{target} not reached with {limit} Tabs; focus went {walked:?}").into())
}

#[tokio::test]
async fn the_survey_is_answered_and_sent_with_the_keyboard_alone() -> Result {
    let server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let browser = Browser::start(Screen::Desktop).await?;
    browser
        .open(&format!("{}/#/take?src=%2Fdata%2Fteam.json", server.base))
        .await?;
    browser.find("answer-safety-1-1").await?;
    let team = candor::model::load(&std::fs::read(server.data.join("team.json"))?)?;
    let questions: Vec<String> = team
        .survey
        .active_questions()
        .map(|q| q.id.clone())
        .collect();

    // From the top of the page: the header's four links, then the first question.
    let presses = tab_to(&browser, "input#[q-safety-1=", 8).await?;
    assert!(presses <= 6, "{presses} Tabs to the first question");
    // The focused option's face carries the focus ring (the radio itself is hidden).
    let ring = browser
        .eval("return getComputedStyle(document.activeElement.nextElementSibling).outlineStyle;")
        .await?;
    assert_eq!(ring, serde_json::json!("solid"), "focus is visible");

    let mut chosen = Vec::new();
    for (i, question) in questions.iter().enumerate() {
        if i > 0 {
            // Past the previous question's "Clear answer" button, to this question's options.
            tab_to(&browser, &format!("input#[q-{question}="), 3).await?;
        }
        let value = 1 + (i % 7) as u8;
        browser.press(Key::Space).await?;
        for _ in 1..value {
            browser.press(Key::Right).await?;
        }
        assert_eq!(
            browser.focused().await?,
            format!("input#[q-{question}={value}]")
        );
        chosen.push((question.clone(), value));
    }
    assert_eq!(
        browser.text("progress").await?,
        format!("{n} of {n} answered", n = questions.len())
    );
    tab_to(&browser, "textarea#comment", 3).await?;
    browser.press("Typed without a mouse.").await?;
    tab_to(&browser, "button#submit", 3).await?;
    browser.screenshot("desktop-take-keyboard").await?;
    browser.press(Key::Enter).await?;
    let done = browser.text("submitted").await?;
    assert!(done.contains("saved to the team file"), "{done}");

    let stored = candor::model::load(&std::fs::read(server.data.join("team.json"))?)?;
    assert_eq!(stored.responses.len(), 1);
    let response = &stored.responses[0];
    for (question, value) in &chosen {
        assert_eq!(response.answers.get(question), Some(*value), "{question}");
    }
    assert_eq!(response.comment.as_deref(), Some("Typed without a mouse."));
    browser.quit().await
}

#[tokio::test]
async fn a_survey_is_set_up_with_the_keyboard_alone() -> Result {
    let server = Server::start(&dist())?;
    let browser = Browser::start(Screen::Phone).await?;
    browser
        .open(&format!("{}/setup/#/setup", server.base))
        .await?;
    browser.find("create-survey").await?;
    // The title is the form's first field; every choice has a sensible default, so Enter
    // there creates the survey.
    tab_to(&browser, "input#", 8).await?;
    browser.press(Key::Enter).await?;
    browser.find("share").await?;
    // Then on to the copy button, without a pointer.
    tab_to(&browser, "button#copy-link", 12).await?;
    browser.quit().await
}
