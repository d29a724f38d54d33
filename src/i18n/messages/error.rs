//! The texts of what can go wrong with a team file, its server or this device (`error.`),
//! shared by every page: the build puts them into each page's part of a language file
//! (scripts/finish-build.py), and a page reads them from its own texts' file when it has an
//! error to say ([`crate::views::error::UiError::sentence_in`]). A detail from a file or a
//! server (`{why}`) stays as the program wrote it.

catalog! {
    /// What went wrong, for the person using the page.
    ErrorMsg = "error" {
        // Reaching the team file.
        Offline = "error.offline": "You seem to be offline.",
        Timeout = "error.timeout": "The server did not answer in time.",
        Unreachable = "error.unreachable": "Could not reach the team file at {url} (the server may be down, or it does not allow this page to read it: its CORS settings must allow this origin and expose ETag).",
        NotFound = "error.not_found": "There is no team file at this address.",
        Forbidden = "error.forbidden": "This location does not allow writing (HTTP {status}); ask whoever runs it for write access.",
        ServerProblem = "error.server_problem": "The server had a problem (HTTP {status}).",
        Unexpected = "error.unexpected": "The server answered with HTTP {status}, which Candor does not expect.",
        NoEtag = "error.no_etag": "The server sent no ETag, so Candor cannot write safely (for lighttpd, set mimetype.assign for .json).",
        AlreadyExists = "error.already_exists": "A team file already exists at this address.",
        Busy = "error.busy": "Many people are submitting at once; your answers will be sent again shortly.",
        // The file itself, or this device.
        WillNotChange = "error.will_not_change": "The team file has problems, so Candor will not change it: {why}",
        BadFile = "error.bad_file": "The team file has problems: {why}",
        NotATeamFile = "error.not_a_team_file": "That file is not a valid team file: {why}",
        Unreadable = "error.unreadable": "That file cannot be read.",
        StorageFull = "error.storage_full": "This device's storage is full or unavailable: {why}",
        // A facilitator's choices.
        ChooseQuestionSet = "error.choose_question_set": "Choose at least one question set.",
        BadDate = "error.bad_date": "This device's date looks wrong.",
        OtherSurveyHere = "error.other_survey_here": "This device already keeps another survey ({title}); collect on another device, or download that one and clear this browser's data for Candor first.",
        NoCopyHere = "error.no_copy_here": "This device holds no copy of the survey.",
        // This browser.
        ReaderStopped = "error.reader_stopped": "This browser could not start the part of Candor that reads team files, or it stopped (reload the page and try again).",
        WriterStopped = "error.writer_stopped": "This browser could not start the part of Candor that writes answers into the team file.",
    }
}
