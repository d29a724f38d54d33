//! The exports of any valid file's report: every CSV row reads back (as a spreadsheet reads
//! RFC 4180) to the cells written, 19 of them, labels defused against formulas and numbers that
//! parse; the JSON export is JSON. And any row of hostile cells survives the CSV quoting.
#![no_main]

use arbitrary::Unstructured;
use candor::model;
use candor::stats::{self, CSV_HEADER, RoundResult};
use candor_fuzz::valid_document;
use libfuzzer_sys::fuzz_target;

fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|row| {
            row.expect("a CSV row that does not parse")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// What a spreadsheet shows for a text cell: formulas are defused with a leading quote.
fn shown(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    if u.ratio(1, 4).unwrap_or(false) {
        // Hostile cells, quoted by csv_cell and joined as the export joins them.
        let Ok(cells) = u.arbitrary::<Vec<String>>() else {
            return;
        };
        if cells.is_empty() || cells.iter().all(String::is_empty) {
            return; // an empty line is no row at all
        }
        if cells[0].starts_with('\u{feff}') {
            return; // a reader takes it for a byte-order mark at the start of the file
        }
        let line: Vec<String> = cells.iter().map(|c| stats::csv_cell(c)).collect();
        let rows = read_csv(&format!("{}\n", line.join(",")));
        let expected: Vec<String> = cells.iter().map(|c| shown(c)).collect();
        // A lone `\r` inside a quoted cell is kept; outside quotes there is none.
        assert_eq!(rows, vec![expected], "a row does not read back");
        return;
    }
    let Ok(Some(doc)) = valid_document(&mut u) else {
        return;
    };
    // The exports are made from what the results page shows: published numbers are read.
    let Ok(doc) = model::load_full(&model::to_canonical_bytes(&doc)) else {
        return;
    };
    let report = stats::report(&doc, u.arbitrary().unwrap_or(0));
    let rows = read_csv(&stats::to_csv(&report));
    let header: Vec<&str> = CSV_HEADER.split(',').collect();
    assert_eq!(rows[0], header);
    let mut expected_rows = 0;
    for round in report.rounds() {
        match round {
            RoundResult::Pending(_) => {}
            RoundResult::Suppressed(_) => expected_rows += 1,
            RoundResult::Released(stats) => expected_rows += stats.dimensions().len(),
        }
    }
    assert_eq!(rows.len() - 1, expected_rows, "rows lost or added");
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len(), "a row of another width: {row:?}");
        let round = doc.round(&row[0]).expect("a row of an unknown round");
        assert_eq!(row[1], shown(&round.label));
        assert!(matches!(row[2].as_str(), "true" | "false"));
        for (name, cell) in header.iter().zip(row) {
            let numeric = matches!(
                *name,
                "n" | "dimension_n"
                    | "mean"
                    | "sd"
                    | "ci95_low"
                    | "ci95_high"
                    | "favourable"
                    | "rwg_j"
                    | "alpha"
                    | "change_diff"
                    | "change_ci95_low"
                    | "change_ci95_high"
            );
            if numeric && !cell.is_empty() {
                let x: f64 = cell.parse().unwrap_or(f64::NAN);
                assert!(x.is_finite(), "{name} is not a number: {cell:?}");
            }
        }
    }
    let json = serde_json::to_string(&stats::to_json(&report)).expect("JSON export");
    let back: serde_json::Value = serde_json::from_str(&json).expect("JSON export reads back");
    assert_eq!(back, stats::to_json(&report));
});
