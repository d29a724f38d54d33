//! The organisation view's cards for one period, as markup (pure): the heatmap of teams by
//! dimension, grouped by department; the totals of the organisation and of each group, each
//! saying how many teams it covers; where the differences lie (ICC(1) in words); participation;
//! and the teams whose files could not be used.
//!
//! Everything comes from [`crate::org::report`], which holds only released results: a team
//! that released nothing for the period is a grey "too few" cell with no number, and adds
//! nothing to any total.

use crate::chart::{Markup, SafeHtml, fixed};
use crate::org::OrgFile;
use crate::org::report::{OrgReport, TeamRow};
use crate::stats::{self, Verdict};

/// The cards for `period`, in order.
pub fn cards(org: &OrgFile, report: &OrgReport, period: &str) -> Vec<SafeHtml> {
    let mut cards = vec![heatmap(org, report, period), totals(report, period)];
    cards.push(differences(report, period));
    cards.push(participation(report, period));
    if !report.problems.is_empty() {
        cards.push(problems(report));
    }
    cards
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
/// only where the team's own data supports it; grouped by the group each team is in.
fn heatmap(org: &OrgFile, report: &OrgReport, period: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-heatmap")],
    )
    .element("h2", &[], &format!("Teams in {period}"));
    m.open("div", &[("class", "table-wrap")])
        .open("table", &[("class", "heatmap")])
        .element(
            "caption",
            &[],
            "Each team's released mean (higher is better) and how many answered. ▲ ▼: a change the team's own answers support. Too few: the team released nothing for this period.",
        )
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", "col")], "Team");
    for (_, name) in &report.dimensions {
        m.element("th", &[("scope", "col")], name);
    }
    m.close("tr").close("thead");
    let columns = (report.dimensions.len() + 1).to_string();
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
        m.open("tbody", &[])
            .open("tr", &[])
            .element(
                "th",
                &[
                    ("scope", "colgroup"),
                    ("colspan", &columns),
                    ("class", "group"),
                ],
                title,
            )
            .close("tr");
        team_rows(&mut m, report, rows, period);
        m.close("tbody");
    }
    m.close("table").close("div").close("section");
    m.finish()
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
    m.open("div", &[("class", "table-wrap")])
        .open("table", &[])
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", "col")], "");
    for (_, name) in &report.dimensions {
        m.element("th", &[("scope", "col")], name);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for scope in &report.scopes {
        m.open("tr", &[])
            .element("th", &[("scope", "row")], &scope.name);
        for (dimension, _) in &report.dimensions {
            match scope.cells.get(&(period.to_owned(), dimension.clone())) {
                Some(cell) => {
                    let p = cell.pooled;
                    m.open("td", &[]).text(&fixed(p.mean, 2));
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
                        &[("class", "too-few")],
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

/// How many answered in each team, against its size where known.
fn participation(report: &OrgReport, period: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card"), ("data-testid", "org-participation")],
    )
    .element("h2", &[], "Participation")
    .open("ul", &[]);
    for team in &report.teams {
        let text = match (team.answers.get(period), team.team_size) {
            (Some(n), Some(size)) => format!("{}: {n} of {size} answered", team.name),
            (Some(n), None) => format!("{}: {n} answered", team.name),
            (None, _) => format!("{}: nothing released for {period}", team.name),
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
        let cards = cards(&org, &report, &period);
        let all: String = cards.iter().map(SafeHtml::as_str).collect();
        assert!(!all.contains("<script>"));
        assert!(all.contains("&lt;script&gt;"));
        // The quiet team's row: its name, then only "too few" cells.
        let heat = cards[0].as_str();
        let row = heat
            .split("Quiet team")
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap();
        assert!(row.contains("too few"));
        assert!(!row.chars().any(|c| c.is_ascii_digit()), "{row}");
        assert!(heat.contains("Product › Payments"));
        assert!(
            cards[1].as_str().contains("covers 1 of 3 teams"),
            "{}",
            cards[1].as_str()
        );
        assert!(cards[2].as_str().contains("fewer than two teams released"));
        assert!(cards[3].as_str().contains("Quiet team: nothing released"));
        assert!(
            cards[4]
                .as_str()
                .contains("Lost team: the server answered 404")
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
