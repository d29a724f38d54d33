//! The statistics engine against independent reference values (numpy/scipy, see
//! tests/reference/stats_reference.py), to 1e-9, and its anonymity guarantees.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use candor::model;
use candor::stats::{self, Comments, RoundResult};
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

fn reference() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/expected.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn dataset(name: &str) -> model::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference/datasets")
        .join(name);
    model::load(&std::fs::read(path).unwrap()).unwrap()
}

/// Fields the engine reports beyond what the reference computes.
const EXTRA_KEYS: [&str; 5] = [
    "label",
    "scale",
    "min_group",
    "min_group_comments",
    "team_size",
];

fn close(expected: f64, got: f64) -> bool {
    (expected - got).abs() <= TOLERANCE * expected.abs().max(1.0)
}

/// Compares `got` with `expected`, numbers to 1e-9; collects every difference with its path.
fn compare(path: &str, expected: &Value, got: &Value, diffs: &mut Vec<String>) {
    match (expected, got) {
        (Value::Number(e), Value::Number(g)) => {
            let (e, g) = (e.as_f64().unwrap(), g.as_f64().unwrap());
            if !close(e, g) {
                diffs.push(format!("{path}: expected {e}, got {g}"));
            }
        }
        (Value::Object(e), Value::Object(g)) => {
            for (key, value) in e {
                match g.get(key) {
                    Some(v) => compare(&format!("{path}.{key}"), value, v, diffs),
                    None => diffs.push(format!("{path}.{key}: missing")),
                }
            }
            for key in g.keys() {
                if !e.contains_key(key) && !EXTRA_KEYS.contains(&key.as_str()) {
                    diffs.push(format!("{path}.{key}: not in the reference"));
                }
            }
        }
        (Value::Array(e), Value::Array(g)) if e.len() == g.len() => {
            for (i, (e, g)) in e.iter().zip(g).enumerate() {
                compare(&format!("{path}[{i}]"), e, g, diffs);
            }
        }
        (e, g) if e == g => {}
        (e, g) => diffs.push(format!("{path}: expected {e}, got {g}")),
    }
}

/// The engine's JSON for `doc` with each round's comments sorted (the reference lists them
/// sorted; the engine shuffles them).
fn sorted_report(doc: &model::Document) -> Value {
    let mut got = stats::to_json(&stats::report(doc, 42));
    for round in got["rounds"].as_array_mut().unwrap() {
        if let Some(Value::Array(comments)) = round.get_mut("comments") {
            comments.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        }
    }
    got
}

fn assert_no_differences(diffs: &[String]) {
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn reports_match_the_reference_implementation() {
    let reference = reference();
    let datasets = reference["datasets"].as_object().unwrap();
    assert!(datasets.len() >= 4);
    let mut diffs = Vec::new();
    for (name, expected) in datasets {
        compare(name, expected, &sorted_report(&dataset(name)), &mut diffs);
    }
    assert_no_differences(&diffs);
}

/// The same reference values after the files are sealed (every answer and comment in records
/// of its own, with a fresh key) and their closed rounds published: the numbers everyone then
/// reads come from the published results, through seal, open and publish.
#[test]
fn reports_match_the_reference_implementation_through_seal_open_and_publish() {
    use candor::seal::ResultsKey;
    let reference = reference();
    let datasets = reference["datasets"].as_object().unwrap();
    let mut diffs = Vec::new();
    for (name, expected) in datasets {
        let plain = dataset(name);
        assert!(
            plain.rounds.iter().all(|r| r.closed),
            "{name}: every round closed"
        );
        let mut counter = 0u8;
        let mut fill = |bytes: &mut [u8]| {
            for b in bytes {
                counter = counter.wrapping_mul(31).wrapping_add(7);
                *b = counter;
            }
        };
        let key = ResultsKey::generate(&mut fill);
        let mut n = 0u128;
        let mut fresh_id = || {
            n += 1;
            model::ResponseId::from_random_bytes(
                n.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_be_bytes(),
            )
        };
        let sealed = candor::release::seal_survey(&plain, &key, &mut fresh_id, &mut fill, 42)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(sealed.problems.is_empty(), "{name}: {:?}", sealed.problems);
        let doc = sealed.doc;
        assert!(doc.responses.is_empty(), "{name}: no plain answer left");
        assert_eq!(
            doc.published.len(),
            doc.rounds.len(),
            "{name}: every round published"
        );
        // Read back from the file's bytes, as everyone else reads it.
        let doc = model::load(&model::to_canonical_bytes(&doc)).unwrap();
        compare(name, expected, &sorted_report(&doc), &mut diffs);
    }
    assert_no_differences(&diffs);
}

#[test]
fn building_blocks_match_the_reference() {
    let f = &reference()["functions"];
    let mut diffs = Vec::new();
    for (df, expected) in f["t975"].as_object().unwrap() {
        let got = stats::t975(df.parse().unwrap()).unwrap();
        compare(
            &format!("t975({df})"),
            expected,
            &serde_json::json!(got),
            &mut diffs,
        );
    }
    let samples: [(&str, &[f64]); 3] = [
        ("n1", &[4.0]),
        ("n2", &[3.0, 6.0]),
        ("n5", &[4.0, 5.5, 6.0, 3.0, 7.0]),
    ];
    for (name, xs) in samples {
        let got = serde_json::json!({
            "mean": stats::mean(xs),
            "sd": stats::sample_sd(xs),
            "ci95": stats::ci95(xs, None).map(|(l, h)| [l, h]),
            "ci95_team7": stats::ci95(xs, Some(7)).map(|(l, h)| [l, h]),
        });
        compare(name, &f[name], &got, &mut diffs);
    }
    let w = stats::welch(samples[1].1, samples[2].1).unwrap();
    let got = serde_json::json!({"diff": w.diff, "ci95": [w.ci95.0, w.ci95.1], "verdict": w.verdict.as_str()});
    compare("welch", &f["welch"], &got, &mut diffs);
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// A suppressed round carries no number anywhere in what the engine exports.
#[test]
fn suppressed_rounds_expose_no_numbers() {
    let doc = dataset("basic.json");
    let report = stats::report(&doc, 1);
    let suppressed: Vec<&RoundResult> = report
        .rounds()
        .iter()
        .filter(|r| r.released().is_none())
        .collect();
    assert_eq!(suppressed.len(), 2);
    let json = stats::to_json(&report);
    for round in json["rounds"].as_array().unwrap() {
        if round["suppressed"] == true {
            let keys: Vec<&str> = round
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["id", "label", "suppressed"]);
        }
    }
    let csv = stats::to_csv(&report);
    for line in csv
        .lines()
        .filter(|l| l.starts_with("r2,") || l.starts_with("r3,"))
    {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[2], "true");
        assert!(cells[3..].iter().all(|c| c.is_empty()), "{line}");
    }
}

#[test]
fn comments_wait_for_their_own_minimum_and_do_not_follow_file_order() {
    let doc = dataset("basic.json");
    let report = stats::report(&doc, 1);
    let r1 = report.rounds()[0].released().unwrap();
    assert_eq!(r1.n(), 5);
    // Five answers but no comment: the comment minimum counts people who wrote one.
    assert_eq!(r1.comments(), &Comments::Withheld);
    let r4 = report.rounds()[3].released().unwrap();
    let Comments::Released(a) = r4.comments() else {
        panic!("withheld")
    };
    let Comments::Released(b) = stats::report(&doc, 2).rounds()[3]
        .released()
        .unwrap()
        .comments()
        .clone()
    else {
        panic!("withheld")
    };
    let mut sorted = a.clone();
    sorted.sort();
    let mut b_sorted = b.clone();
    b_sorted.sort();
    assert_eq!(sorted, b_sorted);
    assert_ne!(a, &b, "different seeds should give different orders");

    let mut strict = doc.clone();
    strict.survey.min_group_comments = 9;
    let report = stats::report(&strict, 1);
    assert_eq!(
        report.rounds()[3].released().unwrap().comments(),
        &Comments::Withheld
    );
}

#[test]
fn report_csv_has_one_row_per_round_and_dimension() {
    let report = stats::report(&dataset("five-point.json"), 1);
    let csv = stats::to_csv(&report);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(stats::CSV_HEADER));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 4);
    let columns = stats::CSV_HEADER.split(',').count();
    assert!(rows.iter().all(|r| r.split(',').count() == columns));
    // In f2 the alignment dimension was answered by 3 people, under the minimum of 5.
    assert!(
        rows[3].starts_with("f2,Round f2,false,6,align,true,,"),
        "{}",
        rows[3]
    );
}

/// The engine's own t quantile against scipy's `t.ppf(0.975, df)`, to 1e-12.
#[test]
fn t_quantiles_match_scipy_to_1e_12() {
    let reference = reference();
    let table = reference["functions"]["t975"].as_object().unwrap();
    assert!(table.len() >= 10);
    for (df, expected) in table {
        let expected = expected.as_f64().unwrap();
        let got = stats::t975(df.parse().unwrap()).unwrap();
        assert!(
            (got - expected).abs() <= 1e-12 * expected,
            "df {df}: {got} vs scipy {expected}"
        );
    }
}

/// An organisation's totals: pooling teams' released n, mean and SD gives exactly what numpy
/// and scipy compute from every respondent's score (tests/reference/org_reference.py), and
/// ICC(1) matches scipy's one-way ANOVA; a team below the minimum released nothing and adds
/// nothing to any number.
#[test]
fn pooled_totals_and_icc_match_the_reference_implementation() {
    use candor::stats::{TeamNumbers, icc1, pool};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/org_expected.json");
    let reference: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let min_group = reference["min_group"].as_u64().unwrap();
    let cases = reference["cases"].as_array().unwrap();
    assert!(cases.len() >= 5);
    let mut diffs = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let teams: Vec<TeamNumbers> = case["teams"]
            .as_array()
            .unwrap()
            .iter()
            // What a team file publishes: numbers only for a round that reached the minimum.
            .filter(|t| t["n"].as_u64().unwrap() >= min_group)
            .map(|t| TeamNumbers {
                n: t["n"].as_u64().unwrap() as u32,
                mean: t["mean"].as_f64().unwrap(),
                sd: t["sd"].as_f64(),
            })
            .collect();
        let released = case["teams"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["released"].as_bool().unwrap())
            .count();
        assert_eq!(teams.len(), released, "{name}");
        let pooled = pool(&teams).unwrap();
        let got = serde_json::json!({
            "n": pooled.n,
            "teams": pooled.teams,
            "mean": pooled.mean,
            "sd": pooled.sd,
            "ci95": pooled.ci95.map(|(lo, hi)| [lo, hi]),
        });
        compare(&format!("{name}.pooled"), &case["pooled"], &got, &mut diffs);
        compare(
            &format!("{name}.icc1"),
            &case["icc1"],
            &serde_json::json!(icc1(&teams)),
            &mut diffs,
        );
    }
    assert_no_differences(&diffs);
}
