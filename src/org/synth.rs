//! Made-up organisations for benchmarks, tests and trying the organisation view: teams with
//! monthly rounds, every closed round released as its key holder would release it (a round
//! below the minimum released as such, with no numbers). Deterministic from the seeds.

use super::{Group, OrgFile, Team};
use crate::model::{self, Document};
use crate::stats;

/// One team's file: `rounds` monthly rounds, all closed and released, with `per_round`
/// responses in each (below the survey's minimum of 5, every round is released with no
/// numbers).
pub fn team(rounds: usize, per_round: usize, seed: u64) -> Document {
    let mut doc = model::synth::synthetic(rounds, rounds * per_round, seed);
    for round in &mut doc.rounds {
        round.closed = true;
    }
    let report = stats::report(&doc, seed);
    let minimums = stats::effective_minimums(&doc);
    doc.published = report
        .rounds()
        .iter()
        .filter_map(|r| stats::to_published(r, minimums))
        .collect();
    doc.normalize();
    doc
}

/// An organisation of `teams` teams in `groups` departments (team `t` in department
/// `t % groups`), each team's file named `team-<t>.json` beside the organisation file, with
/// `rounds` monthly rounds of 4 to 14 answers (so some rounds are below the minimum).
pub fn organisation(teams: usize, groups: usize, rounds: usize) -> (OrgFile, Vec<Document>) {
    let groups = groups.max(1);
    let mut org = OrgFile::new(&format!("{teams} teams"));
    org.groups = (0..groups)
        .map(|g| Group {
            id: format!("dept-{g}"),
            name: format!("Department {g}"),
            parent: None,
        })
        .collect();
    org.teams = (0..teams)
        .map(|t| Team {
            id: format!("team-{t}"),
            name: format!("Team {t}"),
            group: Some(format!("dept-{}", t % groups)),
            file: format!("team-{t}.json"),
        })
        .collect();
    let files = (0..teams as u64)
        .map(|seed| team(rounds, 4 + (seed % 11) as usize, seed))
        .collect();
    (org, files)
}
