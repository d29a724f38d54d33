//! The drawn dashboard, read as a person would: what the demo team shows, that a suppressed
//! round leaves no number or comment anywhere, that survey text stays text, the events'
//! order, and the readouts of the chart points.

use std::pin::pin;
use std::task::{Context, Poll, Waker};

use super::*;
use crate::chart::markup::{assert_none_of, words_of};

/// The plain demo team with every round closed: computed from its plain answers, so every
/// card has all twelve rounds to draw.
fn demo() -> Document {
    let mut doc = crate::model::synth::demo();
    for round in &mut doc.rounds {
        round.closed = true;
    }
    doc
}

fn drawn(doc: &Document) -> (Vec<String>, Readouts) {
    let report = stats::report(doc, 7);
    let (cards, readouts) = draw(&Texts::english(), doc, &report, false, true);
    (
        cards.into_iter().map(SafeHtml::into_string).collect(),
        readouts,
    )
}

/// The card whose section carries `data-testid="<testid>"`.
fn card<'a>(cards: &'a [String], testid: &str) -> &'a str {
    let needle = format!("data-testid=\"{testid}\"");
    cards
        .iter()
        .find(|c| c.contains(&needle))
        .unwrap_or_else(|| panic!("no card {testid}"))
}

/// What a reader sees of `markup`: the tags dropped, the writer's escapes undone.
fn text(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `<tr>` rows of a card for one round, as text.
fn rows_of(card: &str, round: &str) -> Vec<String> {
    let start = format!("<tr data-round=\"{round}\"");
    card.match_indices(&start)
        .map(|(at, _)| {
            let end = card[at..].find("</tr>").map_or(card.len(), |e| at + e);
            text(&card[at..end])
        })
        .collect()
}

#[test]
fn the_demo_team_shows_every_card_with_a_trend_per_dimension() {
    let (cards, _) = drawn(&demo());
    // Summary, the warning that this (plain) file is not sealed, three dimensions, agreed
    // actions, by question, participation, comments.
    assert_eq!(cards.len(), 9);
    assert!(text(card(&cards, "unsealed")).contains("not sealed"));
    assert!(
        text(card(&cards, "summary")).contains("In November 2026, 8 of 9 people answered (89%)."),
    );
    for dimension in ["safety", "alignment", "failure"] {
        let card = card(&cards, &format!("dimension-{dimension}"));
        // 12 rounds, one suppressed: 11 points, one gap, a table row for every round.
        assert_eq!(card.matches("<circle").count(), 11, "{dimension}");
        assert_eq!(card.matches("class=\"gap\"").count(), 1, "{dimension}");
        assert_eq!(card.matches("<tr data-round=").count(), 12, "{dimension}");
        assert!(card.contains(&format!("id=\"{}\"", ids::chart(dimension))));
        assert!(card.contains(&format!("id=\"{}\"", ids::readout(dimension))));
    }
    // Change in words, never a bare arrow: the June dip is called a likely drop.
    let june = rows_of(card(&cards, "dimension-alignment"), "2026-06");
    assert!(june[0].contains("down ("), "{june:?}");
}

#[test]
fn a_suppressed_round_shows_no_number_and_no_comment_anywhere() {
    let mut doc = demo();
    // August had 4 answers (below the minimum of 5).
    for response in doc.responses.iter_mut().filter(|r| r.round == "2026-08") {
        response.comment = Some("AUGUST-SECRET".into());
    }
    let (cards, readouts) = drawn(&doc);
    let all = cards.concat();
    assert!(!all.contains("AUGUST-SECRET"));
    for dimension in ["safety", "alignment", "failure"] {
        let rows = rows_of(card(&cards, &format!("dimension-{dimension}")), "2026-08");
        assert_eq!(rows, ["August 2026fewer than 5 answers, not shown"]);
        // August is slot 8: no point, and its readout says why.
        assert!(!all.contains(&format!("id=\"pt-chart-{dimension}-8\"")));
        assert_eq!(
            readouts.get(dimension, 8),
            Some("August 2026: fewer than 5 answers, not shown")
        );
    }
    assert!(text(card(&cards, "participation")).contains("August 2026fewer than 5"));
}

#[test]
fn survey_text_stays_text() {
    let mut doc = demo();
    doc.survey.dimensions[0].name = "<img src=x id=injected onerror=alert(1)>".into();
    doc.survey.title = "Team \"A\" & <script>alert(1)</script>".into();
    for round in &mut doc.rounds {
        round.label = format!("{} <b id=bold>", round.label);
    }
    let (cards, _) = drawn(&doc);
    let all = cards.concat();
    for tag in ["<img", "<b ", "<script"] {
        assert!(!all.contains(tag), "{tag} became markup");
    }
    assert!(text(&all).contains("<img src=x id=injected onerror=alert(1)>"));
    assert!(text(&cards[0]).contains("Team \"A\" & <script>alert(1)</script>"));
}

#[test]
fn events_are_numbered_in_time_order_and_actions_are_reviewed_first() {
    let (cards, _) = drawn(&demo());
    let alignment = card(&cards, "dimension-alignment");
    let events = &alignment[alignment.find("<ol class=\"events\">").expect("events")..];
    let events = text(&events[..events.find("</ol>").expect("end of events")]);
    assert!(
        events
            .starts_with("\u{2068}Re-org: two teams merged\u{2069} (2026-05-18, before June 2026)"),
        "{events}"
    );
    // The actions are reviewed before the numbers: right after the summary and the warning.
    let order: Vec<usize> = ["summary", "actions", "dimension-safety"]
        .iter()
        .map(|id| {
            cards
                .iter()
                .position(|c| c.contains(&format!("data-testid=\"{id}\"")))
                .expect(id)
        })
        .collect();
    assert!(order[0] < order[1] && order[1] < order[2], "{order:?}");
    let actions = card(&cards, "actions");
    // November is the latest released round here: what was due by then, first.
    let due = &actions[actions.find("data-testid=\"actions-due\">").expect("due")..];
    let due = text(&due[due.find('>').expect("tag") + 1..due.find("</ul>").expect("end")]);
    assert_eq!(
        due,
        "Blameless review of the September incident, written up for everyone \u{2068}Team lead\u{2069} · open since September 2026\
         Keep a written log of decisions in the team wiki \u{2068}Team leads\u{2069} · open since October 2026"
    );
    let text_all = text(actions);
    assert!(
        text_all.contains("Due by November 2026: did we do it?"),
        "{text_all}"
    );
    assert!(!text_all.contains("Agreed after"), "{text_all}");
    // Settled before November: folded away, with when.
    assert!(text_all.contains("Earlier actions (4)"), "{text_all}");
    assert!(
        text_all.contains("Move planning to Monday mornings dropped in September 2026"),
        "{text_all}"
    );
    // A tick at each round an action was done in (July, August, October), on every chart.
    assert_eq!(alignment.matches("class=\"done-mark\"").count(), 3);
    assert!(text(alignment).contains("an agreed action was done"));
    assert!(!events.contains("Leads write down"));
}

#[test]
fn each_point_reads_out_its_round() {
    let (cards, readouts) = drawn(&demo());
    let latest = readouts.get("safety", 11).expect("November");
    assert!(latest.starts_with("November 2026: "), "{latest}");
    assert!(latest.contains(", n = 8"), "{latest}");
    // The readout under the chart starts with the latest round.
    assert!(text(card(&cards, "dimension-safety")).contains(latest));
    let june = readouts.get("safety", 6).expect("June");
    assert!(june.starts_with("June 2026: "), "{june}");
    assert!(june.contains("likely down since May 2026"), "{june}");
    assert_eq!(readouts.get("safety", 12), None);
    assert_eq!(readouts.get("nope", 0), None);
}

#[test]
fn the_buttons_carry_actions_the_page_can_read_back() {
    // The sealed demo with its open round closed: the release card is there too.
    let mut sealed = crate::release::demo();
    sealed.rounds.iter_mut().for_each(|r| r.closed = true);
    let (cards, _) = drawn(&sealed);
    let all = cards.concat();
    assert!(all.contains("data-testid=\"release\""));
    assert!(all.contains("November 2026: 8 answers"));
    let mut seen = Vec::new();
    for (at, _) in all.match_indices("data-action=\"") {
        let rest = &all[at + "data-action=\"".len()..];
        let name = &rest[..rest.find('"').expect("closing quote")];
        seen.push(Action::parse(name).unwrap_or_else(|| panic!("{name} is no action")));
    }
    for action in Action::ALL {
        assert!(seen.contains(action), "{action:?} is not on the dashboard");
    }
    // Three charts, each with its two downloads naming the chart.
    assert_eq!(
        all.matches("data-action=\"png\" data-chart=\"chart-")
            .count(),
        3
    );
    assert_eq!(all.matches("data-pick=\"team-file\"").count(), 1);
}

/// Runs a future whose pauses are always ready (as in the reader worker).
fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the dashboard waited on something other than its pauses"),
    }
}

#[test]
fn prepare_pauses_between_its_steps_and_formats_the_csv_as_told() {
    let bytes = crate::model::to_canonical_bytes(&demo());
    let mut pauses = 0;
    let english = Texts::english();
    let inputs = Inputs {
        mode: Mode::Dashboard { presentable: true },
        texts: &english,
        offline_copy: true,
        seed: 1,
        number: |x| format!("[{}]", x.round()),
        month: |_, _| None,
    };
    let prepared = run(prepare(&bytes, inputs, || {
        pauses += 1;
        async {}
    }))
    .expect("the demo is valid");
    assert_eq!(pauses, 3);
    assert_eq!(prepared.survey_id, demo().survey.id);
    assert!(prepared.csv.contains("[6]") || prepared.csv.contains("[5]"));
    assert!(
        prepared.cards[0]
            .as_str()
            .contains("data-testid=\"offline-copy\"")
    );

    let broken = run(prepare(
        b"{\"format\": \"candor-survey\"",
        inputs,
        || async {},
    ));
    assert!(broken.is_err());
}

#[test]
fn the_shipped_demo_shows_published_rounds_and_only_a_count_for_the_open_one() {
    let doc = crate::release::demo();
    let (cards, readouts) = drawn(&doc);
    let summary = text(card(&cards, "summary"));
    assert!(
        summary.contains("In October 2026, 9 of 9 people answered"),
        "{summary}"
    );
    assert!(
        summary.contains("November 2026: collecting: 8 answers so far"),
        "{summary}"
    );
    for dimension in ["safety", "alignment", "failure"] {
        let rows = rows_of(card(&cards, &format!("dimension-{dimension}")), "2026-11");
        assert_eq!(
            rows,
            ["November 2026collecting: 8 answers so far, results after the round closes"]
        );
        assert!(
            !cards
                .concat()
                .contains(&format!("id=\"pt-chart-{dimension}-11\""))
        );
        assert_eq!(
            readouts.get(dimension, 11),
            Some("November 2026: collecting: 8 answers so far, results after the round closes")
        );
    }
    // The published rounds draw exactly as the same rounds computed from plain answers.
    let (plain, _) = drawn(&{
        let mut d = crate::model::synth::demo();
        d.rounds
            .iter_mut()
            .for_each(|r| r.closed = r.id != "2026-11");
        d
    });
    assert_eq!(
        card(&cards, "dimension-safety"),
        card(&plain, "dimension-safety")
    );
    assert!(text(card(&cards, "participation")).contains("November 2026collecting: 8 so far"));
}

#[test]
fn the_retro_takes_the_actions_first_then_each_dimension_then_comments_then_what_next() {
    let doc = demo();
    let report = stats::report(&doc, 7);
    let slides: Vec<String> = retro::slides(&Texts::english(), &doc, &report)
        .into_iter()
        .map(SafeHtml::into_string)
        .collect();
    let testids: Vec<&str> = slides
        .iter()
        .map(|s| {
            let at = s.find("data-testid=\"").map_or(0, |i| i + 13);
            &s[at..at + s[at..].find('"').unwrap_or(0)]
        })
        .collect();
    assert_eq!(
        testids,
        [
            "slide-title",
            "slide-actions",
            "dimension-safety",
            "dimension-alignment",
            "dimension-failure",
            "comments",
            "slide-next"
        ]
    );
    assert!(text(&slides[0]).contains("Results of November 2026"));
    assert!(text(&slides[0]).contains("8 of 9 people answered (89%)."));
    // Last time's actions: the two open ones due by November, nothing settled before.
    let actions = text(&slides[1]);
    assert!(
        actions.contains("Blameless review of the September incident"),
        "{actions}"
    );
    assert!(!actions.contains("Move planning"), "{actions}");
    // Every dimension slide is the dashboard's own card: same numbers, same hidden rounds.
    let (cards, _) = drawn(&doc);
    assert_eq!(slides[3], card(&cards, "dimension-alignment"));

    // Nothing released yet: only the title slide, saying why.
    let mut fresh = demo();
    for round in &mut fresh.rounds {
        round.closed = false;
    }
    fresh.rounds.truncate(1);
    fresh.responses.retain(|r| r.round == fresh.rounds[0].id);
    fresh.events.clear();
    let report = stats::report(&fresh, 7);
    let only = retro::slides(&Texts::english(), &fresh, &report);
    assert_eq!(only.len(), 1);
    assert!(
        text(only[0].as_str()).contains("nothing to present"),
        "{}",
        text(only[0].as_str())
    );
}

#[test]
fn the_demo_dashboard_and_retro_in_each_language_say_nothing_in_english() {
    use crate::i18n::ResultsMsg;
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang");
    for code in ["de", "es", "ar"] {
        let json = std::fs::read_to_string(folder.join(format!("{code}.json"))).expect("file");
        let (t, gaps) = Texts::<ResultsMsg>::parse(&json).expect("a language file");
        assert!(gaps.is_empty(), "{code}: {gaps:?}");
        let mut doc = demo();
        doc.survey = doc
            .survey
            .in_language(code)
            .expect("the demo is translated");
        let report = stats::report(&doc, 7);
        let (cards, readouts) = draw(&t, &doc, &report, false, true);
        let slides = retro::slides(&t, &doc, &report);
        let mut text: String = cards
            .iter()
            .chain(&slides)
            .map(|c| words_of(c.as_str()))
            .chain(readouts.entries().iter().flat_map(|(_, r)| r.clone()))
            .collect::<Vec<_>>()
            .join("\n");
        // What the file itself says (its rounds, events, actions and comments) is the team's
        // own writing, in whatever language they wrote it.
        let own = doc
            .rounds
            .iter()
            .map(|r| r.label.as_str())
            .chain(doc.events.iter().map(|e| e.label.as_str()))
            .chain(doc.events.iter().filter_map(|e| e.owner.as_deref()))
            .chain(doc.responses.iter().filter_map(|r| r.comment.as_deref()));
        for own in own.collect::<Vec<_>>() {
            text = text.replace(own, " ");
        }
        assert_none_of(
            code,
            &text,
            &[
                " the ",
                " of ",
                " and ",
                " to ",
                "answers",
                "agreement",
                "Download",
                "likely",
                "Round",
                "round",
                "Comments",
                "Participation",
                "Shown because",
            ],
        );
        // Numbers are written the language's way.
        if code != "ar" {
            let mean = report
                .rounds()
                .iter()
                .rev()
                .find_map(|r| r.released())
                .and_then(|r| r.dimensions()[0].released())
                .map(|s| t.number(s.mean(), 1))
                .expect("a released mean");
            assert!(mean.contains(','), "{code}: {mean}");
            assert!(text.contains(&mean), "{code}: {mean} not shown");
        }
    }
}

/// A crafted team file's own texts (an event, an action's owner, a round's name) go into the
/// translated sentences as text: a `{placeholder}` in them is not filled, markup in them is
/// escaped, and in Arabic each is isolated.
#[test]
fn the_teams_own_texts_stay_text_in_a_translated_sentence() {
    use crate::i18n::ResultsMsg;
    let json = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang/ar.json"),
    )
    .expect("the Arabic file");
    let (t, _) = Texts::<ResultsMsg>::parse(&json).expect("Arabic texts");
    let mut doc = demo();
    let crafted = "{round} <img src=x onerror=alert(1)>";
    for event in &mut doc.events {
        event.label = crafted.to_owned();
        if event.owner.is_some() {
            event.owner = Some(crafted.to_owned());
        }
    }
    let report = stats::report(&doc, 7);
    let (cards, _) = draw(&t, &doc, &report, false, true);
    let html = cards
        .into_iter()
        .map(SafeHtml::into_string)
        .collect::<String>();
    assert!(
        !html.contains("<img"),
        "markup from the file was not escaped"
    );
    let escaped = "{round} &lt;img src=x onerror=alert(1)&gt;";
    assert!(
        html.contains(&format!("\u{2068}{escaped}\u{2069}")),
        "the event is not shown, isolated and literal"
    );
}

/// The organisation view in each language: its cards (drawn in the reader worker from the
/// organisation page's part of the language file, which carries the results page's texts
/// too) say nothing in English but what the files themselves say.
#[test]
fn the_organisation_view_in_each_language_says_nothing_in_english() {
    use crate::i18n::OrgMsg;
    // The example organisation with a quiet team and a lost one (`org::tests`).
    let (org_file, report) = super::org::tests::example_report("Checkout");
    let latest = report.periods.last().cloned();
    // What the files say: names of the organisation, its groups, teams and dimensions, and
    // why a team's file could not be used (a problem of the file or the server, in English).
    let mut own: Vec<&str> = vec![org_file.title.as_str()];
    own.extend(org_file.teams.iter().map(|t| t.name.as_str()));
    own.extend(org_file.groups.iter().map(|g| g.name.as_str()));
    own.extend(report.dimensions.iter().map(|(_, name)| name.as_str()));
    own.extend(report.problems.iter().map(|p| p.reason.as_str()));
    own.sort_by_key(|o| std::cmp::Reverse(o.len()));
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang");
    for code in ["de", "es", "ar"] {
        let json = std::fs::read_to_string(folder.join(format!("{code}.json"))).expect("file");
        let (_, gaps) = Texts::<OrgMsg>::parse(&json).expect("a language file");
        assert!(gaps.is_empty(), "{code}: {gaps:?}");
        // As the organisation page's built file gives them (scripts/finish-build.py).
        let built = crate::i18n::BuiltFile::from_source(&json)
            .with::<OrgMsg>()
            .with::<crate::i18n::ResultsMsg>()
            .json();
        let w = org::Words::parse(&built).expect("a language file");
        let mut cards = org::view(&w, &org_file, &report, latest.as_deref());
        cards.extend(org::view(&w, &org_file, &report, None));
        let mut text = String::new();
        for card in &cards {
            let html = card.as_str();
            // The text, and the cells' and charts' accessible names.
            text.push_str(&words_of(html));
            text.push('\n');
        }
        for own in &own {
            text = text.replace(own, " ");
        }
        assert_none_of(
            code,
            &text,
            &[
                " the ",
                " of ",
                " and ",
                " released",
                "Pooled",
                "pooled",
                "over time",
                "covers",
                "too few",
                "Totals",
                "differences",
                "lowest",
                "highest",
                "could not",
            ],
        );
        // Numbers are written the language's way.
        if code != "ar" {
            let pooled = report.scopes[0]
                .cells
                .values()
                .next()
                .expect("a total")
                .pooled;
            let mean = w.results.number(pooled.mean, 2);
            assert!(mean.contains(','), "{code}: {mean}");
            assert!(text.contains(&mean), "{code}: {mean} not shown");
        }
    }
}
