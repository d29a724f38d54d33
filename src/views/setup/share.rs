//! Sharing the survey: the respondent link (copy, share sheet, QR code, iframe snippet) for a
//! file at a URL or on this device, and, for a file on this computer's disk (which phones
//! cannot reach), collecting answers on this device and bringing them into the file.
//! Written as markup (pure); the page's listeners answer its [`Command`]s.

use super::command::{Command, button};
use super::rounds::counted;
use crate::chart::Markup;
use crate::model::Document;
use crate::share;

/// The share card. `link`: the respondent link; `snippet`: the iframe snippet; `remote`: the
/// file is at a URL (so phones can reach it, and a QR code helps); `can_share`: the browser
/// has a share sheet.
pub(super) fn share_card(
    m: &mut Markup,
    doc: &Document,
    link: &str,
    snippet: &str,
    remote: bool,
    can_share: bool,
) {
    let open = match doc.open_round() {
        Some(round) => format!(
            "Round open: {}. Share this link with the team.",
            round.label
        ),
        None => "No round is open: open one below before sharing the link.".to_owned(),
    };
    m.fixed("<section class=\"card\" data-testid=\"share\"><h1>")
        .text(&doc.survey.title)
        .fixed("</h1><p class=\"hint\">")
        .text(&open)
        .fixed(
            "</p><label class=\"field\">Link for respondents\
             <input type=\"text\" readonly data-testid=\"share-link\" value=\"",
        )
        .text(link)
        .fixed("\"></label><div class=\"row\">");
    button(
        m,
        Command::CopyLink,
        Some(link),
        "button",
        Some("copy-link"),
        "Copy link",
    );
    if can_share {
        button(
            m,
            Command::Share,
            Some(link),
            "button secondary",
            None,
            "Share…",
        );
    }
    m.fixed("<a class=\"button secondary\" target=\"_blank\" rel=\"noopener\" href=\"")
        .text(link)
        .fixed("\">Open the survey</a></div>");
    if !remote {
        m.fixed(
            "<p class=\"hint\">This survey lives on this device only: people answer here, one \
             after another. To collect answers on everyone's own phone, keep the file at a URL \
             (WebDAV or S3).</p>",
        );
    } else if let Some(svg) = share::qr_svg(link, "QR code of the link for respondents") {
        m.fixed("<div id=\"qr-box\" class=\"qr-box\" data-testid=\"qr\">")
            .safe(&svg)
            .fixed("<p class=\"qr-caption\">")
            .text(&doc.survey.title)
            .fixed("</p></div>");
        button(
            m,
            Command::QrFullscreen,
            None,
            "button secondary",
            None,
            "Show the QR code full screen",
        );
    } else {
        m.fixed("<p class=\"hint\">The link is too long for a QR code; share it as text.</p>");
    }
    m.fixed(
        "<details><summary>Embed in an intranet page</summary><p class=\"hint\">Paste this \
         into the page. The frame grows to fit the survey; Candor's header is hidden inside \
         it.</p><textarea readonly rows=\"8\" class=\"snippet\" data-testid=\"embed-snippet\">",
    )
    .text(snippet)
    .fixed("</textarea>");
    button(
        m,
        Command::CopySnippet,
        Some(snippet),
        "button secondary",
        None,
        "Copy the snippet",
    );
    m.fixed("</details></section>");
}

/// In place of the share card for a file on disk: phones cannot reach it, so answers are
/// collected on this device (passed around) and brought into the file afterwards.
/// `collected_here`: how many answers this browser's copy of the same survey holds, if any.
pub(super) fn collect_card(
    m: &mut Markup,
    doc: &Document,
    file_name: &str,
    collected_here: Option<usize>,
) {
    let open = match doc.open_round() {
        Some(round) => format!("Round open: {}.", round.label),
        None => "No round is open: open one below before collecting answers.".to_owned(),
    };
    m.fixed("<section class=\"card\" data-testid=\"collect\"><h1>")
        .text(&doc.survey.title)
        .fixed("</h1><p class=\"hint\">")
        .text(&open)
        .fixed("</p><p>The team file is ")
        .text(file_name)
        .fixed(
            " on this computer. Phones cannot reach a file on disk, so answers are collected \
             on this device, passed around the room, and brought into the file here.</p>\
             <div class=\"row\">",
        );
    button(
        m,
        Command::CollectHere,
        None,
        "button",
        Some("collect-here"),
        "Collect answers on this device",
    );
    if let Some(answers) = collected_here {
        button(
            m,
            Command::BringIn,
            None,
            "button secondary",
            Some("bring-in"),
            &format!(
                "Bring in the answers collected here ({})",
                counted(answers, doc.survey.min_group)
            ),
        );
    }
    m.fixed(
        "</div><p class=\"hint\">For answers on everyone's own phone, keep the file at a URL \
         (WebDAV or S3): create the survey there and merge this file into it.</p></section>",
    );
}
