//! The next round's calendar file read back by an independent iCalendar parser (the `ical`
//! crate), and checked against RFC 5545's rules that parsers forgive: CRLF line ends, lines of
//! at most 75 octets, the required properties, escaped text.
#![cfg(not(target_arch = "wasm32"))]

use candor::invite::{Cadence, Day, Invite, calendar};

fn invite(title: &str, cadence: Cadence) -> String {
    calendar(&Invite {
        title,
        link: "https://survey.example/#/take?src=https%3A%2F%2Fdav.example%2Fteam.json",
        day: Day::parse("2026-12-01").expect("a day"),
        cadence,
        survey_id: "platform-team",
        stamp: "20261130T091500Z",
        sealed: true,
        language: "en",
        minutes: 2,
    })
}

fn property<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> &'a str {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn the_calendar_file_parses_with_an_independent_parser() {
    // A title with every character iCalendar text must escape, and one that folds lines.
    let title = "Platform, Payments; and \\ the rest: a long team name that will need folding";
    let file = invite(title, Cadence::Monthly);
    let mut parser = ical::IcalParser::new(file.as_bytes());
    let calendar = parser.next().expect("one calendar").expect("it parses");
    assert!(parser.next().is_none(), "exactly one calendar");
    let value = |name: &str| {
        calendar
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(value("VERSION").as_deref(), Some("2.0"));
    assert!(value("PRODID").is_some());
    assert_eq!(calendar.events.len(), 1);
    let event = &calendar.events[0];
    let uid = property(event, "UID");
    assert!(
        uid.starts_with("platform-team-") && uid.ends_with("@candor.invalid"),
        "{uid}"
    );
    assert_eq!(property(event, "DTSTAMP"), "20261130T091500Z");
    assert_eq!(property(event, "DTSTART"), "20261201");
    assert_eq!(property(event, "DTEND"), "20261202");
    assert_eq!(property(event, "RRULE"), "FREQ=MONTHLY");
    assert_eq!(
        property(event, "SUMMARY"),
        "Platform\\, Payments\\; and \\\\ the rest: a long team name that will need folding: a new round opens"
    );
    assert!(property(event, "DESCRIPTION").contains("Answer here: https://survey.example/"));
    assert_eq!(
        property(event, "URL"),
        "https://survey.example/#/take?src=https%3A%2F%2Fdav.example%2Fteam.json"
    );
    let start = event
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .and_then(|p| p.params.clone())
        .expect("DTSTART has a parameter");
    assert_eq!(start, [("VALUE".to_owned(), vec!["DATE".to_owned()])]);
}

/// A survey written in German gets its calendar entry in German, marked as such.
#[test]
fn the_entry_is_in_the_surveys_language() {
    let text = calendar(&Invite {
        title: "Plattform",
        link: "https://survey.example/#/take",
        day: Day::parse("2026-12-01").expect("a day"),
        cadence: Cadence::Monthly,
        survey_id: "plattform",
        stamp: "20261130T091500Z",
        sealed: true,
        language: "de",
        minutes: 2,
    });
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let calendar = reader.next().expect("a calendar").expect("valid");
    let event = &calendar.events[0];
    let summary = event
        .properties
        .iter()
        .find(|p| p.name == "SUMMARY")
        .expect("a summary");
    assert_eq!(
        summary.value.as_deref(),
        Some("Plattform: Eine neue Runde beginnt")
    );
    assert_eq!(
        summary.params.clone(),
        Some(vec![("LANGUAGE".to_owned(), vec!["de".to_owned()])])
    );
    assert!(property(event, "DESCRIPTION").contains("Hier antworten: https://survey.example/"));
}

#[test]
fn every_line_ends_in_crlf_and_fits_in_75_octets() {
    for cadence in Cadence::ALL {
        let file = invite(&"Ünïcödé team ".repeat(12), cadence);
        assert!(file.ends_with("\r\n"));
        for line in file.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        assert!(file.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(file.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }
    assert!(invite("t", Cadence::Fortnightly).contains("RRULE:FREQ=WEEKLY;INTERVAL=2\r\n"));
    assert!(invite("t", Cadence::Quarterly).contains("RRULE:FREQ=MONTHLY;INTERVAL=3\r\n"));
}
