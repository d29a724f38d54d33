//! The organisation view's cards for one period, as markup (pure): the heatmap of teams by
//! dimension with each team's participation, one card per department; the totals of the
//! organisation and of each group, each saying how many teams it covers; where the differences
//! lie (ICC(1) in words); trends of the pooled means per dimension; and the teams whose files
//! could not be used.
//!
//! Everything comes from [`crate::org::report`], which holds only released results: a team
//! that released nothing for the period is a grey "too few" cell with no number, and adds
//! nothing to any total.

use crate::chart::{Markup, SafeHtml, Slot, TrendChart, fixed, trend_svg};
use crate::org::OrgFile;
use crate::org::report::{OrgReport, Scope, TeamRow};
use crate::stats::{self, Verdict};

/// The whole view for `period` (`None`: no team has released anything yet), in order. The
/// heatmap is one card per department, so a thousand teams are laid out a department at a
/// time, not in one long task.
pub fn view(org: &OrgFile, report: &OrgReport, period: Option<&str>) -> Vec<SafeHtml> {
    let mut cards = match period {
        Some(period) => {
            let mut cards = heatmaps(org, report, period);
            cards.push(totals(report, period));
            cards.push(differences(report, period));
            cards.extend(trends(report));
            cards
        }
        None => vec![nothing_released(report)],
    };
    if !report.problems.is_empty() {
        cards.push(problems(report));
    }
    cards
}

/// Said instead of numbers when no team has released a round.
fn nothing_released(report: &OrgReport) -> SafeHtml {
    let mut m = Markup::new();
    m.open("section", &[("class", "card"), ("data-testid", "org-empty")])
        .element("h2", &[], "Nothing released yet")
        .element(
            "p",
            &[],
            &format!(
                "None of the {} teams has released the results of a round. A team's results appear here once one of its rounds has closed with enough answers and its key holder has released it.",
                report.teams.len() + report.problems.len()
            ),
        )
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

fn team_rows(m: &mut Markup, report: &OrgReport, rows: &[&TeamRow], period: &str) {
    for team in rows {
        m.open("tr", &[])
            .element("th", &[("scope", "row")], &team.name);
        // Participation: how many answered the round it released, of how many on the team.
        let answered = match (team.answers.get(period), team.team_size) {
            (Some(n), Some(size)) => format!("{n} of {size}"),
            (Some(n), None) => n.to_string(),
            (None, _) => "–".to_owned(),
        };
        m.element("td", &[("class", "answered")], &answered);
        for (dimension, name) in &report.dimensions {
            match team.cells.get(&(period.to_owned(), dimension.clone())) {
                Some(cell) => {
                    let n = cell.numbers.n;
                    let (mark, said) = match cell.change {
                        Some(Verdict::Up) => (" ▲", ", up from its previous period"),
                        Some(Verdict::Down) => (" ▼", ", down from its previous period"),
                        _ => ("", ""),
                    };
                    let mean = fixed(cell.numbers.mean, 1);
                    let label = format!("{}, {name}: {mean} (n = {n}){said}", team.name);
                    m.open(
                        "td",
                        &[
                            ("class", step(cell.numbers.mean, team.scale)),
                            ("aria-label", &label),
                        ],
                    )
                    .text(&mean)
                    .element("span", &[("class", "n")], &format!(" n={n}"))
                    .text(mark)
                    .close("td");
                }
                None => {
                    m.element("td", &[("class", "heat too-few")], "too few");
                }
            }
        }
        m.close("tr");
    }
}

/// Teams by dimension: the released mean with its n, coloured on one scale, a change marked
/// only where the team's own data supports it. A card that says how to read it, then one card
/// per group (its path, e.g. "Product › Payments"), then the teams in no group.
fn heatmaps(org: &OrgFile, report: &OrgReport, period: &str) -> Vec<SafeHtml> {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-heatmap")],
    )
    .element("h2", &[], &format!("Teams in {period}"))
    .element(
        "p",
        &[],
        "Each team's released mean (higher is better) with how many answered it, and how many of the team answered the round (where the team's size is known). ▲ ▼: a change from the team's previous period that its own answers support. Too few: the team released nothing for this period, so it shows no number and adds to no total.",
    )
    .open("p", &[("class", "heat-legend"), ("aria-hidden", "true")]);
    for (class, text) in [
        ("heat heat-1", "lowest"),
        ("heat heat-2", ""),
        ("heat heat-3", "middle"),
        ("heat heat-4", ""),
        ("heat heat-5", "highest"),
        ("heat too-few", "too few"),
    ] {
        m.element("span", &[("class", class)], text);
    }
    m.close("p").close("section");
    let mut cards = vec![m.finish()];
    let mut sections: Vec<(String, Vec<&TeamRow>)> = org
        .groups
        .iter()
        .map(|g| {
            let path: Vec<&str> = org
                .group_path(&g.id)
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            let rows = report
                .teams
                .iter()
                .filter(|t| t.group.as_deref() == Some(g.id.as_str()))
                .collect();
            (path.into_iter().rev().collect::<Vec<_>>().join(" › "), rows)
        })
        .collect();
    sections.push((
        "Teams in no group".to_owned(),
        report.teams.iter().filter(|t| t.group.is_none()).collect(),
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
            &format!("{title}, {period}"),
        )
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", "col")], "Team")
        .element("th", &[("scope", "col"), ("class", "answered")], "Answered");
        for (_, name) in &report.dimensions {
            m.element("th", &[("scope", "col")], name);
        }
        m.close("tr").close("thead").open("tbody", &[]);
        team_rows(&mut m, report, rows, period);
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
fn trends(report: &OrgReport) -> Vec<SafeHtml> {
    let scale = report.teams.iter().map(|t| t.scale).max().unwrap_or(7);
    report
        .scopes
        .iter()
        .enumerate()
        .map(|(s, scope)| {
            let mut m = Markup::new();
            m.open("section", &[("class", "card"), ("data-testid", "org-trend")]);
            if s == 0 {
                m.element("h2", &[], &format!("{} over time", scope.name))
                    .element(
                        "p",
                        &[("class", "muted")],
                        "Pooled mean of the teams that released results, with its 95% interval; a gap where none did.",
                    );
            } else {
                m.open("details", &[("class", "by-group")])
                    .element("summary", &[], &format!("{} over time", scope.name));
            }
            m.open("div", &[("class", "charts")]);
            for (d, (dimension, name)) in report.dimensions.iter().enumerate() {
                m.open("figure", &[("class", "chart")])
                    .element("figcaption", &[], name);
                scope_trend(&mut m, report, scope, dimension, name, scale, &format!("org-trend-{d}-{s}"));
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

fn scope_trend(
    m: &mut Markup,
    report: &OrgReport,
    scope: &Scope,
    dimension: &str,
    name: &str,
    scale: u8,
    id: &str,
) {
    let mut slots = Vec::new();
    let mut point_labels = Vec::new();
    for period in &report.periods {
        match scope.cells.get(&(period.clone(), dimension.to_owned())) {
            Some(cell) => {
                let p = cell.pooled;
                slots.push(Slot::Value {
                    mean: p.mean,
                    ci: p.ci95,
                });
                point_labels.push(format!(
                    "{period}: {} (n = {}; covers {} of {} teams)",
                    fixed(p.mean, 2),
                    p.n,
                    p.teams,
                    scope.teams
                ));
            }
            None => {
                slots.push(Slot::Suppressed);
                point_labels.push(format!("{period}: no team released results"));
            }
        }
    }
    let title = format!("{name}, {}: pooled mean by period", scope.name);
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
fn totals(report: &OrgReport, period: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open("section", &[("class", "card"), ("data-testid", "org-totals")])
        .element("h2", &[], &format!("Totals in {period}"))
        .element(
            "p",
            &[],
            "Pooled from the results teams released: a team below its minimum adds nothing, so no hidden team can be worked out from a total and the teams beside it.",
        );
    m.open(
        "div",
        &[
            ("class", "table-wrap"),
            ("role", "region"),
            ("aria-label", "Totals"),
            ("tabindex", "0"),
        ],
    )
    .open("table", &[("class", "totals")])
    .open("thead", &[])
    .open("tr", &[])
    .element("th", &[("scope", "col")], "Pooled over");
    for (_, name) in &report.dimensions {
        m.element("th", &[("scope", "col")], name);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for scope in &report.scopes {
        m.open("tr", &[])
            .element("th", &[("scope", "row")], &scope.name);
        for (dimension, name) in &report.dimensions {
            // On a phone each cell is a line of its own, labelled with its column (org.css).
            let label = &[("data-label", name.as_str())];
            match scope.cells.get(&(period.to_owned(), dimension.clone())) {
                Some(cell) => {
                    let p = cell.pooled;
                    m.open("td", label)
                        .element("span", &[("class", "mean")], &fixed(p.mean, 2));
                    if let Some((lo, hi)) = p.ci95 {
                        m.element(
                            "span",
                            &[("class", "ci")],
                            &format!(" (95% CI {}–{})", fixed(lo, 2), fixed(hi, 2)),
                        );
                    }
                    m.element(
                        "span",
                        &[("class", "covers")],
                        &format!(" n={}; covers {} of {} teams", p.n, p.teams, scope.teams),
                    )
                    .close("td");
                }
                None => {
                    m.element(
                        "td",
                        &[("class", "too-few"), label[0]],
                        &format!("no team released; {} teams", scope.teams),
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

/// ICC(1) per dimension over the whole organisation, in words.
fn differences(report: &OrgReport, period: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-differences")],
    )
    .element("h2", &[], "Where the differences are")
    .open("ul", &[]);
    let whole = report.scopes.first();
    for (dimension, name) in &report.dimensions {
        let icc = whole
            .and_then(|s| s.cells.get(&(period.to_owned(), dimension.clone())))
            .and_then(|c| c.icc1);
        let text = match icc {
            Some(icc) => format!("{name}: {}", stats::icc1_words(icc)),
            None => format!("{name}: fewer than two teams released results, so nothing to compare"),
        };
        m.element("li", &[], &text);
    }
    m.close("ul").close("section");
    m.finish()
}

/// Teams whose files could not be used, each with why.
fn problems(report: &OrgReport) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card notice"), ("data-testid", "org-problems")],
    )
    .element(
        "h2",
        &[],
        &format!("{} teams could not be read", report.problems.len()),
    )
    .open("ul", &[]);
    for problem in &report.problems {
        m.element("li", &[], &format!("{}: {}", problem.name, problem.reason));
    }
    m.close("ul").close("section");
    m.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::report::{Period, build};
    use crate::org::{Team, example};

    #[test]
    fn too_few_shows_no_number_names_are_escaped_and_totals_say_what_they_cover() {
        let mut org = example();
        org.teams[0].name = "<script>alert(1)</script>".into();
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
        let period = report.periods.last().unwrap().clone();
        let cards = view(&org, &report, Some(&period));
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
        let cards = view(&org, &report, None);
        assert!(cards[0].as_str().contains("Nothing released yet"));
        assert!(cards.last().unwrap().as_str().contains("Lost team"));
    }

    #[test]
    fn colour_steps_follow_the_scale() {
        assert_eq!(step(1.0, 7), "heat heat-1");
        assert_eq!(step(7.0, 7), "heat heat-5");
        assert_eq!(step(5.0, 5), "heat heat-5");
        assert_eq!(step(4.0, 7), "heat heat-3");
    }
}
