//! Honest numbers: the statistics engine (pure functions, no browser imports).
//!
//! Answers are recoded so that higher is always more favourable, then summarised per round and
//! dimension with their uncertainty (`describe`), agreement and reliability (`agreement`),
//! and change between rounds (`change`). `report` puts them together and enforces the
//! anonymity minimums. `pool` adds teams' released numbers up for an organisation.

mod agreement;
mod change;
mod describe;
mod export;
mod pool;
mod report;
mod special;
pub mod words;

pub use agreement::{cronbach_alpha, rwg_j};
pub use change::{Summary, Verdict, Welch, welch, welch_summary};
pub use describe::{ci95, mean, sample_sd, sample_variance, t975};
pub use export::{CSV_HEADER, csv_cell, to_csv, to_csv_with, to_json};
pub use pool::{Pooled, Spread, TeamNumbers, icc1, pool, spread};
pub use report::{
    Change, Comments, DimensionResult, DimensionStats, ItemStats, Opened, PendingRound, Report,
    RoundResult, RoundStats, SuppressedRound, effective_minimums, report, report_opened,
    to_published,
};
