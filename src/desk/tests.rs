//! The set-up page's cards in each language: every text the page writes comes from its
//! catalog, so a card drawn in German, Spanish or Arabic says nothing in English but the
//! team's own words, and the team's words go in as text.

use super::*;
use crate::chart::markup::{assert_none_of, words_of};
use crate::i18n::DeskMsg;
use crate::model::synth;

/// What a browser on the set-up page at candor.example would say, for a file at `place`.
fn scene(place: Place) -> Scene {
    Scene {
        place,
        today: "2026-11-30".into(),
        page: "https://candor.example/setup/#/setup".into(),
        origin: "https://candor.example".into(),
        can_share: true,
        file_access: false,
        unsaved: false,
        kept_key: false,
        new_key: None,
        here: None,
    }
}

/// Every card of the page for the demo team's file, as one text.
fn every_card(t: &Texts<DeskMsg>, doc: &Document) -> String {
    let mut m = Markup::new();
    rounds::rounds_card(&mut m, t, doc, "December 2026");
    rounds::events_card(&mut m, t, doc, "2026-11-30");
    rounds::actions_card(&mut m, t, doc);
    let link = "https://candor.example/#/take?src=team.json";
    share::share_card(&mut m, t, doc, link, "<iframe></iframe>", true, true);
    share::collect_card(&mut m, t, doc, "team.json", Some(2));
    next::next_round_card(&mut m, t, doc, link, "2026-11-30");
    // Sealed: a key just made (to be saved now), and a key kept here or not.
    let mut sealed = doc.clone();
    sealed.survey.results_key = Some("public".into());
    key::key_card(&mut m, t, &sealed, &|_| link.to_owned(), true, None);
    key::key_card(
        &mut m,
        t,
        &sealed,
        &|_| link.to_owned(),
        false,
        Some("secret"),
    );
    let mut unsealed = doc.clone();
    unsealed.survey.results_key = None;
    key::key_card(&mut m, t, &unsealed, &|_| link.to_owned(), false, None);
    for place in [
        Place::Url("https://files.example/team.json".into()),
        Place::Device,
        Place::Disk {
            name: "team.json".into(),
            writable: false,
        },
    ] {
        let scene = Scene {
            unsaved: true,
            ..scene(place)
        };
        file::file_card(&mut m, t, &scene, "../results/#/results");
    }
    // The question editor, with a further language to translate into.
    let mut draft = doc.survey.clone();
    draft.add_language("ar");
    editor::editor_card(&mut m, t, doc, &draft);
    words_of(m.finish().as_str())
}

#[test]
fn every_card_in_each_language_says_nothing_in_english() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang");
    let english = every_card(&Texts::english(), &synth::demo());
    // The check below finds English where it is: in the English page.
    for word in [" the ", "Rounds", "Download", "answers"] {
        assert!(english.contains(word), "{word}");
    }
    for code in ["de", "es", "ar"] {
        let json = std::fs::read_to_string(folder.join(format!("{code}.json"))).expect("file");
        let (t, gaps) = Texts::<DeskMsg>::parse(&json).expect("a language file");
        assert!(gaps.is_empty(), "{code}: {gaps:?}");
        let doc = synth::demo();
        let mut text = every_card(&t, &doc);
        // The team's own words (title, rounds, events, actions, owners) are theirs, and the
        // invitation is in the survey's language (English here).
        let invitation = crate::invite::invitation(
            &doc.survey.title,
            "https://candor.example/#/take?src=team.json",
            doc.is_sealed(),
            &doc.survey.language,
            2,
        );
        let reminder = crate::invite::reminder(
            &doc.survey.title,
            "https://candor.example/#/take?src=team.json",
            &doc.survey.language,
            2,
        );
        // The invitation and reminder first: the title is in them.
        let own: Vec<&str> = [invitation.as_str(), &reminder, &doc.survey.title]
            .into_iter()
            .chain(doc.rounds.iter().map(|r| r.label.as_str()))
            .chain(doc.events.iter().map(|e| e.label.as_str()))
            .chain(doc.events.iter().filter_map(|e| e.owner.as_deref()))
            .chain(doc.survey.dimensions.iter().map(|d| d.name.as_str()))
            .collect();
        for own in own {
            text = text.replace(own, " ");
        }
        assert_none_of(
            code,
            &text,
            &[
                " the ", " of ", " and ", " to ", "answers", "Download", "Round", "round", "Copy",
                "Share", "Open ", "results", "key", "File", " file",
            ],
        );
    }
}

#[test]
fn the_teams_words_stay_text_in_every_language() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang");
    let json = std::fs::read_to_string(folder.join("ar.json")).expect("file");
    let (t, _) = Texts::<DeskMsg>::parse(&json).expect("a language file");
    let mut doc = synth::demo();
    let hostile = "<img src=x onerror=alert(1)> {round}";
    if let Some(round) = doc.rounds.last_mut() {
        round.label = hostile.to_owned();
    }
    for event in &mut doc.events {
        event.label = hostile.to_owned();
        event.owner = Some(hostile.to_owned());
    }
    let mut m = Markup::new();
    rounds::rounds_card(&mut m, &t, &doc, hostile);
    rounds::events_card(&mut m, &t, &doc, "2026-11-30");
    rounds::actions_card(&mut m, &t, &doc);
    doc.survey.questions[0].text = hostile.to_owned();
    doc.survey.questions[0].id = "\"><img src=x>".to_owned();
    doc.survey.dimensions[0].name = hostile.to_owned();
    editor::editor_card(&mut m, &t, &doc, &doc.survey);
    let html = m.finish().into_string();
    assert!(!html.contains("<img"), "escaped");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; {round}"));
    // In a right-to-left page each of the team's words is set apart.
    assert!(html.contains("\u{2068}&lt;img"));
}

/// A desk with the demo team's file open.
fn demo_desk() -> (Desk, Document) {
    let doc = synth::demo();
    let mut desk = Desk::default();
    let facts = desk
        .open(text_of(&doc).as_bytes())
        .expect("the demo file is valid");
    assert_eq!(facts, Facts::of(&doc));
    (desk, doc)
}

#[test]
fn the_facts_are_what_the_page_acts_on() {
    let (_, doc) = demo_desk();
    let facts = Facts::of(&doc);
    assert_eq!(
        facts.survey,
        Named {
            id: doc.survey.id.clone(),
            title: doc.survey.title.clone(),
            results_key: doc.survey.results_key.clone(),
        }
    );
    assert!(facts.has_round);
    assert_eq!(facts.sealed, doc.is_sealed());
    let action = doc.actions().next().expect("the demo team agreed actions");
    assert_eq!(facts.action_label(&action.id), action.label);
    assert_eq!(facts.action_label("no-such-action"), "");
    let fresh = Facts::of(&Document::new(doc.survey.clone()));
    assert!(!fresh.has_round && fresh.actions.is_empty());
}

#[test]
fn a_file_that_is_not_a_team_file_is_refused_and_the_open_one_stays() {
    let (mut desk, doc) = demo_desk();
    for bad in [&b"not json"[..], b"{}", b"{\"format\": \"candor\"}"] {
        assert!(matches!(desk.open(bad), Err(DeskError::Invalid(_))));
    }
    assert_eq!(desk.text().expect("still open"), text_of(&doc));
    assert_eq!(Desk::default().text(), Err(DeskError::NoFile));
}

#[test]
fn an_edit_becomes_the_change_it_means_for_the_open_file() {
    let (desk, doc) = demo_desk();
    let latest = doc.rounds.last().expect("rounds").id.clone();
    let change = |edit| desk.change_for(edit).expect("a file is open");
    // A round opened in a month that has one gets an id of its own.
    let Some(Change::OpenRound(round)) = change(Edit::OpenRound {
        label: String::new(),
        today: doc.rounds.last().expect("rounds").opened.clone(),
    }) else {
        panic!("a round");
    };
    assert!(doc.rounds.iter().all(|r| r.id != round.id), "{}", round.id);
    // An undated event goes with the latest round; a dated one with its day.
    assert_eq!(
        change(Edit::AddEvent {
            label: "Reorg".into(),
            day: None
        }),
        Some(Change::AddEvent {
            when: When::Round(latest.clone()),
            label: "Reorg".into()
        })
    );
    assert_eq!(
        change(Edit::AddEvent {
            label: "Reorg".into(),
            day: Some("2026-11-02".into())
        }),
        Some(Change::AddEvent {
            when: When::Day("2026-11-02".into()),
            label: "Reorg".into()
        })
    );
    // Nothing to note: no change.
    assert_eq!(
        change(Edit::AgreeAction {
            label: String::new(),
            owner: None,
            review: None
        }),
        None
    );
    let discussed = doc.discussed_round().unwrap_or(&doc.rounds[0]).id.clone();
    assert!(matches!(
        change(Edit::AgreeAction { label: "Retro".into(), owner: None, review: None }),
        Some(Change::AgreeAction { after, .. }) if after == discussed
    ));
    // A copy that is not a team file is refused before anything is written.
    assert!(matches!(
        desk.change_for(Edit::Merge("{".into())),
        Err(DeskError::Invalid(_))
    ));
}

#[test]
fn a_change_the_model_refuses_leaves_the_open_file_as_it_was() {
    let (mut desk, doc) = demo_desk();
    let refused = desk.apply(&Change::CloseRound("no-such-round".into()));
    assert!(matches!(refused, Err(DeskError::Refused(_))), "{refused:?}");
    assert_eq!(desk.text().expect("open"), text_of(&doc));
    let latest = doc.rounds.last().expect("rounds");
    if !latest.closed {
        desk.apply(&Change::CloseRound(latest.id.clone()))
            .expect("the open round closes");
        assert_ne!(desk.text().expect("open"), text_of(&doc));
    }
}

#[test]
fn collecting_here_merges_into_this_browsers_copy_of_the_same_survey_only() {
    let (desk, doc) = demo_desk();
    let alone = desk.collected_here(None).expect("a copy");
    assert_eq!(alone, text_of(&doc));
    // This browser's copy has answers of its own: both are kept.
    let mut here = Document::new(doc.survey.clone());
    here.rounds = doc.rounds.clone();
    let merged = desk.collected_here(Some(&text_of(&here))).expect("merged");
    let merged = model::load(merged.as_bytes()).expect("valid");
    assert_eq!(merged.responses.len(), doc.responses.len());
    let mut other = Document::new(doc.survey.clone());
    other.survey.id = "another-team".into();
    other.survey.title = "Another team".into();
    assert_eq!(
        desk.collected_here(Some(&text_of(&other))),
        Err(DeskError::OtherSurvey("Another team".into()))
    );
    assert!(matches!(
        desk.collected_here(Some("[]")),
        Err(DeskError::Invalid(_))
    ));
}

#[test]
fn the_cards_follow_where_the_file_lives() {
    let (desk, doc) = demo_desk();
    let t = Texts::english();
    let draw = |scene: &Scene| {
        let cards = desk.cards(scene, &t, |_, _| None).expect("open");
        let top: Vec<String> = cards.top.iter().map(|c| c.as_str().to_owned()).collect();
        (top, cards.end.as_str().to_owned())
    };
    // At a URL: the share card with its link, and the next round's card.
    let (top, end) = draw(&scene(Place::Url("https://files.example/team.json".into())));
    assert!(top[0].contains("data-testid=\"share\""));
    assert!(
        top[0].contains("src=https%3A%2F%2Ffiles.example%2Fteam.json"),
        "{}",
        top[0]
    );
    assert!(top.iter().any(|c| c.contains("data-testid=\"next-round\"")));
    assert!(end.contains("data-testid=\"file\"") && end.contains("../results/"));
    // On this device: no link a team could answer by, so no next-round card.
    let (top, _) = draw(&scene(Place::Device));
    assert!(top[0].contains("data-testid=\"share\""));
    assert!(!top.iter().any(|c| c.contains("data-testid=\"next-round\"")));
    // On disk: collecting here, with this browser's answers to bring in.
    let mut disk = scene(Place::Disk {
        name: "team.json".into(),
        writable: true,
    });
    let (top, end) = draw(&disk);
    assert!(top[0].contains("data-testid=\"collect\"") && !top[0].contains("bring-in"));
    assert!(!end.contains("../results/"));
    disk.here = Some(text_of(&doc));
    let (top, _) = draw(&disk);
    assert!(top[0].contains("data-testid=\"bring-in\""));
    // A key just made comes first, to be saved now.
    let mut sealed = doc.clone();
    sealed.survey.results_key = Some("public".into());
    let mut desk = Desk::default();
    desk.hold(sealed);
    let fresh = Scene {
        new_key: Some("the-secret".into()),
        ..scene(Place::Device)
    };
    let cards = desk.cards(&fresh, &t, |_, _| None).expect("open");
    assert!(cards.top[0].as_str().contains("data-testid=\"new-key\""));
    assert!(cards.top[0].as_str().contains("the-secret"));
    // Without a file, nothing to draw.
    assert!(matches!(
        Desk::default().cards(&fresh, &t, |_, _| None),
        Err(DeskError::NoFile)
    ));
}

#[test]
fn a_change_to_the_text_a_page_keeps_is_kept_only_once_written() {
    let (mut desk, doc) = demo_desk();
    let before = text_of(&doc);
    // Someone else added an event to the file since it was opened: the change goes on top.
    let mut now = doc.clone();
    now.change(&Change::AddEvent {
        when: When::Day("2026-11-01".into()),
        label: "Offsite".into(),
    })
    .expect("an event");
    let edit = Edit::AddEvent {
        label: "Reorg".into(),
        day: None,
    };
    let (text, facts) = desk
        .change_text(&text_of(&now), edit.clone())
        .expect("changed");
    let text = text.expect("a new text to write");
    assert!(text.contains("Offsite") && text.contains("Reorg"));
    assert_eq!(facts.survey.id, doc.survey.id);
    // Not written yet: the open file is as it was, until the page says it is written.
    assert_eq!(desk.text().expect("open"), before);
    desk.keep().expect("kept");
    assert_eq!(desk.text().expect("open"), text);
    assert_eq!(desk.keep(), Err(DeskError::NoFile), "kept once");
    // Nothing to change: nothing to write.
    let (none, _) = desk
        .change_text(
            &text,
            Edit::AddEvent {
                label: String::new(),
                day: None,
            },
        )
        .expect("nothing");
    assert_eq!(none, None);
    // A file that went bad where it is kept is never written over.
    assert!(matches!(
        desk.change_text("{\"format\": 1}", edit),
        Err(DeskError::Invalid(_))
    ));
}

#[test]
fn the_calendar_file_names_the_survey_and_refuses_a_day_that_is_none() {
    let (desk, doc) = demo_desk();
    let link = "https://candor.example/#/take?src=team.json";
    let file = desk
        .calendar(link, "2027-01-04", "monthly", "20261203T120000Z")
        .expect("a calendar");
    assert!(file.starts_with("BEGIN:VCALENDAR"), "{file}");
    assert!(file.contains(&doc.survey.title) && file.contains("RRULE"));
    for (day, cadence) in [("2027-13-40", "monthly"), ("2027-01-04", "hourly")] {
        assert!(matches!(
            desk.calendar(link, day, cadence, "20261203T120000Z"),
            Err(DeskError::Refused(_))
        ));
    }
}

/// The editor's cards as markup, for the desk's draft.
fn editor_of(desk: &Desk) -> String {
    let cards = desk
        .cards(&scene(Place::Device), &Texts::english(), |_, _| None)
        .expect("a file is open");
    cards.editor.into_string()
}

#[test]
fn the_draft_is_the_desks_until_saved_and_restarts_only_with_another_survey() {
    let (mut desk, doc) = demo_desk();
    let asked = doc.survey.questions[0].id.clone();
    // Nothing edited: nothing to save.
    assert_eq!(desk.change_for(Edit::SaveDraft).expect("open"), None);
    let retired = format!("retired\" data-testid=\"edit-{asked}\"");
    assert!(!editor_of(&desk).contains(&retired));
    desk.draft("retire", asked.clone(), "", false)
        .expect("a question can be retired");
    let editor = editor_of(&desk);
    assert!(editor.contains(&retired), "{editor}");
    // A change to the rounds leaves the draft; it is saved as the next revision.
    let facts = desk
        .apply(&Change::AddEvent {
            when: When::Day("2026-11-02".into()),
            label: "Offsite".into(),
        })
        .expect("an event");
    assert_eq!(facts.survey.id, doc.survey.id);
    let Some(Change::Revise { base, survey }) = desk.change_for(Edit::SaveDraft).expect("open")
    else {
        panic!("a revision");
    };
    assert_eq!(base, doc.survey.revision);
    assert!(survey.question(&asked).is_some_and(|q| q.retired));
    desk.apply(&Change::Revise { base, survey })
        .expect("the revision is made");
    // Saved: the draft starts again from the survey as it now is.
    assert_eq!(desk.change_for(Edit::SaveDraft).expect("open"), None);
    assert!(editor_of(&desk).contains(&format!("(revision {})", doc.survey.revision + 1)));
    // Undone: the same.
    desk.draft("min-group", String::new(), " 9 ", false)
        .expect("a number");
    assert!(desk.change_for(Edit::SaveDraft).expect("open").is_some());
    desk.draft("undo", String::new(), "", false).expect("undo");
    assert_eq!(desk.change_for(Edit::SaveDraft).expect("open"), None);
    // What the page cannot mean is refused, and the draft stays as it was.
    for (control, value) in [
        ("min-group", "nine"),
        ("no-such-control", "1"),
        ("translate", "x"),
    ] {
        assert!(
            matches!(
                desk.draft(control, "de answer".into(), value, false),
                Err(DeskError::Refused(_))
            ),
            "{control}"
        );
    }
    assert_eq!(desk.change_for(Edit::SaveDraft).expect("open"), None);
    // Another file: its own survey, no draft.
    desk.draft("min-group", String::new(), "8", false)
        .expect("a number");
    let other = crate::model::templates::starter("2026-11-30").expect("a starter file");
    desk.hold(other);
    assert_eq!(desk.change_for(Edit::SaveDraft).expect("open"), None);
}
