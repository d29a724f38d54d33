//! Any bytes as an organisation file: a refusal with reasons, or a valid file that is written
//! back the same; its report (every team reading the demo's released results, or failing)
//! never panics, counts every listed team in each total it is under, and pools only teams that
//! released numbers.
#![no_main]

use std::sync::OnceLock;

use candor::model::Document;
use candor::org::{self, report};
use libfuzzer_sys::fuzz_target;

fn demo() -> &'static Document {
    static DEMO: OnceLock<Document> = OnceLock::new();
    DEMO.get_or_init(candor::release::demo)
}

fuzz_target!(|bytes: &[u8]| {
    let _ = report::Period::Quarter.of(&String::from_utf8_lossy(bytes));
    let org = match org::load(bytes) {
        Ok(org) => org,
        Err(e) => {
            assert!(!e.0.is_empty() && e.0.iter().all(|p| !p.is_empty()));
            return;
        }
    };
    assert_eq!(org::load(org.to_text().as_bytes()), Ok(org.clone()));
    for group in &org.groups {
        assert!(org.group_path(&group.id).len() <= org.groups.len());
    }
    let reads: Vec<report::TeamRead> = (0..org.teams.len())
        .map(|i| {
            if i % 3 == 2 {
                Err("unreachable".to_owned())
            } else {
                Ok(demo().clone())
            }
        })
        .collect();
    let built = report::build(&org, &reads, report::Period::Month);
    assert_eq!(built.scopes.len(), org.groups.len() + 1);
    assert_eq!(built.scopes[0].teams, org.teams.len());
    assert_eq!(built.problems.len(), org.teams.len() / 3);
    for scope in &built.scopes {
        for cell in scope.cells.values() {
            assert!(cell.pooled.teams <= scope.teams);
        }
    }
    let _ = report::to_csv(&built);
    let _ = report::to_json(&built);
});
