//! The next round's card on the set-up page, at phone size: the day it proposes, the
//! invitation and reminder with the answer link, and the calendar file it downloads, read back
//! by an independent iCalendar parser.

use std::time::{Duration, Instant};

use candor::invite::{self, Cadence};
use thirtyfour::components::SelectElement;

use crate::support::{Browser, Result, Screen, Server};

/// The browser's own today, as YYYY-MM-DD in its local time (the card proposes no earlier day).
async fn browser_today(browser: &Browser) -> Result<String> {
    let today = browser
        .eval(
            "const d = new Date(); \
             const two = n => String(n).padStart(2, '0'); \
             return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;",
        )
        .await?;
    Ok(today.as_str().ok_or("no date")?.to_owned())
}

async fn value_of(browser: &Browser, testid: &str) -> Result<String> {
    Ok(browser
        .find(testid)
        .await?
        .prop("value")
        .await?
        .ok_or_else(|| format!("{testid} has no value"))?)
}

#[tokio::test]
async fn the_next_round_is_proposed_announced_and_put_in_the_calendar() -> Result {
    let server = Server::start(&crate::dist())?;
    crate::shared_team_file(&server)?;
    let browser = Browser::start(Screen::Phone).await?;
    let downloads = std::env::temp_dir().join("candor-next-round-downloads");
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads)?;
    browser.download_into(&downloads).await?;

    browser
        .open(&format!(
            "{}/setup/#/setup?src=%2Fdata%2Fteam.json",
            server.base
        ))
        .await?;
    let card = browser.find("next-round").await?;
    card.scroll_into_view().await?;
    browser.check_no_horizontal_scroll().await?;
    browser.check_accessibility().await?;
    browser.screenshot("phone-setup-next-round").await?;

    // A month after the round the file holds opened, or today if that has passed.
    let today = browser_today(&browser).await?;
    let expected = invite::next_round_day(Some("2026-11-21"), &today, Cadence::Monthly)
        .ok_or("no next day")?
        .iso();
    assert_eq!(value_of(&browser, "next-day").await?, expected);

    // Both texts carry the link people answer by, the one the share card shows, and promise
    // nothing this survey does not do (it is not sealed).
    let link = value_of(&browser, "share-link").await?;
    assert!(link.contains("#/take?src="), "{link}");
    let doc = candor::model::load(&std::fs::read(server.data.join("team.json"))?)?;
    // And they say how long answering takes, as the survey page will.
    let minutes = candor::respond::survey_minutes(&doc.survey);
    assert!(minutes > 1, "{minutes}");
    for (testid, expected) in [
        (
            "next-invitation",
            invite::invitation(
                &doc.survey.title,
                &link,
                false,
                &doc.survey.language,
                minutes,
            ),
        ),
        (
            "next-reminder",
            invite::reminder(&doc.survey.title, &link, &doc.survey.language, minutes),
        ),
    ] {
        let text = value_of(&browser, testid).await?;
        assert_eq!(text, expected, "{testid}");
        assert!(text.contains(&format!("about {minutes} minutes")), "{text}");
        assert!(text.ends_with(&format!("Answer here: {link}")), "{text}");
        assert!(!text.to_lowercase().contains("sealed"), "{text}");
    }

    // Every three months, from the day proposed: the calendar file.
    let cadence = browser.find("next-cadence").await?;
    SelectElement::new(&cadence)
        .await?
        .select_by_value("quarterly")
        .await?;
    browser.click("next-calendar").await?;
    let path = downloads.join(format!("{}-rounds.ics", doc.survey.id));
    let start = Instant::now();
    while !path.exists() && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let file = std::fs::read_to_string(&path)
        .map_err(|e| format!("no calendar file at {}: {e}", path.display()))?;
    assert!(
        file.split("\r\n").all(|line| line.len() <= 75),
        "a line longer than 75 octets"
    );
    let mut parser = ical::IcalParser::new(file.as_bytes());
    let calendar = parser.next().ok_or("no calendar")??;
    assert_eq!(calendar.events.len(), 1);
    let property = |name: &str| {
        calendar.events[0]
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(property("DTSTART"), expected.replace('-', ""));
    assert!(property("RRULE").starts_with("FREQ=MONTHLY;INTERVAL=3"));
    assert_eq!(property("URL"), link);
    // The description's link, unfolded and unescaped, is the share link.
    assert!(
        property("DESCRIPTION").contains(&link),
        "{}",
        property("DESCRIPTION")
    );
    // The file on the share is unchanged: making a calendar writes nothing.
    assert_eq!(
        candor::model::load(&std::fs::read(server.data.join("team.json"))?)?,
        doc
    );
    browser.quit().await
}
