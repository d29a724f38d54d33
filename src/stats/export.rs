//! The engine's result as JSON and CSV, shared by `candor report` and the app's exports.
//! Both show exactly what the engine releases: a suppressed group is a row or object that
//! says "suppressed" and holds no number.

use serde_json::{Value, json};

use super::report::{Comments, DimensionResult, Report, RoundResult};

/// The report as a JSON value (full-precision floats, `null` where a value is undefined).
pub fn to_json(report: &Report) -> Value {
    let rounds: Vec<Value> = report
        .rounds()
        .iter()
        .map(|round| match round {
            // Only the count anyone can read in the file: no numbers before release.
            RoundResult::Pending(p) => json!({
                "id": round.round(),
                "label": round.label(),
                "pending": if p.closed() { "awaiting release" } else { "collecting" },
                "answers": p.answers(),
            }),
            RoundResult::Suppressed(_) => json!({
                "id": round.round(),
                "label": round.label(),
                "suppressed": true,
            }),
            RoundResult::Released(stats) => {
                let dimensions: Vec<Value> = stats
                    .dimensions()
                    .iter()
                    .map(|d| match d {
                        DimensionResult::Suppressed { dimension } => {
                            json!({"id": dimension, "suppressed": true})
                        }
                        DimensionResult::Released(d) => json!({
                            "id": d.dimension(),
                            "suppressed": false,
                            "n": d.n(),
                            "mean": d.mean(),
                            "sd": d.sd(),
                            "ci95": d.ci95().map(|(l, h)| [l, h]),
                            "favourable": d.favourable(),
                            "rwg_j": d.rwg_j(),
                            "alpha": d.alpha(),
                            "change": d.change().map(|c| json!({
                                "from": c.from(),
                                "diff": c.diff(),
                                "ci95": [c.ci95().0, c.ci95().1],
                                "verdict": c.verdict().as_str(),
                            })),
                            "items": d.items().iter().map(|i| json!({
                                "id": i.question(),
                                "reverse": i.reverse(),
                                "counts": i.counts(),
                            })).collect::<Vec<_>>(),
                        }),
                    })
                    .collect();
                let comments = match stats.comments() {
                    Comments::Withheld => Value::Null,
                    Comments::Released(texts) => json!(texts),
                };
                json!({
                    "id": stats.round(),
                    "label": stats.label(),
                    "suppressed": false,
                    "n": stats.n(),
                    "dimensions": dimensions,
                    "comments": comments,
                })
            }
        })
        .collect();
    json!({
        "survey": report.survey(),
        "scale": report.scale(),
        "min_group": report.min_group(),
        "min_group_comments": report.min_group_comments(),
        "team_size": report.team_size(),
        "rounds": rounds,
    })
}

/// The CSV columns, one row per round and dimension.
pub const CSV_HEADER: &str = "round,label,suppressed,n,dimension,dimension_suppressed,dimension_n,mean,sd,ci95_low,ci95_high,favourable,rwg_j,alpha,change_from,change_diff,change_ci95_low,change_ci95_high,change_verdict";

/// The report as CSV (RFC 4180, `\n` line ends). Empty cells mean "undefined" or "suppressed".
/// Numbers are written in Rust's shortest round-trip form.
pub fn to_csv(report: &Report) -> String {
    to_csv_with(report, |x| x.to_string())
}

/// [`to_csv`] with another writer of numbers: the browser passes JavaScript's own shortest
/// round-trip form, which parses to the same values, so the wasm needs no float formatter.
pub fn to_csv_with(report: &Report, number: fn(f64) -> String) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for round in report.rounds() {
        let head = [csv_cell(round.round()), csv_cell(round.label())];
        match round {
            // A round without numbers yet has no row: the CSV holds results only.
            RoundResult::Pending(_) => {}
            RoundResult::Suppressed(_) => {
                let mut row: Vec<String> = head.to_vec();
                row.push("true".into());
                row.resize(19, String::new());
                push_row(&mut out, &row);
            }
            RoundResult::Released(stats) => {
                for d in stats.dimensions() {
                    let mut row: Vec<String> = head.to_vec();
                    row.push("false".into());
                    row.push(stats.n().to_string());
                    row.push(csv_cell(d.dimension()));
                    match d.released() {
                        None => {
                            row.push("true".into());
                            row.resize(19, String::new());
                        }
                        Some(s) => {
                            let opt = |v: Option<f64>| v.map(number).unwrap_or_default();
                            let change = s.change();
                            row.extend([
                                "false".into(),
                                s.n().to_string(),
                                number(s.mean()),
                                opt(s.sd()),
                                opt(s.ci95().map(|c| c.0)),
                                opt(s.ci95().map(|c| c.1)),
                                number(s.favourable()),
                                opt(s.rwg_j()),
                                opt(s.alpha()),
                                change.map(|c| csv_cell(c.from())).unwrap_or_default(),
                                opt(change.map(|c| c.diff())),
                                opt(change.map(|c| c.ci95().0)),
                                opt(change.map(|c| c.ci95().1)),
                                change
                                    .map(|c| c.verdict().as_str().to_owned())
                                    .unwrap_or_default(),
                            ]);
                        }
                    }
                    push_row(&mut out, &row);
                }
            }
        }
    }
    out
}

fn push_row(out: &mut String, row: &[String]) {
    out.push_str(&row.join(","));
    out.push('\n');
}

/// Quotes a cell when needed, and defuses spreadsheet formulas: a label starting with `=`,
/// `+`, `-` or `@` could otherwise run as a formula when the CSV is opened.
pub fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
