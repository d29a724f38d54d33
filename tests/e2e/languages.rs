//! The survey in another language, at phone size: German because the browser prefers it (the
//! survey is translated into German, so its questions are German too), Arabic (right to left)
//! because the person chose it above the survey (the survey is not translated into Arabic, so
//! its questions stay English and the page says so). Each is laid out without sideways scroll
//! or text that spills out of its box, passes axe, and sends a response that is the same, field
//! for field, as one sent in English: the language is never stored.

use candor::i18n::{Catalog, DeskMsg, OrgMsg, ResultsMsg, SetupMsg, Texts};
use candor::model::{self, Document, templates};

use super::dist;
use super::support::{Browser, Result, Screen, Server};

/// The starter survey, in English and translated into German (not Arabic).
fn translated_team_file(server: &Server) -> Result {
    let survey = templates::survey_in(
        "team",
        templates::TITLE[0],
        &[&templates::SAFETY, &templates::ALIGNMENT],
        "en",
        &["de"],
    );
    let mut team = Document::new(survey);
    team.rounds
        .push(templates::monthly_round("2026-11-21").ok_or("round")?);
    std::fs::write(
        server.data.join("team.json"),
        model::to_canonical_bytes(&team),
    )?;
    Ok(())
}

/// The first dimension's heading and the language its section is marked with.
async fn first_dimension(phone: &Browser) -> Result<(String, String)> {
    let both = phone
        .eval(
            "const s = document.querySelector('[data-testid=take-view] section.dimension'); \
             return [s.querySelector('h2').textContent, s.lang];",
        )
        .await?;
    Ok((
        both[0].as_str().unwrap_or_default().to_owned(),
        both[1].as_str().unwrap_or_default().to_owned(),
    ))
}

/// The same answers, whoever gives them in whatever language.
const COMMENT: &str = "Mehr Zeit für Reviews";

fn stored(server: &Server) -> Result<Document> {
    Ok(model::load(&std::fs::read(server.data.join("team.json"))?)?)
}

/// The document's language and direction, as the page set them.
async fn lang_and_dir(phone: &Browser) -> Result<(String, String)> {
    let both = phone
        .eval("return [document.documentElement.lang, document.documentElement.dir];")
        .await?;
    Ok((
        both[0].as_str().unwrap_or_default().to_owned(),
        both[1].as_str().unwrap_or_default().to_owned(),
    ))
}

/// Waits (bounded) until the page is in `code`.
async fn wait_for_language(phone: &Browser, code: &str) -> Result {
    for _ in 0..150 {
        if lang_and_dir(phone).await?.0 == code {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!(
        "the page never switched to {code}: {:?}",
        lang_and_dir(phone).await?
    )
    .into())
}

/// No element's content is wider than its box (cut off, or running into its neighbour) and
/// nothing sits outside the screen's width. A table's own scrolling box (`.table-wrap`) may
/// be narrower than its table: that is what it is for.
async fn check_no_spilled_text(phone: &Browser) -> Result {
    let spilled = phone
        .eval(
            "const out = []; \
             for (const e of document.querySelectorAll('header *, main *')) { \
               if (e.closest('.visually-hidden, select, textarea, input, .table-wrap')) continue; \
               if (e.closest('details:not([open]) > :not(summary)')) continue; \
               const r = e.getBoundingClientRect(); \
               if (r.width === 0 || r.height === 0) continue; \
               const name = e.tagName.toLowerCase() + (e.dataset.testid ? '#' + e.dataset.testid : '') \
                 + ' \"' + (e.textContent || '').trim().slice(0, 30) + '\"'; \
               if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) out.push('wider than its box: ' + name); \
               if (r.left < -1 || r.right > window.innerWidth + 1) out.push('off screen: ' + name); \
             } \
             return out;",
        )
        .await?;
    if spilled.as_array().is_some_and(|s| !s.is_empty()) {
        return Err(format!("text spills: {spilled}").into());
    }
    Ok(())
}

/// Answers every question of `doc` (the same value pattern each time), writes the comment,
/// sends, and returns the thank-you card's text.
async fn answer_everything(phone: &Browser, doc: &Document) -> Result<String> {
    for (i, question) in doc.survey.active_questions().enumerate() {
        let value = u8::try_from(i % 7 + 1)?;
        phone.answer(&question.id, value).await?;
    }
    phone.type_comment(COMMENT).await?;
    phone.find("submit").await?.scroll_into_view().await?;
    phone.click("submit").await?;
    phone.text("submitted").await
}

/// A response with its random id taken out: what it says, and in which fields.
fn without_id(response: &model::Response) -> Result<serde_json::Value> {
    let mut value = serde_json::to_value(response)?;
    value
        .as_object_mut()
        .ok_or("a response is an object")?
        .remove("id");
    Ok(value)
}

#[tokio::test]
async fn the_survey_in_german_and_arabic_is_laid_out_and_stored_like_english() -> Result {
    let server = Server::start(&dist())?;
    translated_team_file(&server)?;
    let doc = stored(&server)?;
    let link = format!("{}/#/take?src=%2Fdata%2Fteam.json", server.base);

    // German, because the browser asks for it (Austrian German gets German).
    let german = Browser::start_speaking(Screen::Phone, Some("de-AT,de,en")).await?;
    let preferred = german.eval("return navigator.languages[0];").await?;
    assert_eq!(
        preferred, "de-AT",
        "the browser's preference was not applied"
    );
    german.open(&link).await?;
    wait_for_language(&german, "de").await?;
    assert_eq!(lang_and_dir(&german).await?.1, "ltr");
    german.find("answer-safety-1-1").await?;
    let intro = german.text("round-label").await?;
    assert!(intro.contains("Fragen:"), "{intro}");
    // The survey is translated into German: its questions are German, and nothing says
    // otherwise.
    assert_eq!(
        first_dimension(&german).await?,
        ("Psychologische Sicherheit".into(), "de".into())
    );
    assert!(!german.exists("language-note").await?);
    german.find("submit").await?;
    german.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&german).await?;
    german.check_accessibility().await?;
    german.screenshot("phone-take-de").await?;
    let thanks = answer_everything(&german, &doc).await?;
    assert!(thanks.contains("Vielen Dank"), "{thanks}");
    german.screenshot("phone-take-de-sent").await?;
    german.quit().await?;

    // Arabic, chosen above the survey by someone whose browser asks for English.
    let arabic = Browser::start_speaking(Screen::Phone, Some("en-GB,en")).await?;
    arabic.open(&link).await?;
    arabic.find("answer-safety-1-1").await?;
    assert_eq!(lang_and_dir(&arabic).await?, ("en".into(), "ltr".into()));
    assert!(!arabic.exists("language-note").await?);
    let switcher = arabic.find("language").await?;
    thirtyfour::components::SelectElement::new(&switcher)
        .await?
        .select_by_value("ar")
        .await?;
    wait_for_language(&arabic, "ar").await?;
    assert_eq!(lang_and_dir(&arabic).await?.1, "rtl");
    // Not translated into Arabic: the questions stay English, marked as such, and the page
    // says so in Arabic.
    assert_eq!(
        first_dimension(&arabic).await?,
        ("Psychological safety".into(), "en".into())
    );
    let note = arabic.text("language-note").await?;
    assert!(
        note.contains("English") && note.contains("الفريق"),
        "{note}"
    );
    // Remembered on this (personal) device: a reload comes back in Arabic.
    arabic.reload().await?;
    wait_for_language(&arabic, "ar").await?;
    arabic.find("submit").await?;
    let send = arabic.text("submit").await?;
    assert_eq!(send, "إرسال الإجابات");
    // The scale reads from the right, as an Arabic reader expects: 1 at the right end.
    let order = arabic
        .eval(
            "const x = v => document.querySelector(`[data-testid=answer-safety-1-${v}]`) \
               .getBoundingClientRect().left; \
             return [x(1), x(7)];",
        )
        .await?;
    assert!(
        order[0].as_f64() > order[1].as_f64(),
        "in Arabic the scale starts at the right: {order}"
    );
    // The round set-up named after its month is that month in Arabic, with Latin digits.
    let intro = arabic.text("round-label").await?;
    assert!(intro.contains("نوفمبر 2026"), "{intro}");
    arabic.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&arabic).await?;
    arabic.check_accessibility().await?;
    arabic.screenshot("phone-take-ar").await?;
    let thanks = answer_everything(&arabic, &doc).await?;
    assert!(thanks.contains("شكرًا"), "{thanks}");
    arabic.screenshot("phone-take-ar-sent").await?;

    // Marked as shared, the device forgets the choice: the next person gets the browser's.
    arabic.click("back-to-survey").await?;
    arabic.click("someone-else").await?;
    wait_for_language(&arabic, "en").await?;
    let kept = arabic
        .eval("return localStorage.getItem('candor:language');")
        .await?;
    assert!(kept.is_null(), "a shared device keeps the language: {kept}");
    arabic.reload().await?;
    arabic.find("answer-safety-1-1").await?;
    assert_eq!(lang_and_dir(&arabic).await?.0, "en");
    arabic.quit().await?;

    // The same answers in English.
    let english = Browser::start_speaking(Screen::Phone, Some("en-US,en")).await?;
    english.open(&link).await?;
    english.find("answer-safety-1-1").await?;
    let thanks = answer_everything(&english, &doc).await?;
    assert!(thanks.contains("Thank you"), "{thanks}");
    english.quit().await?;

    // Three responses, and apart from their random ids nothing tells them apart; the rest of
    // the file is as it was.
    let file = stored(&server)?;
    assert_eq!(file.responses.len(), 3);
    let first = without_id(&file.responses[0])?;
    for response in &file.responses[1..] {
        assert_eq!(without_id(response)?, first);
    }
    assert_eq!(first["comment"], COMMENT);
    let before = Document {
        responses: file.responses.clone(),
        ..doc
    };
    assert_eq!(file, before, "only the responses changed");
    let responses = serde_json::to_string(&file.responses)?;
    for telltale in ["\"de\"", "\"ar\"", "\"en\"", "lang", "Deutsch", "العربية"] {
        assert!(
            !responses.contains(telltale),
            "a response mentions {telltale}"
        );
    }
    Ok(())
}

/// Waits until `testid`'s text contains `part` (the page redraws after a change).
async fn wait_for_text(browser: &Browser, testid: &str, part: &str) -> Result<String> {
    let mut text = String::new();
    for _ in 0..100 {
        text = browser.text(testid).await.unwrap_or_default();
        if text.contains(part) {
            return Ok(text);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("{testid} never said {part:?}: {text:?}").into())
}

/// A facilitator sets up a survey in German, also asked in Arabic: the question sets come
/// translated, the title of the team's own is the one text left, and once it is translated an
/// Arabic reader gets the whole survey in Arabic, while a Spanish reader gets it in German and
/// is told so.
#[tokio::test]
async fn a_survey_set_up_in_german_and_translated_into_arabic_is_read_in_each() -> Result {
    use thirtyfour::prelude::*;
    let server = Server::start(&dist())?;
    let file_url = format!("{}/data/plattform.json", server.base);
    let facilitator = Browser::start(Screen::Desktop).await?;
    facilitator
        .open(&format!("{}/setup/#/setup", server.base))
        .await?;
    facilitator.find("create-survey").await?;
    let title = facilitator
        .driver
        .find(By::Css("input[name=title]"))
        .await?;
    title.clear().await?;
    title.send_keys("Plattform-Team").await?;
    thirtyfour::components::SelectElement::new(&facilitator.find("survey-language").await?)
        .await?
        .select_by_value("de")
        .await?;
    // The questions' own language is no further language to ask in; English now is one.
    let disabled = facilitator
        .eval("return ['en', 'de'].map(c => document.querySelector(`[data-testid=also-${c}]`).disabled);")
        .await?;
    assert_eq!(disabled, serde_json::json!([false, true]));
    facilitator.click("also-ar").await?;
    facilitator.click("where-url").await?;
    facilitator
        .find("file-url")
        .await?
        .send_keys(&file_url)
        .await?;
    facilitator.click("create").await?;
    facilitator.find("share").await?;

    // Arabic: everything but the team's own title came with the question sets.
    let left = wait_for_text(
        &facilitator,
        "untranslated-ar",
        "texts to translate: 1 (the title)",
    )
    .await?;
    assert!(left.contains("Deutsch"), "{left}");
    let arabic_title = facilitator
        .driver
        .find(By::Css("[data-subject='ar title']"))
        .await?;
    arabic_title.send_keys("فريق المنصة").await?;
    // The change is read when the field is left.
    facilitator.press(Key::Tab).await?;
    wait_for_text(&facilitator, "untranslated-ar", "complete").await?;
    facilitator
        .find("languages-edit")
        .await?
        .scroll_into_view()
        .await?;
    facilitator.check_no_horizontal_scroll().await?;
    facilitator.check_accessibility().await?;
    facilitator.screenshot("desktop-setup-languages").await?;
    facilitator.click("save-survey").await?;
    wait_for_text(&facilitator, "setup-status", "saved").await?;
    facilitator.quit().await?;

    let file = model::load(&std::fs::read(server.data.join("plattform.json"))?)?;
    assert_eq!(file.survey.language, "de");
    assert_eq!(file.survey.title, "Plattform-Team");
    assert_eq!(file.survey.languages().collect::<Vec<_>>(), ["de", "ar"]);
    assert!(file.survey.untranslated("ar").is_empty());
    let link = format!(
        "{}/#/take?src={}",
        server.base,
        file_url.replace(':', "%3A").replace('/', "%2F")
    );

    // The languages box and the translation fields at phone width.
    let phone = Browser::start(Screen::Phone).await?;
    phone
        .open(&format!(
            "{}/setup/#/setup?src=%2Fdata%2Fplattform.json",
            server.base
        ))
        .await?;
    wait_for_text(&phone, "untranslated-ar", "complete").await?;
    phone
        .find("languages-edit")
        .await?
        .scroll_into_view()
        .await?;
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-setup-languages").await?;
    phone
        .find("edit-safety-1")
        .await?
        .scroll_into_view()
        .await?;
    phone.screenshot("phone-setup-translated-question").await?;
    phone.quit().await?;

    // An Arabic reader: the page and the questions in Arabic, nothing to explain.
    let arabic = Browser::start_speaking(Screen::Phone, Some("ar")).await?;
    arabic.open(&link).await?;
    wait_for_language(&arabic, "ar").await?;
    arabic.find("answer-safety-1-1").await?;
    assert_eq!(
        first_dimension(&arabic).await?,
        ("الأمان النفسي".into(), "ar".into())
    );
    assert!(!arabic.exists("language-note").await?);
    let heading = arabic
        .eval("return document.querySelector('.intro h1').textContent;")
        .await?;
    assert_eq!(heading, "فريق المنصة");
    arabic.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&arabic).await?;
    arabic.check_accessibility().await?;
    arabic.screenshot("phone-take-ar-translated").await?;
    arabic.quit().await?;

    // And on a desktop: the same page, mirrored, with its columns in reading order.
    let desktop = Browser::start_speaking(Screen::Desktop, Some("ar")).await?;
    desktop.open(&link).await?;
    wait_for_language(&desktop, "ar").await?;
    desktop.find("answer-safety-1-1").await?;
    desktop.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&desktop).await?;
    desktop.check_accessibility().await?;
    desktop.screenshot("desktop-take-ar-translated").await?;
    desktop.quit().await?;

    // A Spanish reader: the page in Spanish, the questions in German, and a word on why.
    let spanish = Browser::start_speaking(Screen::Phone, Some("es-MX,es")).await?;
    spanish.open(&link).await?;
    wait_for_language(&spanish, "es").await?;
    spanish.find("answer-safety-1-1").await?;
    assert_eq!(
        first_dimension(&spanish).await?,
        ("Psychologische Sicherheit".into(), "de".into())
    );
    let note = spanish.text("language-note").await?;
    assert!(
        note.contains("Deutsch") && note.contains("equipo"),
        "{note}"
    );
    spanish.check_accessibility().await?;
    spanish.screenshot("phone-take-es-in-german").await?;
    spanish.quit().await
}

/// A text as WebDriver reads it off the page: no-break spaces as spaces, and the invisible
/// direction isolates left out (whether it keeps them is the driver's business).
fn as_read(text: &str) -> String {
    text.replace('\u{a0}', " ")
        .replace(['\u{2068}', '\u{2069}'], "")
}

/// The results page's texts in `code`, as the language file gives them.
fn results_texts(code: &str) -> Result<Texts<ResultsMsg>> {
    let json = std::fs::read_to_string(super::root().join(format!("assets/lang/{code}.json")))?;
    Ok(Texts::parse(&json)?.0)
}

/// The demo team as the results page reads it in `code` in `browser`: its survey in that
/// language, and its rounds named after their month in the browser's words for it.
async fn demo_in(browser: &Browser, code: &str) -> Result<(Document, candor::stats::Report)> {
    let mut doc = model::load_full(&std::fs::read(super::root().join("assets/demo.json"))?)?;
    doc.survey = doc
        .survey
        .in_language(code)
        .ok_or("the demo is translated")?;
    for round in &mut doc.rounds {
        let month = browser
            .eval(&format!(
                "return new Date('{}T12:00:00Z').toLocaleDateString('{code}-u-nu-latn', \
                 {{month: 'long', year: 'numeric', timeZone: 'UTC'}});",
                round.opened
            ))
            .await?;
        let month = month.as_str().unwrap_or_default().to_owned();
        if templates::monthly_round(&round.opened).is_some_and(|m| m.label == round.label) {
            round.label = month;
        }
    }
    let report = candor::stats::report(&doc, 1);
    Ok((doc, report))
}

/// Tabs through the page from its top, `presses` times, and returns where the focus went
/// (each stop described as in `Browser::focused`, with whether it was on screen).
async fn tab_walk(browser: &Browser, presses: usize) -> Result<Vec<(String, bool)>> {
    let mut walked = Vec::new();
    for _ in 0..presses {
        // Sent to the page, not to the focused element: a focused file picker would take the
        // key for a file's name.
        browser
            .driver
            .action_chain()
            .send_keys(thirtyfour::Key::Tab)
            .perform()
            .await?;
        let here = browser.focused().await?;
        let seen = browser
            .eval(
                "const r = document.activeElement.getBoundingClientRect(); \
                 return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight \
                   && r.right > 0 && r.left < innerWidth;",
            )
            .await?;
        walked.push((here, seen.as_bool().unwrap_or(false)));
    }
    Ok(walked)
}

#[tokio::test]
async fn the_results_are_read_in_german_arabic_and_spanish() -> Result {
    let server = Server::start(&dist())?;
    let demo = format!("{}/results/#/results?src=demo.json", server.base);

    // German, because the browser asks for it: the page's words, the engine's sentences and
    // the survey's own names are German, and decimals have a comma.
    let german = results_texts("de")?;
    let phone = Browser::start_speaking(Screen::Phone, Some("de-DE,de")).await?;
    let (doc, report) = demo_in(&phone, "de").await?;
    phone.open(&demo).await?;
    wait_for_language(&phone, "de").await?;
    phone.find("comments").await?;
    assert_eq!(
        as_read(&phone.text("summary").await?),
        as_read(&candor::stats::words::summary(&german, &doc, &report))
    );
    assert!(
        phone.text("summary").await?.contains(','),
        "no decimal comma"
    );
    let heading = phone
        .eval("return document.querySelector('[data-testid=dimension-safety] h2').textContent;")
        .await?;
    assert_eq!(heading, "Psychologische Sicherheit");
    assert_eq!(
        phone.text("export-csv").await?,
        german.get(ResultsMsg::DownloadCsv)
    );
    assert_eq!(phone.text("retro").await?, german.get(ResultsMsg::Present));
    phone.check_no_horizontal_scroll().await?;
    phone.screenshot("phone-results-de").await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    // A keyboard walk from the top to the first chart: the language switcher, the exports and
    // retro mode come first, each stop on screen when it has the focus; on the chart's point
    // the arrow keys read out the rounds, in German.
    let walked = walk_to(&phone, "circle#", 20).await?;
    let stops: Vec<&str> = walked.iter().map(String::as_str).collect();
    let at = |want: &str| stops.iter().position(|s| s.starts_with(want));
    let order = [
        at("select#language"),
        at("button#export-csv"),
        at("button#retro"),
    ];
    assert!(
        order.iter().all(Option::is_some) && order.is_sorted(),
        "focus went {stops:?}"
    );
    let readout = phone.text("readout-safety").await?;
    phone.press(thirtyfour::Key::Left).await?;
    let mut moved = readout.clone();
    for _ in 0..50 {
        moved = phone.text("readout-safety").await?;
        if moved != readout {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_ne!(moved, readout, "the arrow key did not move along the chart");
    assert!(moved.contains("n = ") && moved.contains(','), "{moved}");
    phone.quit().await?;

    // Arabic, chosen on the page by someone whose browser asks for English: right to left,
    // in Arabic, remembered on this device, and retro mode in Arabic too.
    let arabic = results_texts("ar")?;
    let desktop = Browser::start_speaking(Screen::Desktop, Some("en-GB,en")).await?;
    let (doc, report) = demo_in(&desktop, "ar").await?;
    desktop.open(&demo).await?;
    desktop.find("comments").await?;
    assert_eq!(lang_and_dir(&desktop).await?, ("en".into(), "ltr".into()));
    let switcher = desktop.find("language").await?;
    thirtyfour::components::SelectElement::new(&switcher)
        .await?
        .select_by_value("ar")
        .await?;
    wait_for_language(&desktop, "ar").await?;
    let expected = as_read(&candor::stats::words::summary(&arabic, &doc, &report));
    assert_eq!(
        as_read(&wait_for_text(&desktop, "summary", "نوفمبر").await?),
        expected
    );
    assert_eq!(lang_and_dir(&desktop).await?.1, "rtl");
    desktop.reload().await?;
    wait_for_language(&desktop, "ar").await?;
    desktop.find("comments").await?;
    assert_eq!(as_read(&desktop.text("summary").await?), expected);
    // The charts keep time running left to right: the latest round's point is rightmost.
    let points = desktop
        .eval(
            "const p = [...document.querySelectorAll('[data-testid=dimension-safety] svg .pt')]; \
             return [p[0].getBoundingClientRect().left, p[p.length - 1].getBoundingClientRect().left];",
        )
        .await?;
    assert!(points[0].as_f64() < points[1].as_f64(), "{points}");
    desktop.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&desktop).await?;
    desktop.check_accessibility().await?;
    desktop.screenshot("desktop-results-ar").await?;
    desktop.click("retro").await?;
    desktop.find("retro").await?;
    let count = candor::dashboard::retro::slides(&arabic, &doc, &report).len();
    let position = |at: usize| {
        arabic.fill(
            ResultsMsg::Position,
            &[("position", &at.to_string()), ("count", &count.to_string())],
        )
    };
    assert_eq!(desktop.text("retro-position").await?, position(1));
    // Right to left, the left arrow turns forward.
    desktop.press(thirtyfour::Key::Left).await?;
    assert_eq!(
        wait_for_text(&desktop, "retro-position", &position(2)).await?,
        position(2)
    );
    desktop.press(thirtyfour::Key::Right).await?;
    assert_eq!(
        wait_for_text(&desktop, "retro-position", &position(1)).await?,
        position(1)
    );
    desktop.press(thirtyfour::Key::Left).await?;
    wait_for_text(&desktop, "retro-position", &position(2)).await?;
    desktop.check_accessibility().await?;
    desktop.screenshot("desktop-retro-ar").await?;
    desktop.quit().await?;

    // Spanish, at phone size, from a big file (4,000 responses): the drawing worker draws in
    // the page's language.
    let spanish = results_texts("es")?;
    let big = candor::model::synth::synthetic(12, 4_000, 5);
    let bytes = model::to_canonical_bytes(&big);
    std::fs::write(server.data.join("big.json"), &bytes)?;
    let big_report = candor::stats::report(&big, 1);
    let phone = Browser::start_speaking(Screen::Phone, Some("es-ES,es")).await?;
    phone
        .open(&format!(
            "{}/results/#/results?src=%2Fdata%2Fbig.json",
            server.base
        ))
        .await?;
    wait_for_language(&phone, "es").await?;
    phone.find("comments").await?;
    let read_in = phone
        .eval("return document.querySelector('.dashboard').dataset.readIn;")
        .await?;
    assert_eq!(read_in, "worker");
    assert_eq!(
        as_read(&phone.text("summary").await?),
        as_read(&candor::stats::words::summary(&spanish, &big, &big_report))
    );
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-results-es").await?;
    phone.quit().await?;
    Ok(())
}

/// The set-up page's texts in `code`, as the language file gives them.
/// The set-up page's own texts in language `code` (`SetupMsg`), or its desk's (`DeskMsg`).
fn setup_texts<C: Catalog>(code: &str) -> Result<Texts<C>> {
    let json = std::fs::read_to_string(super::root().join(format!("assets/lang/{code}.json")))?;
    Ok(Texts::parse(&json)?.0)
}

/// The header's page names, as read.
async fn header_words(browser: &Browser) -> Result<Vec<String>> {
    let words = browser
        .eval(
            "return [...document.querySelectorAll('header nav a')].map(a => a.textContent) \
               .concat([document.querySelector('header nav').getAttribute('aria-label')]);",
        )
        .await?;
    Ok(words
        .as_array()
        .map(|w| {
            w.iter()
                .filter_map(|w| w.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

/// Tabs from the top of the page until `last` has the focus (at most `limit` presses), and
/// checks that every stop was on screen when it had the focus.
async fn walk_to(browser: &Browser, last: &str, limit: usize) -> Result<Vec<String>> {
    browser
        .eval("document.activeElement.blur(); window.scrollTo(0, 0);")
        .await?;
    let mut walked = Vec::new();
    while !walked
        .last()
        .is_some_and(|(stop, _): &(String, bool)| stop.starts_with(last))
    {
        if walked.len() >= limit {
            return Err(format!("no {last} within {limit} Tabs: {walked:?}").into());
        }
        walked.extend(tab_walk(browser, 1).await?);
    }
    for (stop, seen) in &walked {
        if !*seen {
            return Err(format!("{stop} had the focus off screen: {walked:?}").into());
        }
    }
    Ok(walked.into_iter().map(|(stop, _)| stop).collect())
}

#[tokio::test]
async fn the_set_up_page_works_in_german_arabic_and_spanish() -> Result {
    use thirtyfour::prelude::*;
    let server = Server::start(&dist())?;
    let file_url = format!("{}/data/puls.json", server.base);

    // German, because the browser asks for it: the form, its suggestions (the title, the
    // questions' language) and the header are German; a survey made here is German.
    let german = setup_texts::<SetupMsg>("de")?;
    let german_desk = setup_texts::<DeskMsg>("de")?;
    let phone = Browser::start_speaking(Screen::Phone, Some("de-DE,de")).await?;
    phone
        .open(&format!("{}/setup/#/setup", server.base))
        .await?;
    wait_for_language(&phone, "de").await?;
    let form = phone.find("create-survey").await?;
    let heading = form.find(By::Css("h1")).await?.text().await?;
    assert_eq!(heading, german_desk.get(DeskMsg::SetUpSurvey));
    let de = candor::i18n::language("de").ok_or("German")?;
    assert_eq!(
        header_words(&phone).await?,
        [de.nav.take, de.nav.results, de.nav.set_up, de.nav.menu]
    );
    let title = phone
        .eval("return document.querySelector('input[name=title]').value;")
        .await?;
    assert_eq!(title, "Team-Puls");
    let first = phone
        .eval("return document.querySelector('[data-testid=survey-language]').value;")
        .await?;
    assert_eq!(first, "de");
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-setup-create-de").await?;
    // The keyboard reaches the form from the top: the header, the switcher, then the fields.
    let walked = walk_to(&phone, "input#[title=", 12).await?;
    let at = |want: &str| walked.iter().position(|s| s.starts_with(want));
    assert!(
        at("select#language") < at("input#[title="),
        "focus went {walked:?}"
    );
    phone.click("where-url").await?;
    phone.find("file-url").await?.send_keys(&file_url).await?;
    phone.click("create").await?;
    if phone.find("share").await.is_err() {
        let said = phone.text("create-status").await?;
        phone.screenshot("failed-setup-create-de").await?;
        return Err(format!("the survey was not created: {said}").into());
    }
    wait_for_text(&phone, "setup-status", german.get(SetupMsg::Created)).await?;
    let rounds = phone.text("rounds").await?;
    assert!(
        rounds.contains(german_desk.get(DeskMsg::Rounds))
            && rounds.contains(german_desk.get(DeskMsg::NoAnswersYet)),
        "{rounds}"
    );
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-setup-de").await?;
    phone.quit().await?;
    let file = model::load(&std::fs::read(server.data.join("puls.json"))?)?;
    assert_eq!(
        (file.survey.language.as_str(), file.survey.title.as_str()),
        ("de", "Team-Puls")
    );

    // Arabic, chosen on the page by someone whose browser asks for English: right to left,
    // every card in Arabic, the team's German words kept as they are.
    let arabic_desk = setup_texts::<DeskMsg>("ar")?;
    let setup = format!("{}/setup/#/setup?src=%2Fdata%2Fpuls.json", server.base);
    let desktop = Browser::start_speaking(Screen::Desktop, Some("en-GB,en")).await?;
    desktop.open(&setup).await?;
    desktop.find("rounds").await?;
    assert_eq!(lang_and_dir(&desktop).await?, ("en".into(), "ltr".into()));
    thirtyfour::components::SelectElement::new(&desktop.find("language").await?)
        .await?
        .select_by_value("ar")
        .await?;
    wait_for_language(&desktop, "ar").await?;
    assert_eq!(lang_and_dir(&desktop).await?.1, "rtl");
    // Made sealed; this browser does not keep the key.
    let key = wait_for_text(
        &desktop,
        "results-key",
        arabic_desk.get(DeskMsg::ResultsKey),
    )
    .await?;
    assert!(key.contains(arabic_desk.get(DeskMsg::KeyNotKept)), "{key}");
    let editor = desktop.text("editor").await?;
    assert!(
        editor.contains(arabic_desk.get(DeskMsg::AddQuestion))
            && editor.contains("Psychologische Sicherheit"),
        "{editor}"
    );
    let ar = candor::i18n::language("ar").ok_or("Arabic")?;
    assert_eq!(header_words(&desktop).await?[2], ar.nav.set_up);
    desktop.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&desktop).await?;
    desktop.check_accessibility().await?;
    desktop.screenshot("desktop-setup-ar").await?;
    // The link card's QR code keeps its own (left-to-right) shape in a mirrored page.
    desktop.find("qr").await?.scroll_into_view().await?;
    desktop.screenshot("desktop-setup-ar-share").await?;
    desktop.quit().await?;

    // Arabic at phone width too, the question editor in view.
    let phone = Browser::start_speaking(Screen::Phone, Some("ar")).await?;
    phone.open(&setup).await?;
    wait_for_language(&phone, "ar").await?;
    phone.find("editor").await?.scroll_into_view().await?;
    wait_for_text(&phone, "editor", arabic_desk.get(DeskMsg::AddQuestion)).await?;
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-setup-ar").await?;
    phone.quit().await?;

    // Spanish at phone width: the languages of the survey, and a keyboard walk from the top
    // to the first card's copy button.
    let spanish_desk = setup_texts::<DeskMsg>("es")?;
    let phone = Browser::start_speaking(Screen::Phone, Some("es-419,es")).await?;
    phone.open(&setup).await?;
    wait_for_language(&phone, "es").await?;
    wait_for_text(
        &phone,
        "languages-edit",
        spanish_desk.get(DeskMsg::Languages),
    )
    .await?;
    let walked = walk_to(&phone, "button#copy-link", 20).await?;
    assert!(
        walked.iter().any(|s| s.starts_with("select#language")),
        "focus went {walked:?}"
    );
    phone
        .find("languages-edit")
        .await?
        .scroll_into_view()
        .await?;
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-setup-es").await?;
    phone.quit().await
}

/// The organisation page's texts in `code`, as the language file gives them.
fn org_texts(code: &str) -> Result<Texts<OrgMsg>> {
    let json = std::fs::read_to_string(super::root().join(format!("assets/lang/{code}.json")))?;
    Ok(Texts::parse(&json)?.0)
}

/// The text of the `h2` of card `testid`.
async fn heading_of(browser: &Browser, testid: &str) -> Result<String> {
    let heading = browser
        .eval(&format!(
            "const h = document.querySelector('[data-testid={testid}] h2'); return h ? h.textContent : '';"
        ))
        .await?;
    Ok(heading.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn the_organisation_view_is_read_in_german_and_arabic() -> Result {
    use candor::org::{Group, OrgFile, Team, synth};
    let server = Server::start(&dist())?;
    // Four teams in two groups, beside the organisation file that lists them.
    let mut org = OrgFile::new("Engineering");
    org.groups = ["Product", "Platform"]
        .iter()
        .map(|name| Group {
            id: name.to_lowercase(),
            name: (*name).into(),
            parent: None,
        })
        .collect();
    for (t, name) in ["Checkout", "Search", "Build & deploy", "Data"]
        .iter()
        .enumerate()
    {
        org.teams.push(Team {
            id: format!("team-{t}"),
            name: (*name).into(),
            group: Some(if t < 2 { "product" } else { "platform" }.into()),
            file: format!("team-{t}.json"),
        });
        let team = synth::team(4, 8, 60 + t as u64);
        std::fs::write(
            server.data.join(format!("team-{t}.json")),
            model::to_canonical_bytes(&team),
        )?;
    }
    std::fs::write(server.data.join("org.json"), org.to_text())?;
    let view = format!("{}/org/#/org?src=%2Fdata%2Forg.json", server.base);

    // German, because the browser asks for it: the page and the cards the reader worker drew
    // are German, with the decimal comma; the header too.
    let german = org_texts("de")?;
    let phone = Browser::start_speaking(Screen::Phone, Some("de-DE,de")).await?;
    phone.open(&view).await?;
    wait_for_language(&phone, "de").await?;
    super::org::complete(&phone, std::time::Duration::from_secs(30)).await?;
    if phone.exists("org-problems").await? {
        return Err(format!("teams not read: {}", phone.text("org-problems").await?).into());
    }
    assert_eq!(
        as_read(&phone.text("org-read").await?),
        german.fill(OrgMsg::TeamsRead, &[("read", "4"), ("total", "4")])
    );
    assert_eq!(
        heading_of(&phone, "org-differences").await?,
        german.get(OrgMsg::Differences)
    );
    let totals = phone.text("org-totals").await?;
    assert!(
        totals.contains(german.get(OrgMsg::Totals)) && totals.contains(','),
        "{totals}"
    );
    assert!(!totals.contains("covers"), "{totals}");
    let de = candor::i18n::language("de").ok_or("German")?;
    assert_eq!(header_words(&phone).await?[1], de.nav.results);
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-org-de").await?;
    // From the top, the keyboard reaches the switcher, then the view's controls and tables.
    let walked = walk_to(&phone, "button#org-csv", 20).await?;
    assert!(
        walked.iter().any(|s| s.starts_with("select#language")),
        "focus went {walked:?}"
    );
    phone.quit().await?;

    // Arabic, chosen on the page: right to left, the cards drawn again in Arabic (without
    // reading the team files again), the charts' time still running left to right.
    let arabic = org_texts("ar")?;
    let desktop = Browser::start_speaking(Screen::Desktop, Some("en-GB,en")).await?;
    desktop.open(&view).await?;
    super::org::complete(&desktop, std::time::Duration::from_secs(30)).await?;
    assert_eq!(
        heading_of(&desktop, "org-differences").await?,
        OrgMsg::Differences.english()
    );
    thirtyfour::components::SelectElement::new(&desktop.find("language").await?)
        .await?
        .select_by_value("ar")
        .await?;
    wait_for_language(&desktop, "ar").await?;
    for _ in 0..100 {
        if heading_of(&desktop, "org-differences").await? == arabic.get(OrgMsg::Differences) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        heading_of(&desktop, "org-differences").await?,
        arabic.get(OrgMsg::Differences)
    );
    assert_eq!(lang_and_dir(&desktop).await?.1, "rtl");
    let direction = desktop
        .eval("const s = document.querySelector('[data-testid=org-trend] svg'); return s ? getComputedStyle(s).direction : 'none';")
        .await?;
    assert_eq!(direction, "ltr");
    desktop.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&desktop).await?;
    desktop.check_accessibility().await?;
    desktop.screenshot("desktop-org-ar").await?;
    desktop.quit().await?;

    // The page for making an organisation file, in Spanish at phone width.
    let spanish = org_texts("es")?;
    let phone = Browser::start_speaking(Screen::Phone, Some("es")).await?;
    phone.open(&format!("{}/org/#/org", server.base)).await?;
    wait_for_language(&phone, "es").await?;
    wait_for_text(&phone, "org-make", spanish.get(OrgMsg::MakeTitle)).await?;
    phone.check_no_horizontal_scroll().await?;
    check_no_spilled_text(&phone).await?;
    phone.check_accessibility().await?;
    phone.screenshot("phone-org-make-es").await?;
    phone.quit().await
}
