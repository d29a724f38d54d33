//! The respondent page's cards: what each says in each situation, in each language, with the
//! team's words kept as text and every button naming what it does.

use super::*;
use crate::chart::markup::{assert_none_of, words_of};

fn language(code: &str) -> Texts<Msg> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang");
    let json = std::fs::read_to_string(folder.join(format!("{code}.json"))).expect("file");
    let (t, gaps) = Texts::<Msg>::parse(&json).expect("a language file");
    assert!(gaps.is_empty(), "{code}: {gaps:?}");
    t
}

fn header(sealed_min: Option<u32>, destination: Destination) -> Intro {
    Intro {
        title: "Team pulse",
        language: "en",
        meta: "December 2026 · 12 questions · about 3 minutes",
        other_language: None,
        sealed_min,
        destination,
    }
}

/// Every card, in every situation it has, as one text.
fn every_card(t: &Texts<Msg>) -> String {
    let mut all = String::new();
    let server = Destination::Server {
        host: Some("files.example"),
        linked_from_elsewhere: Some("mail.example"),
    };
    for card in [
        intro(t, &header(Some(5), Destination::ThisDevice)),
        intro(t, &header(None, server)),
        sent(t, true, true, true, None),
        sent(t, true, false, false, Some("HTTP 503")),
        sent(t, false, false, true, None),
        withdrawn(t, true),
        withdrawn(t, false),
        answered_before(t),
        no_open_round(t, "Team pulse", "en"),
        nothing_on_this_device(t, "setup/#/setup"),
        nothing_at(t, "https://files.example/team.json"),
        refused(t, &["HTTP 409".to_owned()]),
        offline_copy(t),
    ] {
        all.push_str(&words_of(card.as_str()));
        all.push('\n');
    }
    all
}

#[test]
fn each_card_says_what_its_situation_means() {
    let t = Texts::english();
    let sealed = words_of(intro(&t, &header(Some(5), Destination::ThisDevice)).as_str());
    assert!(sealed.contains("at least 5 people"), "{sealed}");
    assert!(sealed.contains("stay on this device"), "{sealed}");
    assert!(!sealed.contains("not sealed"), "{sealed}");

    let server = Destination::Server {
        host: None,
        linked_from_elsewhere: None,
    };
    let plain = intro(&t, &header(None, server));
    assert!(plain.as_str().contains("data-testid=\"unsealed-warning\""));
    assert!(words_of(plain.as_str()).contains("an unknown server"));
    assert!(!plain.as_str().contains("destination-warning"));

    let crafted = Destination::Server {
        host: Some("files.example"),
        linked_from_elsewhere: Some("mail.example"),
    };
    let warned = words_of(intro(&t, &header(Some(5), crafted)).as_str());
    assert!(warned.contains("from mail.example"), "{warned}");
    assert!(warned.contains("on files.example"), "{warned}");

    let mut other = header(Some(5), Destination::ThisDevice);
    other.other_language = Some("Deutsch");
    assert!(
        intro(&t, &other)
            .as_str()
            .contains("\u{2068}Deutsch\u{2069}")
    );

    // On a shared device: the way to the next person, and whether these answers still wait
    // on it (only plain answers to a survey from before sealing are readable there).
    let waiting = words_of(sent(&t, true, false, false, None).as_str());
    assert!(waiting.contains(t.get(Msg::PassOnWaiting)), "{waiting}");
    let kept_sealed = words_of(sent(&t, true, false, true, None).as_str());
    assert!(kept_sealed.contains(t.get(Msg::PassOnNothingKept)));
    let why = words_of(sent(&t, false, false, true, Some("HTTP 503")).as_str());
    assert!(
        why.contains("HTTP 503") && why.contains(t.get(Msg::CanChange)),
        "{why}"
    );
    assert!(
        words_of(sent(&t, false, true, true, Some("ignored")).as_str()).contains(t.get(Msg::Saved))
    );

    assert!(words_of(withdrawn(&t, false).as_str()).contains(t.get(Msg::WithdrawnKept)));
    assert!(words_of(withdrawn(&t, true).as_str()).contains(t.get(Msg::WithdrawnSaved)));
}

#[test]
fn every_button_names_an_act_the_page_reads_back() {
    let t = Texts::english();
    let acts_in = |card: SafeHtml| -> Vec<Act> {
        card.as_str()
            .split(&format!("{ACT_ATTR}=\""))
            .skip(1)
            .map(|rest| Act::parse(rest.split('"').next().unwrap_or_default()).expect("an act"))
            .collect()
    };
    assert_eq!(acts_in(sent(&t, true, true, true, None)), [Act::NextPerson]);
    assert_eq!(
        acts_in(sent(&t, false, true, true, None)),
        [Act::BackToSurvey]
    );
    assert_eq!(acts_in(withdrawn(&t, true)), [Act::AnswerAgain]);
    assert_eq!(
        acts_in(answered_before(&t)),
        [Act::ChangeMine, Act::Withdraw, Act::SomeoneElse]
    );
    for card in [
        intro(&t, &header(None, Destination::ThisDevice)),
        offline_copy(&t),
    ] {
        assert!(acts_in(card).is_empty());
    }
    // The buttons are buttons, not a form's submit.
    assert!(!answered_before(&t).as_str().contains("<button class"));
    for act in Act::ALL {
        assert_eq!(Act::parse(act.name()), Some(*act));
    }
}

#[test]
fn every_card_in_each_language_says_nothing_in_english() {
    let english = every_card(&Texts::english());
    for word in [" the ", "answers", "survey"] {
        assert!(english.contains(word), "{word}");
    }
    for code in ["de", "es", "ar"] {
        let mut text = every_card(&language(code));
        // The team's and the server's words are theirs.
        for own in [
            "Team pulse",
            "December 2026 · 12 questions · about 3 minutes",
            "files.example",
            "mail.example",
            "https://files.example/team.json",
            "HTTP 503",
            "HTTP 409",
        ] {
            text = text.replace(own, " ");
        }
        assert_none_of(
            code,
            &text,
            &[
                " the ", " your ", "answers", "survey", "Thank", "device", "Send",
            ],
        );
    }
}

#[test]
fn the_teams_and_the_links_words_stay_text() {
    let t = language("ar");
    let hostile = "<img src=x onerror=alert(1)> {min}";
    let crafted = Destination::Server {
        host: Some(hostile),
        linked_from_elsewhere: Some(hostile),
    };
    let mut header = header(None, crafted);
    header.title = hostile;
    header.meta = hostile;
    header.language = "\"><script>";
    for card in [
        intro(&t, &header),
        no_open_round(&t, hostile, "\" onmouseover=\"x"),
        nothing_at(&t, hostile),
        nothing_on_this_device(&t, "\"><img src=x>"),
        refused(&t, &[hostile.to_owned()]),
        sent(&t, false, false, true, Some(hostile)),
    ] {
        let markup = card.as_str();
        assert!(
            !markup.contains("<img") && !markup.contains("<script"),
            "{markup}"
        );
        assert!(!markup.contains("\" onmouseover"), "{markup}");
        assert!(
            markup.contains("&lt;img src=x onerror=alert(1)&gt;") || markup.contains("&quot;&gt;"),
            "{markup}"
        );
    }
}
