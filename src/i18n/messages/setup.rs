//! The set-up page's texts (`setup.`): creating a survey, its file, rounds, questions,
//! languages, sealing and sharing.

catalog! {
    /// The set-up page's texts.
    SetupMsg = "setup" {
        Language = "setup.language": "Language",
    }
}
