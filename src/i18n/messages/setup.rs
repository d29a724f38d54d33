//! The set-up page's own texts (`setup.`): its frame, and what it says once something is
//! done (a round opened, a key downloaded, the survey saved). Everything drawn on its cards is
//! the desk's ([`super::DeskMsg`]).

catalog! {
    /// The set-up page's own texts: what it says about what was done (the cards, the
    /// question editor and the new-survey form are the desk's, [`super::DeskMsg`]).
    SetupMsg = "setup" {
        // The page's frame.
        Language = "setup.language": "Language",
        Loading = "setup.loading": "Loading…",
        FormFailed = "setup.form_failed": "The new-survey form cannot be shown",
        CannotOpen = "setup.cannot_open": "This team file cannot be opened",
        NeverOverwrites = "setup.never_overwrites": "Candor never writes over a file it cannot read. Fix or replace the file, or start a new one elsewhere.",
        Opened = "setup.opened": "Opened {name}.",
        DownloadToKeep = "setup.download_to_keep": "Download the updated file to keep it.",
        Checking = "setup.checking": "Checking…",

        // The new-survey form's button and what it says (the form's fields are the desk's).
        Create = "setup.create": "Create the survey and open this month's round",
        MakingKey = "setup.making_key": "Making the results key…",
        Created = "setup.created": "Survey created, and this month's round is open.",

        // What the page says once a change is made on a card.
        RoundOpened = "setup.round_opened": "Round opened.",
        RoundClosed = "setup.round_closed": "Round closed.",
        EventAdded = "setup.event_added": "Event added to the timeline.",
        AskDone = "setup.ask_done": "Mark this action done?",
        AskDrop = "setup.ask_drop": "Drop this action?",
        CannotReopen = "setup.cannot_reopen": "It cannot be reopened (agree it again as a new action if needed).",
        MarkedDone = "setup.marked_done": "Marked done: the results show it on the trend.",
        MarkedDropped = "setup.marked_dropped": "Marked dropped.",
        ActionNoted = "setup.action_noted": "Action noted: it is reviewed first in the next round's results.",
        Merged = "setup.merged": "Merged: every answer from both copies is kept.",
        Sealing = "setup.sealing": "Sealing the survey…",
        Sealed = "setup.sealed": "Sealed: no answer in the file can be read any more. Save the results key below now.",
        KeyDownloaded = "setup.key_downloaded": "Key file downloaded. Give it to the key holder, and keep a copy somewhere safe.",
        SharesDownloaded = "setup.shares_downloaded": "Three share files downloaded: give each to a different person. Any two release a round; this browser no longer keeps the whole key.",
        KeyForgotten = "setup.key_forgotten": "This browser no longer keeps the results key.",
        KeyFits = "setup.key_fits": "This key opens this survey's answers: keep it safe.",
        KeyDoesNotFit = "setup.key_does_not_fit": "This key does not belong to this survey: it opens none of its answers.",
        CollectingHere = "setup.collecting_here": "The survey is on this device: people answer in the new tab, one after another. Bring their answers into the file here afterwards.",
        BroughtIn = "setup.brought_in": "The answers collected on this device are now in the file.",
        SurveySaved = "setup.survey_saved": "Survey saved.",
        NothingChanged = "setup.nothing_changed": "Nothing changed: there was nothing to save.",
    }
}
