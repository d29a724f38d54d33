//! The organisation view's cards for one period, as markup (pure): the heatmap of teams by
//! dimension with each team's participation, one card per department; the totals of the
//! organisation and of each group, each saying how many teams it covers; where the differences
//! lie (ICC(1) in words); trends of the pooled means per dimension; and the teams whose files
//! could not be used.
//!
//! Everything comes from [`crate::org::report`], which holds only released results: a team
//! that released nothing for the period is a grey "too few" cell with no number, and adds
//! nothing to any total.
//!
//! The cards are written in the page's language ([`Words`]): the organisation page's own texts
//! ([`OrgMsg`](crate::i18n::OrgMsg)) and, for decimals, percentages and the team's names in
//! sentences, the results page's ([`ResultsMsg`]), shared with it. What the files say (the organisation's, groups',
//! teams' and dimensions' names, the periods, why a team's file could not be used) is data:
//! it goes into the sentences as it is, set apart where its direction may differ.

use crate::chart::{Markup, SafeHtml, Slot, TrendChart, trend_svg};
use crate::i18n::{LanguageFileError, OrgMsg as O, ResultsMsg, Texts};
use crate::org::OrgFile;
use crate::org::report::{OrgReport, Scope, TeamRow};
use crate::stats::{self, Spread, Verdict};

/// The organisation view's texts in one language: its own, and the results page's for numbers
/// and names. One language file carries both (the organisation page's part of it holds the
/// `results.` keys too: scripts/finish-build.py), so the results page's texts are shared, not
/// copied into the organisation page's catalog.
#[derive(Debug, Default, PartialEq)]
pub struct Words {
    pub org: Texts<O>,
    pub results: Texts<ResultsMsg>,
}

impl Words {
    /// English, as compiled in.
    pub fn english() -> Self {
        Self::default()
    }

    /// Both catalogs from the organisation page's built language file, which carries the
    /// results page's texts too (English text by text where it has none: the completeness
    /// test, `i18n::tests`, holds every file to both).
    pub fn parse(json: &str) -> Result<Self, LanguageFileError> {
        Ok(Self {
            org: Texts::from_part(json)?,
            results: Texts::from_part(json)?,
        })
    }
}

/// The whole view for `period` (`None`: no team has released anything yet), in order. The
/// heatmap is one card per department, so a thousand teams are laid out a department at a
/// time, not in one long task.
pub fn view(w: &Words, org: &OrgFile, report: &OrgReport, period: Option<&str>) -> Vec<SafeHtml> {
    let mut cards = match period {
        Some(period) => {
            let mut cards = heatmaps(w, org, report, period);
            cards.push(totals(w, report, period));
            cards.push(differences(w, report, period));
            cards.extend(trends(w, report));
            cards
        }
        None => vec![nothing_released(w, report)],
    };
    if !report.problems.is_empty() {
        cards.push(problems(w, report));
    }
    cards
}

/// Said instead of numbers when no team has released a round.
fn nothing_released(w: &Words, report: &OrgReport) -> SafeHtml {
    let t = &w.org;
    let listed = t.count(report.teams.len() + report.problems.len());
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-empty")],
    )
    .element("h2", &[], t.get(O::NothingReleasedTitle))
    .element("p", &[], &t.fill(O::NothingReleased, &[("count", &listed)]))
    .close("section");
    m.finish()
}

/// One of five colour steps for a mean on a scale of `scale` points (a class, so the palette
/// and its text contrast live in the stylesheet).
fn step(mean: f64, scale: u8) -> &'static str {
    let share = (mean - 1.0) / (f64::from(scale.max(2)) - 1.0);
    match (share * 5.0).floor() as i64 {
        i64::MIN..=0 => "heat heat-1",
        1 => "heat heat-2",
        2 => "heat heat-3",
        3 => "heat heat-4",
        _ => "heat heat-5",
    }
}

fn team_rows(m: &mut Markup, w: &Words, report: &OrgReport, rows: &[&TeamRow], period: &str) {
    let (t, r) = (&w.org, &w.results);
    for team in rows {
        let team_name = r.name(&team.name);
        m.open("tr", &[])
            .element("th", &[("scope", "row")], &team.name);
        // Participation: how many answered the round it released, of how many on the team.
        let answered = match (team.answers.get(period), team.team_size) {
            (Some(n), Some(size)) => t.fill(
                O::AnsweredOf,
                &[("answered", &n.to_string()), ("size", &size.to_string())],
            ),
            (Some(n), None) => n.to_string(),
            (None, _) => "–".to_owned(),
        };
        m.element("td", &[("class", "answered")], &answered);
        for (dimension, name) in &report.dimensions {
            match team.cells.get(&(period.to_owned(), dimension.clone())) {
                Some(cell) => {
                    let n = cell.numbers.n.to_string();
                    let (mark, label) = match cell.change {
                        Some(Verdict::Up) => (" ▲", O::CellLabelUp),
                        Some(Verdict::Down) => (" ▼", O::CellLabelDown),
                        _ => ("", O::CellLabel),
                    };
                    let mean = r.number(cell.numbers.mean, 1);
                    let label = t.fill(
                        label,
                        &[
                            ("team", &team_name),
                            ("dimension", &r.name(name)),
                            ("mean", &mean),
                            ("n", &n),
                        ],
                    );
                    m.open(
                        "td",
                        &[
                            ("class", step(cell.numbers.mean, team.scale)),
                            ("aria-label", &label),
                        ],
                    )
                    .text(&mean)
                    .element(
                        "span",
                        &[("class", "n")],
                        &format!(" {}", t.fill(O::CellN, &[("n", &n)])),
                    )
                    .text(mark)
                    .close("td");
                }
                None => {
                    m.element("td", &[("class", "heat too-few")], t.get(O::TooFew));
                }
            }
        }
        m.close("tr");
    }
}

/// Teams by dimension: the released mean with its n, coloured on one scale, a change marked
/// only where the team's own data supports it. A card that says how to read it, then one card
/// per group (its path, e.g. "Product › Payments"), then the teams in no group.
fn heatmaps(w: &Words, org: &OrgFile, report: &OrgReport, period: &str) -> Vec<SafeHtml> {
    let (t, r) = (&w.org, &w.results);
    let period_name = r.name(period);
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-heatmap")],
    )
    .element("h2", &[], &t.fill(O::TeamsIn, &[("period", &period_name)]))
    .element("p", &[], t.get(O::HeatmapHint))
    .open("p", &[("class", "heat-legend"), ("aria-hidden", "true")]);
    for (class, text) in [
        ("heat heat-1", t.get(O::Lowest)),
        ("heat heat-2", ""),
        ("heat heat-3", t.get(O::Middle)),
        ("heat heat-4", ""),
        ("heat heat-5", t.get(O::Highest)),
        ("heat too-few", t.get(O::TooFew)),
    ] {
        m.element("span", &[("class", class)], text);
    }
    m.close("p").close("section");
    let mut cards = vec![m.finish()];
    let mut sections: Vec<(String, Vec<&TeamRow>)> = org
        .groups
        .iter()
        .map(|g| {
            // The path from the outermost group in, each name set apart (in a right-to-left
            // language the path then runs from the right).
            let path: Vec<String> = org
                .group_path(&g.id)
                .iter()
                .rev()
                .map(|p| r.name(&p.name).into_owned())
                .collect();
            let rows = report
                .teams
                .iter()
                .filter(|team| team.group.as_deref() == Some(g.id.as_str()))
                .collect();
            (path.join(t.get(O::GroupSeparator)), rows)
        })
        .collect();
    sections.push((
        t.get(O::NoGroup).to_owned(),
        report
            .teams
            .iter()
            .filter(|team| team.group.is_none())
            .collect(),
    ));
    for (title, rows) in sections.iter().filter(|(_, rows)| !rows.is_empty()) {
        let mut m = Markup::new();
        m.open(
            "section",
            &[
                ("class", "card heat-card"),
                ("data-testid", "org-heat-group"),
            ],
        )
        .element("h3", &[], title)
        // A table wider than a phone scrolls inside its card, reachable by keyboard.
        .open(
            "div",
            &[
                ("class", "table-wrap"),
                ("role", "region"),
                ("aria-label", title),
                ("tabindex", "0"),
            ],
        )
        .open("table", &[("class", "heatmap")])
        .element(
            "caption",
            &[("class", "visually-hidden")],
            &t.fill(
                O::HeatCaption,
                &[("group", title), ("period", &period_name)],
            ),
        )
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", "col")], t.get(O::TeamColumn))
        .element(
            "th",
            &[("scope", "col"), ("class", "answered")],
            t.get(O::AnsweredColumn),
        );
        for (_, name) in &report.dimensions {
            m.element("th", &[("scope", "col")], name);
        }
        m.close("tr").close("thead").open("tbody", &[]);
        team_rows(&mut m, w, report, rows, period);
        m.close("tbody")
            .close("table")
            .close("div")
            .close("section");
        cards.push(m.finish());
    }
    cards
}

/// The pooled mean of each dimension over every period: a card for the whole organisation,
/// then one per group, folded (a leader opens the groups they look after). One card per scope
/// keeps each card a few charts, drawn in a frame of its own. A period in which no team of the
/// scope released anything is a gap, never a value.
fn trends(w: &Words, report: &OrgReport) -> Vec<SafeHtml> {
    let (t, r) = (&w.org, &w.results);
    let scale = report
        .teams
        .iter()
        .map(|team| team.scale)
        .max()
        .unwrap_or(7);
    report
        .scopes
        .iter()
        .enumerate()
        .map(|(s, scope)| {
            let over_time = t.fill(O::OverTime, &[("scope", &r.name(&scope.name))]);
            let mut m = Markup::new();
            m.open(
                "section",
                &[("class", "card"), ("data-testid", "org-trend")],
            );
            if s == 0 {
                m.element("h2", &[], &over_time).element(
                    "p",
                    &[("class", "muted")],
                    t.get(O::TrendHint),
                );
            } else {
                m.open("details", &[("class", "by-group")])
                    .element("summary", &[], &over_time);
            }
            m.open("div", &[("class", "charts")]);
            for (d, (dimension, name)) in report.dimensions.iter().enumerate() {
                m.open("figure", &[("class", "chart")])
                    .element("figcaption", &[], name);
                let id = format!("org-trend-{d}-{s}");
                scope_trend(&mut m, w, report, scope, (dimension, name), scale, &id);
                m.close("figure");
            }
            m.close("div");
            if s > 0 {
                m.close("details");
            }
            m.close("section");
            m.finish()
        })
        .collect()
}

/// The chart of one dimension's pooled mean in `scope` (`dimension`: its id and name), with
/// its numbers as text.
fn scope_trend(
    m: &mut Markup,
    w: &Words,
    report: &OrgReport,
    scope: &Scope,
    (dimension, name): (&str, &str),
    scale: u8,
    id: &str,
) {
    let (t, r) = (&w.org, &w.results);
    let total = t.count(scope.teams);
    let mut slots = Vec::new();
    let mut point_labels = Vec::new();
    for period in &report.periods {
        let period_name = r.name(period);
        match scope.cells.get(&(period.clone(), dimension.to_owned())) {
            Some(cell) => {
                let p = cell.pooled;
                slots.push(Slot::Value {
                    mean: p.mean,
                    ci: p.ci95,
                });
                point_labels.push(t.fill(
                    O::TrendPoint,
                    &[
                        ("period", &period_name),
                        ("mean", &r.number(p.mean, 2)),
                        ("n", &p.n.to_string()),
                        ("teams", &t.count(p.teams)),
                        ("total", &total),
                    ],
                ));
            }
            None => {
                slots.push(Slot::Suppressed);
                point_labels.push(t.fill(O::TrendGap, &[("period", &period_name)]));
            }
        }
    }
    let title = t.fill(
        O::TrendTitle,
        &[
            ("dimension", &r.name(name)),
            ("scope", &r.name(&scope.name)),
        ],
    );
    m.safe(&trend_svg(&TrendChart {
        id,
        title: &title,
        scale,
        slots: &slots,
        labels: &report.periods,
        point_labels: &point_labels,
        events: &[],
        done: &[],
        tab_stop: None,
    }));
    // The chart's numbers as text, for screen readers and for print.
    m.open("ul", &[("class", "visually-hidden")]);
    for label in &point_labels {
        m.element("li", &[], label);
    }
    m.close("ul");
}

/// The organisation's and each group's totals, pooled from released results only.
fn totals(w: &Words, report: &OrgReport, period: &str) -> SafeHtml {
    let (t, r) = (&w.org, &w.results);
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-totals")],
    )
    .element(
        "h2",
        &[],
        &t.fill(O::TotalsIn, &[("period", &r.name(period))]),
    )
    .element("p", &[], t.get(O::TotalsHint));
    m.open(
        "div",
        &[
            ("class", "table-wrap"),
            ("role", "region"),
            ("aria-label", t.get(O::Totals)),
            ("tabindex", "0"),
        ],
    )
    .open("table", &[("class", "totals")])
    .open("thead", &[])
    .open("tr", &[])
    .element("th", &[("scope", "col")], t.get(O::PooledOver));
    for (_, name) in &report.dimensions {
        m.element("th", &[("scope", "col")], name);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for scope in &report.scopes {
        let total = t.count(scope.teams);
        m.open("tr", &[])
            .element("th", &[("scope", "row")], &scope.name);
        for (dimension, name) in &report.dimensions {
            // On a phone each cell is a line of its own, labelled with its column (org.css).
            let label = &[("data-label", name.as_str())];
            match scope.cells.get(&(period.to_owned(), dimension.clone())) {
                Some(cell) => {
                    let p = cell.pooled;
                    m.open("td", label)
                        .element("span", &[("class", "mean")], &r.number(p.mean, 2));
                    if let Some((low, high)) = p.ci95 {
                        let interval = t.fill(
                            O::TotalInterval,
                            &[("low", &r.number(low, 2)), ("high", &r.number(high, 2))],
                        );
                        m.element("span", &[("class", "ci")], &format!(" {interval}"));
                    }
                    let covers = t.fill(
                        O::Covers,
                        &[
                            ("n", &p.n.to_string()),
                            ("teams", &t.count(p.teams)),
                            ("total", &total),
                        ],
                    );
                    m.element("span", &[("class", "covers")], &format!(" {covers}"))
                        .close("td");
                }
                None => {
                    m.element(
                        "td",
                        &[("class", "too-few"), label[0]],
                        &t.fill(O::NoneReleased, &[("total", &total)]),
                    );
                }
            }
        }
        m.close("tr");
    }
    m.close("tbody")
        .close("table")
        .close("div")
        .close("section");
    m.finish()
}

/// ICC(1) per dimension over the whole organisation, in words: how much of the differences
/// lies between teams, and where to act ([`stats::spread`]).
fn differences(w: &Words, report: &OrgReport, period: &str) -> SafeHtml {
    let (t, r) = (&w.org, &w.results);
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-differences")],
    )
    .element("h2", &[], t.get(O::Differences))
    .open("ul", &[]);
    let whole = report.scopes.first();
    for (dimension, name) in &report.dimensions {
        let icc = whole
            .and_then(|s| s.cells.get(&(period.to_owned(), dimension.clone())))
            .and_then(|c| c.icc1);
        let name = r.name(name);
        let text = match icc {
            Some(icc) => {
                let words = match stats::spread(icc) {
                    Spread::WithinTeams => O::IccWithin,
                    Spread::Somewhat => O::IccSomewhat,
                    Spread::ALot => O::IccALot,
                };
                t.fill(
                    words,
                    &[("dimension", &name), ("share", &r.percent(icc.max(0.0)))],
                )
            }
            None => t.fill(O::NothingToCompare, &[("dimension", &name)]),
        };
        m.element("li", &[], &text);
    }
    m.close("ul").close("section");
    m.finish()
}

/// Teams whose files could not be used, each with why (as reading it said: a problem of the
/// file or of the server, in English, as the exports and `candor org report` say it).
fn problems(w: &Words, report: &OrgReport) -> SafeHtml {
    let (t, r) = (&w.org, &w.results);
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card notice"), ("data-testid", "org-problems")],
    )
    .element(
        "h2",
        &[],
        &t.fill(
            O::ProblemsTitle,
            &[("count", &t.count(report.problems.len()))],
        ),
    )
    .open("ul", &[]);
    for problem in &report.problems {
        m.element(
            "li",
            &[],
            &t.fill(
                O::Problem,
                &[("team", &r.name(&problem.name)), ("why", &problem.reason)],
            ),
        );
    }
    m.close("ul").close("section");
    m.finish()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::chart::markup::words_of;
    use crate::org::report::{Period, build};
    use crate::org::{Team, example};

    /// The example organisation with `first` as its first team's name, a quiet team (nothing
    /// released) in Product and a lost team (no file) in no group, and its report by month.
    pub(in crate::dashboard) fn example_report(first: &str) -> (OrgFile, OrgReport) {
        let mut org = example();
        org.teams[0].name = first.into();
        org.teams.push(Team {
            id: "quiet".into(),
            name: "Quiet team".into(),
            group: Some("product".into()),
            file: "quiet.json".into(),
        });
        org.teams.push(Team {
            id: "lost".into(),
            name: "Lost team".into(),
            group: None,
            file: "lost.json".into(),
        });
        let mut quiet = crate::release::demo();
        for p in &mut quiet.published {
            p.released = None;
        }
        let reads = vec![
            Ok(crate::release::demo()),
            Ok(quiet),
            Err("the server answered 404".to_owned()),
        ];
        let report = build(&org, &reads, Period::Month);
        (org, report)
    }

    #[test]
    fn too_few_shows_no_number_names_are_escaped_and_totals_say_what_they_cover() {
        let (org, report) = example_report("<script>alert(1)</script>");
        let period = report.periods.last().unwrap().clone();
        let cards = view(&Words::english(), &org, &report, Some(&period));
        let all: String = cards.iter().map(SafeHtml::as_str).collect();
        assert!(!all.contains("<script>"));
        assert!(all.contains("&lt;script&gt;"));
        let card = |testid: &str| -> Vec<&str> {
            cards
                .iter()
                .map(SafeHtml::as_str)
                .filter(|c| c.contains(&format!("data-testid=\"{testid}\"")))
                .collect()
        };
        // One heatmap card per group with teams, after the card that says how to read them.
        let groups = card("org-heat-group");
        assert!(groups.iter().any(|g| g.contains("Product › Payments")));
        // The team in no group could not be read: it is a problem, not a row.
        assert!(!groups.iter().any(|g| g.contains("Teams in no group")));
        // The quiet team's row: its name, then only "too few" cells.
        let heat: String = groups.concat();
        let row = heat
            .split("Quiet team")
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap();
        assert!(row.contains("too few"));
        assert!(!row.chars().any(|c| c.is_ascii_digit()), "{row}");
        assert!(
            card("org-totals")[0].contains("covers 1 of 3 teams"),
            "{}",
            card("org-totals")[0]
        );
        assert!(card("org-differences")[0].contains("fewer than two teams released"));
        // Participation beside each team: the quiet team's is a dash, not a count.
        let quiet_row = heat.split("Quiet team</th>").nth(1).unwrap();
        assert!(
            quiet_row.starts_with("<td class=\"answered\">–</td>"),
            "{quiet_row}"
        );
        assert!(card("org-problems")[0].contains("Lost team: the server answered 404"));
        // Trends for the organisation and each group; the only released team's numbers, never
        // the quiet team's.
        assert_eq!(card("org-trend").len(), report.scopes.len());
        assert!(card("org-trend")[0].contains("covers 1 of 3 teams"));
        // Before anything is released: no numbers, and still the problems.
        let cards = view(&Words::english(), &org, &report, None);
        assert!(cards[0].as_str().contains("Nothing released yet"));
        assert!(cards.last().unwrap().as_str().contains("Lost team"));
    }

    #[test]
    fn the_differences_are_said_in_words_with_their_share() {
        let (org, report) = example_report("Checkout");
        let period = report.periods.last().unwrap().clone();
        let w = Words::english();
        let one = differences(&w, &report, &period);
        assert!(
            one.as_str().contains("nothing to compare"),
            "{}",
            one.as_str()
        );
        // Two teams that released (the same numbers): none of the differences lies between
        // them.
        let reads = vec![
            Ok(crate::release::demo()),
            Ok(crate::release::demo()),
            Err("gone".to_owned()),
        ];
        let report = build(&org, &reads, Period::Month);
        let two = differences(&w, &report, &period);
        assert!(
            two.as_str().contains(
                "0% of the differences in scores lie between teams; the differences are within teams"
            ),
            "{}",
            two.as_str()
        );
    }

    /// Every text of both catalogs as a marker (`«key»` and its placeholders), in a
    /// right-to-left language: what the view says is either a marker or the files' own text.
    fn markers() -> Words {
        use crate::i18n::{Catalog, placeholders};
        fn add<C: Catalog>(messages: &mut serde_json::Map<String, serde_json::Value>) {
            for &msg in C::ALL {
                let mut text = format!("«{}»", msg.key());
                for name in placeholders(msg.english()) {
                    text.push_str(&format!(" {{{name}}}"));
                }
                messages.insert(msg.key().to_owned(), text.into());
            }
        }
        let mut messages = serde_json::Map::new();
        add::<O>(&mut messages);
        add::<ResultsMsg>(&mut messages);
        let file = serde_json::json!({"language": {"code": "ar"}, "messages": messages});
        let built = crate::i18n::BuiltFile::from_source(&file.to_string())
            .with::<O>()
            .with::<ResultsMsg>()
            .json();
        Words::parse(&built).expect("a language file")
    }

    #[test]
    fn in_another_language_the_view_says_nothing_in_english_and_sets_the_files_names_apart() {
        let crafted = "{period} <i>Checkout</i>";
        let (org, report) = example_report(crafted);
        let w = markers();
        let period = report.periods.last().unwrap().clone();
        let mut cards = view(&w, &org, &report, Some(&period));
        cards.extend(view(&w, &org, &report, None));
        let html: String = cards.iter().map(SafeHtml::as_str).collect();
        // The team's name is text, set apart in the sentences of a right-to-left language.
        assert!(!html.contains("<i>"));
        assert!(
            html.contains("\u{2068}{period} &lt;i&gt;Checkout&lt;/i&gt;\u{2069}"),
            "the crafted name is not set apart as it is"
        );
        assert!(
            html.contains("\u{2068}Product\u{2069}«org.group_separator»\u{2068}Payments\u{2069}")
        );
        // Numbers are written with the language's decimal sign.
        assert!(html.contains("«results.decimal_separator»"));
        // Take away every marker and what the files say: nothing is left in English.
        let mut rest = String::new();
        let mut text = words_of(&html).as_str().to_owned();
        while let Some(open) = text.find('«') {
            rest.push_str(&text[..open]);
            let close = text[open..]
                .find('»')
                .map_or(text.len(), |c| open + c + '»'.len_utf8());
            text = text[close..].to_owned();
        }
        rest.push_str(&text);
        let mut own: Vec<String> = org.teams.iter().map(|t| t.name.clone()).collect();
        own.push(org.title.clone());
        own.extend(org.groups.iter().map(|g| g.name.clone()));
        own.extend(report.dimensions.iter().map(|(_, name)| name.clone()));
        own.extend(report.problems.iter().map(|p| p.reason.clone()));
        own.sort_by_key(|o| std::cmp::Reverse(o.len()));
        for own in &own {
            rest = rest.replace(own.as_str(), " ");
        }
        let english = rest.find(|c: char| c.is_ascii_alphabetic());
        assert!(
            english.is_none(),
            "English left: {}",
            &rest[english.unwrap_or(0).saturating_sub(80)..]
                .chars()
                .take(160)
                .collect::<String>()
        );
    }

    #[test]
    fn colour_steps_follow_the_scale() {
        assert_eq!(step(1.0, 7), "heat heat-1");
        assert_eq!(step(7.0, 7), "heat heat-5");
        assert_eq!(step(5.0, 5), "heat heat-5");
        assert_eq!(step(4.0, 7), "heat heat-3");
    }
}
