//! Any bytes as an organisation file: a refusal with reasons, or a valid file that is written
//! back the same, and that the organisation page's editor reads into entries and writes back
//! with the same teams and groups; its report (every team reading the demo's released results, or failing)
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
    // Opened on the organisation page and written back unchanged: the same teams, files and
    // group paths, as the page trims what is typed (ids may be made anew from the names). A
    // valid file has no empty names, and no two groups of one name in one place, so its own
    // entries always make a file again.
    let entries: Vec<org::Entry> = org::entries(&org).iter().map(trimmed).collect();
    let again = org::from_entries(&org.title, &entries)
        .unwrap_or_else(|e| panic!("a valid file's own entries are refused: {e}"));
    assert_eq!(org::entries(&again), entries);
    assert_eq!(
        again.groups.len(),
        used_groups(&org),
        "groups merged or split"
    );
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

/// An entry as the organisation page reads what was typed: each field and each level of the
/// group path without surrounding spaces, empty levels dropped.
fn trimmed(entry: &org::Entry) -> org::Entry {
    let levels: Vec<&str> = entry
        .group_path
        .split('/')
        .map(str::trim)
        .filter(|level| !level.is_empty())
        .collect();
    org::Entry {
        name: entry.name.trim().to_owned(),
        group_path: levels.join(" / "),
        file: entry.file.trim().to_owned(),
    }
}

/// How many groups of `org` hold a team, directly or through a group inside them: those the
/// editor's entries carry (a group without teams shows nothing and is not kept).
fn used_groups(org: &org::OrgFile) -> usize {
    let mut used: Vec<&str> = org
        .teams
        .iter()
        .filter_map(|t| t.group.as_deref())
        .flat_map(|g| org.group_path(g))
        .map(|g| g.id.as_str())
        .collect();
    used.sort_unstable();
    used.dedup();
    used.len()
}
