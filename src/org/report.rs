//! The organisation's numbers: each team's released results by period, and totals pooled for
//! the whole organisation and for each group, with ICC(1) (see [`crate::stats::pool`]).
//!
//! Only published results are read: a team below its minimum released nothing for that round
//! and adds nothing to any total, so no hidden team can be derived from a total and its parts.
//! Teams run their own rounds; a period (month or quarter of a round's opening day) takes each
//! team's latest released round in it, so nobody is counted twice in one period.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::OrgFile;
use crate::model::Document;
use crate::stats::{self, Pooled, TeamNumbers, Verdict};

/// How rounds are lined up across teams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
}

impl Period {
    /// The period a day (YYYY-MM-DD) falls in: "2026-11", or "2026-Q4".
    pub fn of(self, day: &str) -> Option<String> {
        let (year, rest) = day.split_once('-')?;
        let month: u32 = rest.get(..2)?.parse().ok()?;
        if year.len() != 4 || !(1..=12).contains(&month) {
            return None;
        }
        Some(match self {
            Self::Month => format!("{year}-{month:02}"),
            Self::Quarter => format!("{year}-Q{}", (month - 1) / 3 + 1),
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
        }
    }
}

/// One team's released numbers for one dimension in one period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TeamCell {
    pub numbers: TeamNumbers,
    /// The change from this team's previous released period, only where its own data supports
    /// one (Welch's 95% interval excludes zero); `None` for its first period.
    pub change: Option<Verdict>,
}

/// One team's row.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamRow {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    /// People on the team, when its survey says.
    pub team_size: Option<u32>,
    /// Points of its answer scale (5 or 7): its means lie between 1 and this.
    pub scale: u8,
    /// Responses counted in each period it released (participation).
    pub answers: BTreeMap<String, u32>,
    /// Keyed by (period, dimension id); a missing cell is "too few" (nothing released).
    pub cells: BTreeMap<(String, String), TeamCell>,
    /// Its survey's dimensions, ids and names.
    pub dimensions: Vec<(String, String)>,
    /// Released results of its that could not be read (the team still counts where it can).
    pub problems: Vec<TeamProblem>,
}

/// A total for the organisation or a group, for one dimension in one period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TotalCell {
    pub pooled: Pooled,
    /// ICC(1) over the teams pooled.
    pub icc1: Option<f64>,
}

/// The organisation (`id` None) or one group, with the teams under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    pub id: Option<String>,
    pub name: String,
    /// Teams listed under it, whether or not they released anything ("covers 8 of 10 teams").
    pub teams: usize,
    pub cells: BTreeMap<(String, String), TotalCell>,
}

/// A team whose file could not be used, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamProblem {
    pub id: String,
    pub name: String,
    pub reason: String,
}

/// Everything the organisation view and `candor org report` show.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgReport {
    pub title: String,
    pub period: Period,
    /// Every period in which some team released results, in order.
    pub periods: Vec<String>,
    /// Dimension ids and names, in the order first met.
    pub dimensions: Vec<(String, String)>,
    pub teams: Vec<TeamRow>,
    /// The organisation first, then each group in file order.
    pub scopes: Vec<Scope>,
    pub problems: Vec<TeamProblem>,
}

/// What reading one team's file gave: the file (with its published results read and checked,
/// `model::load_full`) or why not.
pub type TeamRead = Result<Document, String>;

/// Builds the report from the organisation file and what reading each team's file gave
/// (`reads[i]` for `org.teams[i]`).
pub fn build(org: &OrgFile, reads: &[TeamRead], period: Period) -> OrgReport {
    let rows: Vec<Result<TeamRow, TeamProblem>> = org
        .teams
        .iter()
        .zip(reads)
        .map(|(team, read)| match read {
            Ok(doc) => Ok(team_row(team, doc, period)),
            Err(reason) => Err(TeamProblem {
                id: team.id.clone(),
                name: team.name.clone(),
                reason: reason.clone(),
            }),
        })
        .collect();
    build_from_rows(org, rows, period)
}

/// What the report keeps of one team's file: its released numbers by period, and the
/// problems met reading them. Made as each file is read, so that a report of many teams holds
/// their summaries, not their files.
pub fn team_row(team: &super::Team, doc: &Document, period: Period) -> TeamRow {
    let mut problems = Vec::new();
    let (answers, cells) = team_cells(doc, period, &mut problems, team);
    TeamRow {
        id: team.id.clone(),
        name: team.name.clone(),
        group: team.group.clone(),
        team_size: doc.survey.team_size,
        scale: doc.survey.scale,
        dimensions: doc
            .survey
            .dimensions
            .iter()
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect(),
        answers,
        cells,
        problems,
    }
}

/// [`build`] from the teams' rows ([`team_row`]), or why a team has none.
pub fn build_from_rows(
    org: &OrgFile,
    rows: Vec<Result<TeamRow, TeamProblem>>,
    period: Period,
) -> OrgReport {
    let mut dimensions: Vec<(String, String)> = Vec::new();
    let mut teams = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        match row {
            Ok(mut row) => {
                for (id, name) in &row.dimensions {
                    if !dimensions.iter().any(|(known, _)| known == id) {
                        dimensions.push((id.clone(), name.clone()));
                    }
                }
                problems.append(&mut row.problems);
                teams.push(row);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let mut periods: Vec<String> = teams
        .iter()
        .flat_map(|t| t.answers.keys().cloned())
        .collect();
    periods.sort();
    periods.dedup();

    // Each group's teams: a team counts in every group on its group's path outwards.
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for team in &org.teams {
        for g in team
            .group
            .as_deref()
            .map(|g| org.group_path(g))
            .unwrap_or_default()
        {
            *listed.entry(g.id.as_str()).or_default() += 1;
        }
    }
    let mut members: BTreeMap<&str, Vec<&TeamRow>> = BTreeMap::new();
    for row in &teams {
        for g in row
            .group
            .as_deref()
            .map(|g| org.group_path(g))
            .unwrap_or_default()
        {
            members.entry(g.id.as_str()).or_default().push(row);
        }
    }
    let all: Vec<&TeamRow> = teams.iter().collect();
    let mut scopes = vec![scope(
        None,
        &org.title,
        org.teams.len(),
        &all,
        &periods,
        &dimensions,
    )];
    for group in &org.groups {
        scopes.push(scope(
            Some(&group.id),
            &group.name,
            listed.get(group.id.as_str()).copied().unwrap_or(0),
            members
                .get(group.id.as_str())
                .map_or(&[][..], Vec::as_slice),
            &periods,
            &dimensions,
        ));
    }
    OrgReport {
        title: org.title.clone(),
        period,
        periods,
        dimensions,
        teams,
        scopes,
        problems,
    }
}

type Cells = BTreeMap<(String, String), TeamCell>;

/// A team's latest released round in each period, its numbers per dimension and its changes.
fn team_cells(
    doc: &Document,
    period: Period,
    problems: &mut Vec<TeamProblem>,
    team: &super::Team,
) -> (BTreeMap<String, u32>, Cells) {
    // The latest released round of each period, by opening day then id.
    let mut latest: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for round in &doc.rounds {
        let released = doc
            .published(&round.id)
            .is_some_and(|p| p.released.is_some());
        let Some(key) = period.of(&round.opened).filter(|_| released) else {
            continue;
        };
        let candidate = (round.opened.as_str(), round.id.as_str());
        if latest.get(&key).is_none_or(|kept| candidate > *kept) {
            latest.insert(key, candidate);
        }
    }
    let mut answers = BTreeMap::new();
    let mut cells: Cells = BTreeMap::new();
    let mut previous: BTreeMap<String, TeamNumbers> = BTreeMap::new();
    for (key, (_, round)) in latest {
        let Some(text) = doc.published(round).and_then(|p| p.released.as_ref()) else {
            continue;
        };
        let released = match text.read() {
            Ok(released) => released,
            Err(e) => {
                problems.push(TeamProblem {
                    id: team.id.clone(),
                    name: team.name.clone(),
                    reason: format!(
                        "the released results of round \"{round}\" cannot be read: {e}"
                    ),
                });
                continue;
            }
        };
        answers.insert(key.clone(), released.n);
        for dimension in &released.dimensions {
            let Some(numbers) = &dimension.released else {
                continue;
            };
            let here = TeamNumbers {
                n: numbers.n,
                mean: numbers.mean,
                sd: numbers.sd,
            };
            let summary = |t: TeamNumbers| stats::Summary {
                n: t.n as usize,
                mean: t.mean,
                variance: t.sd.map(|sd| sd * sd),
            };
            let change = previous
                .get(&dimension.dimension)
                .and_then(|before| stats::welch_summary(summary(*before), summary(here)))
                .map(|w| w.verdict);
            previous.insert(dimension.dimension.clone(), here);
            cells.insert(
                (key.clone(), dimension.dimension.clone()),
                TeamCell {
                    numbers: here,
                    change,
                },
            );
        }
    }
    (answers, cells)
}

/// The totals of one scope, pooled from its teams' cells only.
fn scope(
    id: Option<&str>,
    name: &str,
    listed: usize,
    teams: &[&TeamRow],
    periods: &[String],
    dimensions: &[(String, String)],
) -> Scope {
    let mut cells = BTreeMap::new();
    for period in periods {
        for (dimension, _) in dimensions {
            let key = (period.clone(), dimension.clone());
            let numbers: Vec<TeamNumbers> = teams
                .iter()
                .filter_map(|t| t.cells.get(&key).map(|c| c.numbers))
                .collect();
            if let Some(pooled) = stats::pool(&numbers) {
                cells.insert(
                    key,
                    TotalCell {
                        pooled,
                        icc1: stats::icc1(&numbers),
                    },
                );
            }
        }
    }
    Scope {
        id: id.map(str::to_owned),
        name: name.to_owned(),
        teams: listed,
        cells,
    }
}

/// The report as JSON, numbers at full precision.
pub fn to_json(report: &OrgReport) -> Value {
    let verdict = |v: Option<Verdict>| v.map(Verdict::as_str);
    let teams: Vec<Value> = report
        .teams
        .iter()
        .map(|t| {
            let cells: Vec<Value> = t
                .cells
                .iter()
                .map(|((period, dimension), c)| {
                    json!({
                        "period": period,
                        "dimension": dimension,
                        "n": c.numbers.n,
                        "mean": c.numbers.mean,
                        "sd": c.numbers.sd,
                        "change": verdict(c.change),
                    })
                })
                .collect();
            json!({
                "id": t.id,
                "name": t.name,
                "group": t.group,
                "team_size": t.team_size,
                "answers": t.answers,
                "cells": cells,
            })
        })
        .collect();
    let scopes: Vec<Value> = report
        .scopes
        .iter()
        .map(|s| {
            let cells: Vec<Value> = s
                .cells
                .iter()
                .map(|((period, dimension), c)| {
                    json!({
                        "period": period,
                        "dimension": dimension,
                        "n": c.pooled.n,
                        "teams_covered": c.pooled.teams,
                        "mean": c.pooled.mean,
                        "sd": c.pooled.sd,
                        "ci95": c.pooled.ci95.map(|(lo, hi)| [lo, hi]),
                        "icc1": c.icc1,
                    })
                })
                .collect();
            json!({ "group": s.id, "name": s.name, "teams": s.teams, "cells": cells })
        })
        .collect();
    let problems: Vec<Value> = report
        .problems
        .iter()
        .map(|p| json!({ "team": p.id, "name": p.name, "reason": p.reason }))
        .collect();
    json!({
        "title": report.title,
        "period": report.period.name(),
        "periods": report.periods,
        "dimensions": report.dimensions.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
        "totals": scopes,
        "teams": teams,
        "problems": problems,
    })
}

/// The CSV header of [`to_csv`].
pub const CSV_HEADER: &str =
    "level,id,name,period,dimension,n,teams_covered,teams,mean,sd,ci95_low,ci95_high,icc1,change";

/// The report as CSV (RFC 4180): the totals, then each team's cells; empty cells mean
/// undefined. Text is quoted and defused like the team report's.
pub fn to_csv(report: &OrgReport) -> String {
    let cell = stats::csv_cell;
    let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let mut out = format!("{CSV_HEADER}\n");
    for s in &report.scopes {
        let (level, id) = match &s.id {
            None => ("organisation", String::new()),
            Some(id) => ("group", cell(id)),
        };
        for ((period, dimension), c) in &s.cells {
            let row = [
                level.to_owned(),
                id.clone(),
                cell(&s.name),
                cell(period),
                cell(dimension),
                c.pooled.n.to_string(),
                c.pooled.teams.to_string(),
                s.teams.to_string(),
                c.pooled.mean.to_string(),
                num(c.pooled.sd),
                num(c.pooled.ci95.map(|c| c.0)),
                num(c.pooled.ci95.map(|c| c.1)),
                num(c.icc1),
                String::new(),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    for t in &report.teams {
        for ((period, dimension), c) in &t.cells {
            let row = [
                "team".to_owned(),
                cell(&t.id),
                cell(&t.name),
                cell(period),
                cell(dimension),
                c.numbers.n.to_string(),
                String::new(),
                String::new(),
                c.numbers.mean.to_string(),
                num(c.numbers.sd),
                String::new(),
                String::new(),
                String::new(),
                c.change.map(|v| v.as_str().to_owned()).unwrap_or_default(),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::{OrgFile, Team};

    fn team(id: &str, group: Option<&str>) -> Team {
        Team {
            id: id.into(),
            name: format!("Team {id}"),
            group: group.map(str::to_owned),
            file: format!("{id}.json"),
        }
    }

    /// The demo team's file, with every closed round's results released (or, `suppressed`,
    /// released as below the minimum).
    fn demo(suppressed: bool) -> Document {
        let mut doc = crate::release::demo();
        if suppressed {
            for p in &mut doc.published {
                p.released = None;
            }
        }
        doc
    }

    fn org() -> OrgFile {
        let mut org = crate::org::example();
        org.teams = vec![
            team("a", Some("payments")),
            team("b", Some("product")),
            team("c", Some("payments")),
            team("d", None),
        ];
        org
    }

    #[test]
    fn totals_pool_only_released_teams_and_name_each_unusable_file() {
        let org = org();
        let reads = vec![
            Ok(demo(false)),
            Ok(demo(false)),
            Ok(demo(true)),
            Err("the server answered 404".to_owned()),
        ];
        let report = build(&org, &reads, Period::Month);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].id, "d");
        assert!(!report.periods.is_empty());
        let period = report.periods.last().unwrap().clone();
        let (dimension, _) = report.dimensions[0].clone();
        let key = (period.clone(), dimension.clone());
        let a = report.teams[0].cells[&key].numbers;
        // Team c released nothing: no cell, and nothing in any total.
        assert!(report.teams[2].cells.is_empty());
        assert!(report.teams[2].answers.is_empty());
        let whole = &report.scopes[0];
        assert_eq!(whole.id, None);
        assert_eq!(whole.teams, 4, "covers 2 of 4 teams");
        let total = whole.cells[&key];
        assert_eq!(total.pooled.teams, 2);
        assert_eq!(total.pooled.n, 2 * u64::from(a.n));
        assert!((total.pooled.mean - a.mean).abs() < 1e-12);
        // Two identical teams: no difference between teams at all.
        assert!(total.icc1.is_some_and(|icc| icc < 0.0));
        // Payments (a and c) holds only a; Product holds Payments and b.
        let payments = report
            .scopes
            .iter()
            .find(|s| s.id.as_deref() == Some("payments"))
            .unwrap();
        assert_eq!((payments.teams, payments.cells[&key].pooled.teams), (2, 1));
        assert_eq!(payments.cells[&key].icc1, None);
        let product = report
            .scopes
            .iter()
            .find(|s| s.id.as_deref() == Some("product"))
            .unwrap();
        assert_eq!((product.teams, product.cells[&key].pooled.teams), (3, 2));
        // Exports carry the same numbers.
        let json = to_json(&report);
        assert_eq!(json["totals"][0]["teams"], 4);
        assert_eq!(json["problems"][0]["team"], "d");
        let csv = to_csv(&report);
        assert!(csv.starts_with(CSV_HEADER));
        assert!(csv.lines().all(|l| l.split(',').count() >= 14));
    }

    #[test]
    fn periods_are_months_or_quarters_of_the_opening_day() {
        assert_eq!(Period::Month.of("2026-11-03").as_deref(), Some("2026-11"));
        assert_eq!(Period::Quarter.of("2026-11-03").as_deref(), Some("2026-Q4"));
        assert_eq!(Period::Quarter.of("2026-01-31").as_deref(), Some("2026-Q1"));
        assert_eq!(Period::Month.of("2026-13-01"), None);
        assert_eq!(Period::Month.of("26-1"), None);
    }
}
