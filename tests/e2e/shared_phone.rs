//! One phone, several people: what the next person on a device can learn of the one before.
//! On a device the person marked as shared, and on this device's store, the next person sees
//! nothing of the last one (in the form, after a reload, through the back button) and cannot
//! change or withdraw their response; a personal phone handed on can be made shared from the
//! "You answered this round" card; a phone forgets its own responses once their round closes.
//! The survey page links to no results and no file.

use candor::model::{self, Document};

use super::support::{Browser, Result, Screen, Server};
use super::{dist, shared_team_file};

/// What the first person writes: it must never reach the next person's screen.
const CANARY: &str = "first-person-canary";

fn stored(server: &Server) -> Result<Document> {
    Ok(model::load(&std::fs::read(server.data.join("team.json"))?)?)
}

/// What this device remembers of its own responses (localStorage), as text.
async fn remembered(phone: &Browser) -> Result<String> {
    let mine = phone
        .eval("return localStorage.getItem('candor:mine') || '';")
        .await?;
    Ok(mine.as_str().unwrap_or_default().to_owned())
}

/// Nothing of the first person on screen: no canary anywhere in the page, no answer chosen, no
/// offer to change or withdraw, and nothing remembered.
async fn shows_nothing_of_the_first(phone: &Browser, moment: &str) -> Result {
    phone.find("answer-safety-2-6").await?;
    let page = phone
        .eval("return document.documentElement.outerHTML;")
        .await?;
    let page = page.as_str().unwrap_or_default();
    assert!(!page.contains(CANARY), "{moment}: the comment is on screen");
    let chosen = phone
        .eval("return document.querySelectorAll('input[type=radio]:checked').length;")
        .await?;
    assert_eq!(chosen, 0, "{moment}: an answer is chosen");
    let comment = phone
        .eval("return document.querySelector('[data-testid=comment]')?.value ?? '';")
        .await?;
    assert_eq!(comment, "", "{moment}: the comment box is filled");
    for offer in ["answered-before", "change-answers", "withdraw", "changing"] {
        assert!(!phone.exists(offer).await?, "{moment}: {offer} is offered");
    }
    assert_eq!(
        remembered(phone).await?,
        "",
        "{moment}: a response is remembered"
    );
    Ok(())
}

/// Answers safety-2 with `value` and the comment `comment`, and sends.
async fn answer_and_send(phone: &Browser, value: u8, comment: &str) -> Result {
    phone.answer("safety-2", value).await?;
    if !comment.is_empty() {
        phone.type_comment(comment).await?;
    }
    phone.find("submit").await?.scroll_into_view().await?;
    phone.click("submit").await?;
    let done = phone.text("submitted").await?;
    assert!(done.contains("saved to the team file"), "{done}");
    Ok(())
}

#[tokio::test]
async fn two_people_on_a_shared_phone_see_nothing_of_each_other() -> Result {
    let server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let link = format!("{}/#/take?src=%2Fdata%2Fteam.json", server.base);
    let phone = Browser::start(Screen::Phone).await?;
    phone.open("about:blank").await?;
    phone.open(&link).await?;

    // The survey says where answers go, and links to no results and no file.
    let destination = phone.text("destination").await?;
    assert!(destination.contains("127.0.0.1"), "{destination}");
    assert!(
        !phone.exists("destination-warning").await?,
        "opened directly: nothing to warn about"
    );
    let header = phone.text("header").await?;
    assert!(
        !header.contains("Results") && !header.contains("Set up"),
        "{header}"
    );

    // The first person says the phone is shared, answers with a comment and sends.
    phone.click("shared-device").await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-take-shared-device").await?;
    answer_and_send(&phone, 6, CANARY).await?;
    let thanks = phone.text("submitted").await?;
    assert!(
        thanks.contains("Nothing of your answers is kept"),
        "{thanks}"
    );
    phone.screenshot("phone-take-shared-sent").await?;

    // The next person: after "Next person", after a reload, and back and forward again.
    phone.click("next-person").await?;
    shows_nothing_of_the_first(&phone, "after next person").await?;
    phone.reload().await?;
    shows_nothing_of_the_first(&phone, "after a reload").await?;
    assert_eq!(
        phone
            .find("shared-device")
            .await?
            .prop("checked")
            .await?
            .as_deref(),
        Some("true"),
        "the device stays marked as shared"
    );
    phone.driver.back().await?;
    phone.driver.forward().await?;
    shows_nothing_of_the_first(&phone, "after back and forward").await?;

    // The second person answers: both responses count, nothing was replaced or withdrawn.
    answer_and_send(&phone, 3, "").await?;
    let file = stored(&server)?;
    assert_eq!(file.responses.len(), 2);
    assert!(file.removed.is_empty(), "nothing replaced or withdrawn");
    let mut values: Vec<_> = file
        .responses
        .iter()
        .filter_map(|r| r.answers.get("safety-2"))
        .collect();
    values.sort_unstable();
    assert_eq!(values, [3, 6]);
    phone.quit().await
}

#[tokio::test]
async fn a_personal_phone_handed_on_and_a_closed_round_forget_the_response() -> Result {
    let server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let link = format!("{}/#/take?src=%2Fdata%2Fteam.json", server.base);
    let phone = Browser::start(Screen::Phone).await?;
    phone.open(&link).await?;
    // Its owner answers (a personal phone: it remembers, to change or withdraw later).
    answer_and_send(&phone, 5, CANARY).await?;
    assert_ne!(remembered(&phone).await?, "");

    // Handed to someone else, who says so: the form is empty and the response forgotten, so
    // the new person can neither see it nor change or withdraw it.
    phone.reload().await?;
    phone.find("answered-before").await?;
    phone
        .screenshot("phone-take-answered-before-someone-else")
        .await?;
    phone.click("someone-else").await?;
    shows_nothing_of_the_first(&phone, "someone else").await?;
    phone.reload().await?;
    shows_nothing_of_the_first(&phone, "someone else, reloaded").await?;

    // A personal phone again remembers its own response ...
    phone.click("shared-device").await?;
    answer_and_send(&phone, 2, "").await?;
    assert_ne!(remembered(&phone).await?, "");
    // While it changes that response, it cannot turn shared (the change would become a
    // second response).
    phone.reload().await?;
    phone.click("change-answers").await?;
    phone.find("changing").await?;
    assert_eq!(
        phone
            .find("shared-device")
            .await?
            .prop("disabled")
            .await?
            .as_deref(),
        Some("true")
    );
    // ... until the round closes: then there is nothing left to change, and it is forgotten.
    let path = server.data.join("team.json");
    let mut team = stored(&server)?;
    for round in &mut team.rounds {
        round.closed = true;
    }
    std::fs::write(&path, model::to_canonical_bytes(&team))?;
    phone.reload().await?;
    phone.find("no-open-round").await?;
    assert_eq!(remembered(&phone).await?, "", "closed round forgotten");
    phone.quit().await
}

/// This device's store (a phone passed around a meeting) is always shared.
#[tokio::test]
async fn the_device_store_shows_the_next_person_nothing() -> Result {
    let server = Server::start(&dist())?;
    let phone = Browser::start(Screen::Phone).await?;
    phone
        .open(&format!("{}/setup/#/setup", server.base))
        .await?;
    phone.click("create").await?;
    phone.find("share").await?;
    phone.open(&format!("{}/#/take", server.base)).await?;
    assert!(!phone.exists("shared-device").await?, "always shared");
    answer_and_send(&phone, 6, CANARY).await?;
    phone.click("next-person").await?;
    shows_nothing_of_the_first(&phone, "device store, next person").await?;
    phone.reload().await?;
    shows_nothing_of_the_first(&phone, "device store, reloaded").await?;
    phone.quit().await
}

/// A one-page web server on 127.0.0.1 (another origin than Candor's: another port), serving
/// `page` to every request until the test ends.
fn host_page(page: String) -> Result<String> {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    Ok(base)
}

/// The intranet page that embeds the survey (the snippet set-up gives), recording every
/// height message it receives; a second frame asks for no referrer, so it is told nothing.
#[tokio::test]
async fn an_embedded_survey_tells_only_its_host_and_never_shrinks() -> Result {
    let server = Server::start(&dist())?;
    shared_team_file(&server)?;
    let link = format!("{}/#/take?src=%2Fdata%2Fteam.json&embed=1", server.base);
    let snippet = candor::share::iframe_snippet(&link, &server.base);
    let page = format!(
        "<!doctype html><title>Intranet</title>\
         <script>window.heights = []; addEventListener('message', e => \
         window.heights.push([e.origin, e.source === frames[0] ? 0 : 1, e.data && e.data.candorHeight]));</script>\
         {snippet}\
         <iframe src=\"{link}\" referrerpolicy=\"no-referrer\" title=\"No referrer\"></iframe>"
    );
    let host = host_page(page)?;
    let browser = Browser::start(Screen::Desktop).await?;
    browser.open(&format!("{host}/")).await?;
    let heights = || async {
        let all = browser.eval("return window.heights;").await?;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(
            all.as_array().cloned().unwrap_or_default(),
        )
    };
    // The survey draws in parts; wait until the form is whole and its height has settled.
    browser.driver.enter_frame(0).await?;
    browser.find("submit").await?;
    // The page that embeds it is on another host than the team file: the survey says so.
    let warning = browser.text("destination-warning").await?;
    assert!(warning.contains(&host.replace("http://", "")), "{warning}");
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    browser.driver.enter_default_frame().await?;
    let before = heights().await?;
    assert!(!before.is_empty(), "the host was told the survey's height");
    for message in &before {
        assert_eq!(
            message[0],
            server.base.as_str(),
            "from Candor's origin: {message}"
        );
        assert_eq!(
            message[1], 0,
            "only the frame that sent its referrer tells: {message}"
        );
    }
    let tallest = before
        .iter()
        .filter_map(|m| m[2].as_f64())
        .fold(0.0, f64::max);
    assert!(
        tallest > 640.0,
        "the whole form is taller than the frame: {tallest}"
    );

    // Someone answers (the form may grow by a "clear" button) ...
    browser.driver.enter_frame(0).await?;
    browser.answer("safety-2", 5).await?;
    browser.find("submit").await?.scroll_into_view().await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    browser.driver.enter_default_frame().await?;
    let before = heights().await?;
    let scrolled = || browser.eval("return window.scrollY;");
    let scrolled_before = scrolled().await?;
    // ... and sends: the thank-you is shorter, and the host hears nothing of it.
    browser.driver.enter_frame(0).await?;
    browser.click("submit").await?;
    browser.find("submitted").await?;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    browser.screenshot("desktop-take-embedded-sent").await?;
    browser.driver.enter_default_frame().await?;
    let after = heights().await?;
    assert_eq!(
        after, before,
        "sending changed what the host was told: {before:?} -> {after:?}"
    );
    assert_eq!(
        scrolled().await?,
        scrolled_before,
        "sending scrolled the host page"
    );
    // The frame is as tall as the tallest the survey has been.
    let tallest = after
        .iter()
        .filter_map(|m| m[2].as_f64())
        .fold(0.0, f64::max);
    let frame = browser
        .eval("return document.getElementById('candor-survey').height;")
        .await?;
    assert_eq!(
        frame.as_str().map(str::to_owned),
        Some(format!("{}", tallest.ceil()))
    );

    // The next visit opens on the same form: an embedded survey remembers no response, so its
    // height cannot tell the host page that this visitor answered before.
    browser.open(&format!("{host}/")).await?;
    browser.driver.enter_frame(0).await?;
    browser.find("submit").await?;
    assert!(!browser.exists("answered-before").await?);
    assert!(!browser.exists("shared-device").await?, "nothing to choose");
    browser.driver.enter_default_frame().await?;
    browser.quit().await
}
