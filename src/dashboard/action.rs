//! What a person can do on the drawn dashboard, as one type: the markup writes an action's
//! name from [`Action::name`] and the page's click listener reads it back with
//! [`Action::parse`], so the two cannot disagree. The same goes for the file picker, which
//! the page recognises by [`FILE_PICK_ATTR`] rather than by any change event.

use crate::chart::Markup;
use crate::i18n::{ResultsMsg as M, Texts};

/// The attribute that names a button's action.
pub const ACTION_ATTR: &str = "data-action";
/// The attribute that names the chart a chart action applies to (its element id).
pub const CHART_ATTR: &str = "data-chart";
/// The attribute (with the value [`FILE_PICK`]) that marks the dashboard's file picker.
pub const FILE_PICK_ATTR: &str = "data-pick";
pub const FILE_PICK: &str = "team-file";
/// The [`FILE_PICK_ATTR`] value of the release card's key file picker.
pub const KEY_PICK: &str = "key-file";

named_enum!(
    /// A button on the dashboard; its name is the value of [`ACTION_ATTR`] (also used in
    /// test ids and by end-to-end tests).
    pub enum Action {
        /// The report as CSV.
        Csv = "csv",
        /// The team file as stored, byte for byte.
        TeamFile = "json",
        /// The browser's print dialog (the page has a print stylesheet).
        Print = "print",
        /// One chart as an SVG file.
        ChartSvg = "svg",
        /// One chart as a PNG picture.
        ChartPng = "png",
        /// Release the closed rounds with the key in the release card's field.
        Release = "release",
        /// Present the results in retro mode (`#/retro`), for a team meeting.
        Retro = "retro",
    }
);

/// A button that does `action` (on the chart with element id `chart`, for chart actions).
pub fn action_button(
    m: &mut Markup,
    action: Action,
    chart: Option<&str>,
    class: &str,
    testid: Option<&str>,
    label: &str,
) {
    let mut attrs = vec![
        ("type", "button"),
        ("class", class),
        (ACTION_ATTR, action.name()),
    ];
    if let Some(chart) = chart {
        attrs.push((CHART_ATTR, chart));
    }
    if let Some(testid) = testid {
        attrs.push(("data-testid", testid));
    }
    m.element("button", &attrs, label);
}

/// "Open a team file…": a file picker in the markup, handled by the page's change listener.
pub fn file_pick(m: &mut Markup, t: &Texts<M>) {
    m.open("label", &[("class", "button secondary file-pick")])
        .text(t.get(M::OpenFile))
        .empty(
            "input",
            &[
                ("type", "file"),
                ("accept", ".json,application/json"),
                ("class", "visually-hidden"),
                (FILE_PICK_ATTR, FILE_PICK),
                ("data-testid", "open-file"),
            ],
        )
        .close("label");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_name_and_nothing_else_does() {
        for &action in Action::ALL {
            assert_eq!(Action::parse(action.name()), Some(action));
        }
        for other in ["", "CSV", "csv ", "download", "jso"] {
            assert_eq!(Action::parse(other), None, "{other}");
        }
    }

    #[test]
    fn a_chart_button_names_its_action_and_chart() {
        let mut m = Markup::new();
        action_button(
            &mut m,
            Action::ChartPng,
            Some("chart-safety"),
            "button",
            None,
            "PNG",
        );
        assert_eq!(
            m.finish().as_str(),
            "<button type=\"button\" class=\"button\" data-action=\"png\" data-chart=\"chart-safety\">PNG</button>"
        );
    }
}
