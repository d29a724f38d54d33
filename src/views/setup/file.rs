//! The team file itself: where it lives, download it, merge in a copy, open another from this
//! computer (in place where the browser can write it back, otherwise read from a picker and
//! saved by downloading), and the way to its results. Written as markup (pure); the page's
//! listeners answer its [`Command`]s and [`Pick`]s.

use super::command::{Command, Pick, button, picker};
use super::state::{Home, Workspace};
use crate::chart::Markup;
use crate::storage::Source;

/// The file card. `results_href`: the results page of this file (a store's file only);
/// `file_access`: the browser can open files on disk in place.
pub(super) fn file_card(m: &mut Markup, state: &Workspace, results_href: &str, file_access: bool) {
    let where_text = match &state.home {
        Home::Disk(file) if file.can_write() => {
            format!(
                "{} on this computer: every change is saved to it.",
                file.name
            )
        }
        Home::Disk(file) => format!(
            "Opened from {}. This browser cannot write to files on disk: after a change, \
             download the updated file and keep it in place of the old one.",
            file.name
        ),
        Home::Store(Source::Device) => "Kept in this browser on this device.".to_owned(),
        Home::Store(Source::Remote(url)) => format!("Shared at {url}."),
    };
    m.fixed(
        "<section class=\"card\" data-testid=\"file\"><h2>The team file</h2>\
         <p class=\"hint\" data-testid=\"file-where\">",
    )
    .text(&where_text)
    .fixed("</p>");
    if state.unsaved {
        m.fixed(
            "<p class=\"error-text\" data-testid=\"unsaved\">Changes not saved yet: download \
             the updated file.</p>",
        );
    }
    m.fixed("<div class=\"row\">");
    let download = if state.home.keeps_changes_here() {
        "Download the updated file"
    } else {
        "Download the team file"
    };
    button(
        m,
        Command::Download,
        None,
        "button secondary",
        Some("download-file"),
        download,
    );
    picker(m, Pick::Merge, "merge-pick", "Merge in a copy…");
    open_from_disk(m, file_access);
    let on_disk = matches!(state.home, Home::Disk(_));
    if !on_disk {
        m.fixed("<a class=\"button secondary\" href=\"")
            .text(results_href)
            .fixed("\">See the results</a>");
    }
    m.fixed("</div>");
    if on_disk {
        m.fixed("<p class=\"hint\">To see the results, open this file on the results page.</p>");
    }
    // The organisation page (its own bundle: `Bundle::Setup.href` of `#/org`).
    m.fixed(
        "<p class=\"hint\">Looking after several teams? <a href=\"../org/#/org\" \
         data-testid=\"org-link\">See them side by side in an organisation view</a>.</p>\
         </section>",
    );
}

/// "Open a team file…": in place where the browser can write files back, otherwise from a
/// file picker (changes are then saved by downloading).
pub(super) fn open_from_disk(m: &mut Markup, file_access: bool) {
    if file_access {
        button(
            m,
            Command::OpenDisk,
            None,
            "button secondary",
            Some("open-disk-file"),
            "Open a team file…",
        );
    } else {
        picker(m, Pick::Open, "open-disk-pick", "Open a team file…");
    }
}
