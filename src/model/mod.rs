//! The shared survey file: its types, loading and validation, canonical writing and merging.
//! Pure Rust: no browser, no clock, no randomness of its own.

mod actions;
mod answers;
mod canonical;
mod document;
mod edit;
mod id;
mod keyed;
mod load;
mod merge;
mod problem;
mod published;
mod questionnaire;
pub(crate) mod sort;
mod submission;
pub mod synth;
pub mod templates;
mod translation;
mod validate;

pub use actions::Review;
pub use answers::Answers;
pub use canonical::{sorted_json, to_canonical_bytes};
pub use document::{
    ActionStatus, Dimension, Document, Event, EventKind, FORMAT_NAME, FORMAT_VERSION, Question,
    Response, Round, SealedRecord, Survey,
};
pub use edit::{Change, EditError, When, free_id};
pub use id::{MAX_SLUG_LEN, ResponseId, TITLE_SLUG_LEN, is_slug, slug_from_title};
pub use keyed::Keyed;
pub use load::{load, load_full};
pub use merge::{Conflict, Merged, merge};
pub use problem::{FileError, Problem, ProblemKind, comment_problem, limits};
pub use published::{
    DimensionNumbers, Published, PublishedDimension, PublishedItem, ReleasedRound, ReleasedText,
    check_released,
};
pub use questionnaire::Questionnaire;
pub use submission::{Rejection, Submission};
pub use translation::{DEFAULT_LANGUAGE, MAX_TRANSLATIONS, Part, Translation, is_language_code};
pub use validate::{is_iso_date, refuse_if_invalid, validate};
