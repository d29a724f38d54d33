//! The dashboard's first card: the survey's title, the summary in words, how to read the
//! scores, the exports, retro mode and the file picker.

use crate::chart::Markup;
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::Document;
use crate::stats::Report;
use crate::stats::words;

use super::action::{Action, action_button, file_pick};

/// The first card. `offline_copy`: drawn from this device's last copy of the file;
/// `presentable`: with the button that presents the results in retro mode.
pub(super) fn card(
    m: &mut Markup,
    t: &Texts<M>,
    doc: &Document,
    report: &Report,
    offline_copy: bool,
    presentable: bool,
) {
    m.open("section", &[("class", "card")])
        .open("h1", &[])
        .element("bdi", &[], &doc.survey.title)
        .close("h1");
    if offline_copy {
        m.element(
            "p",
            &[
                ("class", "notice offline-note"),
                ("role", "status"),
                ("data-testid", "offline-copy"),
            ],
            t.get(M::OfflineCopy),
        );
    }
    m.element(
        "p",
        &[("class", "summary"), ("data-testid", "summary")],
        &words::summary(t, doc, report),
    )
    .element(
        "p",
        &[("class", "hint")],
        &t.fill(
            M::HowToRead,
            &[
                ("scale", &report.scale().to_string()),
                ("min", &report.min_group().to_string()),
            ],
        ),
    )
    .open("div", &[("class", "row no-print")]);
    for (action, label) in [
        (Action::Csv, M::DownloadCsv),
        (Action::TeamFile, M::DownloadTeamFile),
        (Action::Print, M::Print),
    ] {
        let label = t.get(label);
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
            t.get(M::Present),
        );
    }
    file_pick(m, t);
    m.close("div").close("section");
}
