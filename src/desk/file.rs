//! The team file itself: where it lives, download it, merge in a copy, open another from this
//! computer (in place where the browser can write it back, otherwise read from a picker and
//! saved by downloading), and the way to its results. Written as markup (pure); the page's
//! listeners answer its [`Command`]s and [`Pick`]s.

use super::command::{Command, Pick, button, picker};
use super::{Place, Scene};
use crate::chart::Markup;
use crate::i18n::{DeskMsg as S, Texts};

/// The file card. `results_href`: the results page of this file (a store's file only).
pub fn file_card(m: &mut Markup, t: &Texts<S>, scene: &Scene, results_href: &str) {
    let where_text = match &scene.place {
        Place::Disk {
            name,
            writable: true,
        } => t.fill(S::OnDiskWritable, &[("name", &t.name(name))]),
        Place::Disk { name, .. } => t.fill(S::OnDiskReadOnly, &[("name", &t.name(name))]),
        Place::Device => t.get(S::InThisBrowser).to_owned(),
        Place::Url(url) => t.fill(S::SharedAt, &[("url", &crate::i18n::isolate(url))]),
    };
    m.fixed("<section class=\"card\" data-testid=\"file\"><h2>")
        .text(t.get(S::TeamFile))
        .fixed("</h2><p class=\"hint\" data-testid=\"file-where\">")
        .text(&where_text)
        .fixed("</p>");
    if scene.unsaved {
        m.fixed("<p class=\"error-text\" data-testid=\"unsaved\">")
            .text(t.get(S::Unsaved))
            .fixed("</p>");
    }
    m.fixed("<div class=\"row\">");
    let download = if scene.place.keeps_changes_here() {
        S::DownloadUpdated
    } else {
        S::DownloadTeamFile
    };
    button(
        m,
        Command::Download,
        None,
        "button secondary",
        Some("download-file"),
        t.get(download),
    );
    picker(m, Pick::Merge, "merge-pick", t.get(S::MergeCopy));
    open_from_disk(m, t, scene.file_access);
    let on_disk = matches!(scene.place, Place::Disk { .. });
    if !on_disk {
        m.fixed("<a class=\"button secondary\" href=\"")
            .text(results_href)
            .fixed("\">")
            .text(t.get(S::SeeResults))
            .fixed("</a>");
    }
    m.fixed("</div>");
    if on_disk {
        m.fixed("<p class=\"hint\">")
            .text(t.get(S::ResultsOfDiskFile))
            .fixed("</p>");
    }
    // The organisation page (its own bundle: `Bundle::Setup.href` of `#/org`).
    m.fixed("<p class=\"hint\">")
        .text(t.get(S::SeveralTeams))
        .fixed(" <a href=\"../org/#/org\" data-testid=\"org-link\">")
        .text(t.get(S::OrgLink))
        .fixed("</a></p></section>");
}

/// The card that opens a team file from this computer, beside the new-survey form.
pub fn open_card(m: &mut Markup, t: &Texts<S>, file_access: bool) {
    m.fixed("<section class=\"card\" data-testid=\"open-disk\">")
        .element("h2", &[], t.get(S::HaveFile))
        .element("p", &[("class", "hint")], t.get(S::HaveFileHint));
    open_from_disk(m, t, file_access);
    m.fixed("</section>");
}

/// "Open a team file…": in place where the browser can write files back, otherwise from a
/// file picker (changes are then saved by downloading).
pub fn open_from_disk(m: &mut Markup, t: &Texts<S>, file_access: bool) {
    let label = t.get(S::OpenTeamFile);
    if file_access {
        button(
            m,
            Command::OpenDisk,
            None,
            "button secondary",
            Some("open-disk-file"),
            label,
        );
    } else {
        picker(m, Pick::Open, "open-disk-pick", label);
    }
}
