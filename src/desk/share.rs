//! Sharing the survey: the respondent link (copy, share sheet, QR code, iframe snippet) for a
//! file at a URL or on this device, and, for a file on this computer's disk (which phones
//! cannot reach), collecting answers on this device and bringing them into the file.
//! Written as markup (pure); the page's listeners answer its [`Command`]s.

use super::command::{Command, button};
use super::rounds::counted;
use crate::chart::Markup;
use crate::i18n::{DeskMsg as S, Texts};
use crate::model::Document;
use crate::share;

/// The share card. `link`: the respondent link; `snippet`: the iframe snippet; `remote`: the
/// file is at a URL (so phones can reach it, and a QR code helps); `can_share`: the browser
/// has a share sheet.
pub fn share_card(
    m: &mut Markup,
    t: &Texts<S>,
    doc: &Document,
    link: &str,
    snippet: &str,
    remote: bool,
    can_share: bool,
) {
    let open = match doc.open_round() {
        Some(round) => t.fill(S::RoundOpenShare, &[("round", &t.name(&round.label))]),
        None => t.get(S::NoRoundShare).to_owned(),
    };
    m.fixed("<section class=\"card\" data-testid=\"share\"><h1>")
        .text(&doc.survey.title)
        .fixed("</h1><p class=\"hint\">")
        .text(&open)
        .fixed("</p><label class=\"field\">")
        .text(t.get(S::LinkForRespondents))
        .fixed("<input type=\"text\" readonly data-testid=\"share-link\" value=\"")
        .text(link)
        .fixed("\"></label><div class=\"row\">");
    button(
        m,
        Command::CopyLink,
        Some(link),
        "button",
        Some("copy-link"),
        t.get(S::CopyLink),
    );
    if can_share {
        button(
            m,
            Command::Share,
            Some(link),
            "button secondary",
            None,
            t.get(S::Share),
        );
    }
    m.fixed("<a class=\"button secondary\" target=\"_blank\" rel=\"noopener\" href=\"")
        .text(link)
        .fixed("\">")
        .text(t.get(S::OpenSurvey))
        .fixed("</a></div>");
    if !remote {
        m.fixed("<p class=\"hint\">")
            .text(t.get(S::DeviceOnly))
            .fixed("</p>");
    } else if let Some(svg) = share::qr_svg(link, t.get(S::QrCode)) {
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
            t.get(S::QrFullScreen),
        );
    } else {
        m.fixed("<p class=\"hint\">")
            .text(t.get(S::TooLongForQr))
            .fixed("</p>");
    }
    m.fixed("<details><summary>")
        .text(t.get(S::Embed))
        .fixed("</summary><p class=\"hint\">")
        .text(t.get(S::EmbedHint))
        .fixed("</p><textarea readonly rows=\"8\" class=\"snippet\" data-testid=\"embed-snippet\">")
        .text(snippet)
        .fixed("</textarea>");
    button(
        m,
        Command::CopySnippet,
        Some(snippet),
        "button secondary",
        None,
        t.get(S::CopySnippet),
    );
    m.fixed("</details></section>");
}

/// In place of the share card for a file on disk: phones cannot reach it, so answers are
/// collected on this device (passed around) and brought into the file afterwards.
/// `collected_here`: how many answers this browser's copy of the same survey holds, if any.
pub fn collect_card(
    m: &mut Markup,
    t: &Texts<S>,
    doc: &Document,
    file_name: &str,
    collected_here: Option<usize>,
) {
    let open = match doc.open_round() {
        Some(round) => t.fill(S::RoundOpen, &[("round", &t.name(&round.label))]),
        None => t.get(S::NoRoundCollect).to_owned(),
    };
    m.fixed("<section class=\"card\" data-testid=\"collect\"><h1>")
        .text(&doc.survey.title)
        .fixed("</h1><p class=\"hint\">")
        .text(&open)
        .fixed("</p><p>")
        .text(&t.fill(S::CollectOnDisk, &[("name", &t.name(file_name))]))
        .fixed("</p><div class=\"row\">");
    button(
        m,
        Command::CollectHere,
        None,
        "button",
        Some("collect-here"),
        t.get(S::CollectHere),
    );
    if let Some(answers) = collected_here {
        button(
            m,
            Command::BringIn,
            None,
            "button secondary",
            Some("bring-in"),
            &t.fill(
                S::BringIn,
                &[("answers", &counted(t, answers, doc.survey.min_group))],
            ),
        );
    }
    m.fixed("</div><p class=\"hint\">")
        .text(t.get(S::ForEveryonesPhone))
        .fixed("</p></section>");
}
