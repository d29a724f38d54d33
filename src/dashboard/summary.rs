//! The dashboard's first card: the survey's title, the summary in words, how to read the
//! scores, the exports, retro mode and the file picker.

use crate::chart::Markup;
use crate::model::Document;
use crate::stats::Report;
use crate::stats::words;

use super::action::{Action, action_button, file_pick};

/// The first card. `offline_copy`: drawn from this device's last copy of the file;
/// `presentable`: with the button that presents the results in retro mode.
pub(super) fn card(
    m: &mut Markup,
    doc: &Document,
    report: &Report,
    offline_copy: bool,
    presentable: bool,
) {
    m.open("section", &[("class", "card")])
        .element("h1", &[], &doc.survey.title);
    if offline_copy {
        m.element(
            "p",
            &[
                ("class", "notice offline-note"),
                ("role", "status"),
                ("data-testid", "offline-copy"),
            ],
            "You are offline: these are the results as this device last read the team file. \
             Answers given since then are not in them yet.",
        );
    }
    m.element(
        "p",
        &[("class", "summary"), ("data-testid", "summary")],
        &words::summary(doc, report),
    )
    .element(
        "p",
        &[("class", "hint")],
        &format!(
            "Scores run from 1 to {}; higher is better (questions worded the other way round \
                 are recoded). Rounds with fewer than {} answers are never shown.",
            report.scale(),
            report.min_group()
        ),
    )
    .open("div", &[("class", "row no-print")]);
    for (action, label) in [
        (Action::Csv, "Download CSV"),
        (Action::TeamFile, "Download team file"),
        (Action::Print, "Print report"),
    ] {
        let testid = format!("export-{}", action.name());
        action_button(m, action, None, "button secondary", Some(&testid), label);
    }
    if presentable {
        action_button(
            m,
            Action::Retro,
            None,
            "button secondary",
            Some("retro"),
            "Present in a team meeting",
        );
    }
    file_pick(m);
    m.close("div").close("section");
}
