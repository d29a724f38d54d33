//! The set-up page's cards in each language: every text the page writes comes from its
//! catalog, so a card drawn in German, Spanish or Arabic says nothing in English but the
//! team's own words, and the team's words go in as text.

use super::state::{Home, Workspace};
use super::{create, file, key, next, rounds, share};
use crate::chart::Markup;
use crate::chart::markup::{assert_none_of, words_of};
use crate::i18n::{SetupMsg, Texts};
use crate::model::{Document, synth};
use crate::storage::Source;
use crate::storage::disk::DiskFile;

/// Every card of the page for the demo team's file, as one text.
fn every_card(t: &Texts<SetupMsg>, doc: &Document) -> String {
    let mut m = Markup::new();
    create::write_fields(&mut m, t, "https://files.example/team.json");
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
    key::key_card(&mut m, t, &sealed, &|_| link.to_owned(), true);
    key::remember_new(&sealed.survey.id, "secret");
    key::key_card(&mut m, t, &sealed, &|_| link.to_owned(), false);
    let mut unsealed = doc.clone();
    unsealed.survey.results_key = None;
    key::key_card(&mut m, t, &unsealed, &|_| link.to_owned(), false);
    for home in [
        Home::Store(Source::Remote("https://files.example/team.json".into())),
        Home::Store(Source::Device),
        Home::Disk(DiskFile::read_only("team.json")),
    ] {
        let mut state = Workspace::new(doc.clone(), home, None);
        state.unsaved = true;
        file::file_card(&mut m, t, &state, "../results/#/results", false);
    }
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
        let (t, gaps) = Texts::<SetupMsg>::parse(&json).expect("a language file");
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
    let (t, _) = Texts::<SetupMsg>::parse(&json).expect("a language file");
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
    let html = m.finish().into_string();
    assert!(!html.contains("<img"), "escaped");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; {round}"));
    // In a right-to-left page each of the team's words is set apart.
    assert!(html.contains("\u{2068}&lt;img"));
}
