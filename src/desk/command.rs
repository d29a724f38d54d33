//! What a person can do on the set-up page's cards, as types: buttons name a [`Command`],
//! forms a [`FormKind`], file pickers a [`Pick`]. The cards write the names
//! ([`super::share`], [`super::rounds`], [`super::next`], [`super::file`]) and the page's
//! listeners (in `views::setup`) read them back through the same definitions, so a typo
//! cannot silently disable a button.

use crate::chart::Markup;

pub const COMMAND_ATTR: &str = "data-command";
/// What a command acts on (a round id, the link to copy), where it needs one.
pub const SUBJECT_ATTR: &str = "data-subject";
pub const FORM_ATTR: &str = "data-form";
pub const PICK_ATTR: &str = "data-pick";

named_enum!(
    /// A button on a set-up card.
    pub enum Command {
        /// Copy the respondent link (the subject) to the clipboard.
        CopyLink = "copy-link",
        /// The phone's share sheet for the link (the subject).
        Share = "share",
        /// The QR code on the whole screen, for a meeting room.
        QrFullscreen = "qr-fullscreen",
        /// Copy the iframe snippet (the subject).
        CopySnippet = "copy-snippet",
        /// Copy the next round's invitation (the subject).
        CopyInvitation = "copy-invitation",
        /// Copy the next round's reminder (the subject).
        CopyReminder = "copy-reminder",
        /// Close the round whose id is the subject.
        CloseRound = "close-round",
        /// Put a copy of the survey into this browser to collect answers here.
        CollectHere = "collect-here",
        /// Merge the answers collected in this browser into the file.
        BringIn = "bring-in",
        /// Download the team file as it now is.
        Download = "download",
        /// Open a team file from this computer, in place (File System Access).
        OpenDisk = "open-disk",
        /// Download the key file of the key just made (the subject).
        DownloadKey = "download-key",
        /// Forget the results key this browser keeps for the survey (the subject).
        ForgetKey = "forget-key",
        /// Split the key just made (the subject) among three people, any two needed, and
        /// download the three share files.
        SplitKey = "split-key",
        /// Seal a survey from before sealing with a new results key.
        SealSurvey = "seal-survey",
        /// Mark the agreed action whose id is the subject done.
        ActionDone = "action-done",
        /// Mark the agreed action whose id is the subject dropped.
        ActionDrop = "action-drop",
        /// Save the question editor's draft as the survey's next revision.
        SaveSurvey = "save-survey",
    }
);

named_enum!(
    /// A form on a set-up card.
    pub enum FormKind {
        OpenRound = "open-round",
        AddEvent = "add-event",
        AddAction = "add-action",
        /// Download the next round's calendar file.
        NextRound = "next-round",
        /// Check a results key (or shares) against this survey's file.
        CheckKey = "check-key",
    }
);

named_enum!(
    /// A file picker on a set-up card.
    pub enum Pick {
        /// A copy of this team file to merge in.
        Merge = "merge",
        /// Another team file to open (read from the picker; changes saved by download).
        Open = "open",
    }
);

/// A button that gives `command` (on `subject`, where it needs one).
pub fn button(
    m: &mut Markup,
    command: Command,
    subject: Option<&str>,
    class: &str,
    testid: Option<&str>,
    label: &str,
) {
    // The attribute names are COMMAND_ATTR and SUBJECT_ATTR (a test checks they agree).
    m.fixed("<button type=\"button\" class=\"")
        .text(class)
        .fixed("\" data-command=\"")
        .text(command.name());
    if let Some(subject) = subject {
        m.fixed("\" data-subject=\"").text(subject);
    }
    if let Some(testid) = testid {
        m.fixed("\" data-testid=\"").text(testid);
    }
    m.fixed("\">").text(label).fixed("</button>");
}

/// A file picker styled as a button.
pub fn picker(m: &mut Markup, pick: Pick, testid: &str, label: &str) {
    // The attribute name is PICK_ATTR (a test checks they agree).
    m.fixed("<label class=\"button secondary file-pick\">")
        .text(label)
        .fixed(
            "<input type=\"file\" accept=\".json,application/json\" class=\"visually-hidden\" \
             data-pick=\"",
        )
        .text(pick.name())
        .fixed("\" data-testid=\"")
        .text(testid)
        .fixed("\"></label>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_and_names_are_unique() {
        for c in Command::ALL {
            assert_eq!(Command::parse(c.name()), Some(*c));
        }
        for f in FormKind::ALL {
            assert_eq!(FormKind::parse(f.name()), Some(*f));
        }
        for p in Pick::ALL {
            assert_eq!(Pick::parse(p.name()), Some(*p));
        }
        assert_eq!(Command::parse("Copy-link"), None);
    }

    #[test]
    fn buttons_and_pickers_carry_the_attributes_the_listeners_read() {
        let mut m = Markup::new();
        button(
            &mut m,
            Command::CloseRound,
            Some("2026-11"),
            "button",
            Some("close-round"),
            "Close <November>",
        );
        picker(&mut m, Pick::Merge, "merge-pick", "Merge");
        let html = m.finish().into_string();
        assert_eq!(
            html,
            format!(
                "<button type=\"button\" class=\"button\" {COMMAND_ATTR}=\"close-round\" \
                 {SUBJECT_ATTR}=\"2026-11\" data-testid=\"close-round\">Close &lt;November&gt;\
                 </button><label class=\"button secondary file-pick\">Merge<input type=\"file\" \
                 accept=\".json,application/json\" class=\"visually-hidden\" {PICK_ATTR}=\"merge\" \
                 data-testid=\"merge-pick\"></label>"
            )
        );
    }
}
