//! The results dashboard as markup (pure): a team file's report drawn card by card (summary,
//! the agreed actions to review, one card per dimension, the latest round by question,
//! participation, comments), with the readout text of every chart point, the conversation
//! guides beside results that call for one (`guide`) and the CSV export; retro mode's slides
//! (`retro`); and the organisation view's cards (`org`).
//!
//! Everything shown comes from [`crate::stats::report`], whose types hold no numbers for a
//! group below the minimum, so no card can leak one. Geometry comes from [`crate::chart`].
//! Nothing here touches the browser: randomness (the comments' order) and the CSV's number
//! formatting come in as arguments, so every card is tested natively. The page
//! (`views::results`) puts the cards on screen and answers the [`Action`]s written into them.

mod action;
pub mod agreed;
mod by_question;
mod comments;
pub mod guide;
pub mod ids;
pub mod org;
mod participation;
mod release;
pub mod retro;
mod summary;
mod trend;

use crate::chart::{Markup, SafeHtml};
use crate::i18n::{ResultsMsg as M, Texts};
use crate::model::{Document, FileError};
use crate::stats::{self, Report};

pub use action::{ACTION_ATTR, Action, CHART_ATTR, FILE_PICK, FILE_PICK_ATTR, KEY_PICK};
pub use release::{RELEASE_KEY_ID, RELEASE_STATUS_ID};

/// The text each round of one chart reads out when its point is focused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readouts(Vec<(String, Vec<String>)>);

impl Readouts {
    /// The readout of round `slot` on the chart of `dimension`.
    pub fn get(&self, dimension: &str, slot: usize) -> Option<&str> {
        self.0
            .iter()
            .find(|(d, _)| d == dimension)
            .and_then(|(_, texts)| texts.get(slot))
            .map(String::as_str)
    }

    /// Per dimension, the readout of each round (for the reader worker's reply).
    pub fn entries(&self) -> &[(String, Vec<String>)] {
        &self.0
    }

    pub fn from_entries(entries: Vec<(String, Vec<String>)>) -> Self {
        Self(entries)
    }
}

/// A team file's dashboard, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub survey_id: String,
    /// The report as CSV (written with the dashboard, so it is ready to download).
    pub csv: String,
    /// The dashboard's cards, in order.
    pub cards: Vec<SafeHtml>,
    pub readouts: Readouts,
}

/// What is drawn from a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The dashboard; `presentable`: with the button that presents it in retro mode (a file
    /// picked from this computer has no address to open it again by, so it has none).
    Dashboard { presentable: bool },
    /// Retro mode's slides ([`retro::slides`]).
    Retro,
}

/// How a file is drawn: what the page supplies from the browser.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub mode: Mode,
    /// The texts, in the language the page is read in.
    pub texts: &'a Texts<M>,
    /// Drawn from this device's last copy of the file (the network failed).
    pub offline_copy: bool,
    /// Fresh randomness for the comments' order, drawn on every load so the order never
    /// hints at who wrote what.
    pub seed: u64,
    /// A number in the CSV (see [`stats::to_csv_with`]).
    pub number: fn(f64) -> String,
    /// A month in the page's language (see [`crate::model::templates::label_in`]).
    pub month: fn(&str, &str) -> Option<String>,
}

/// Reads a team file's bytes and draws its dashboard, or says what is wrong with the file.
///
/// `pause` runs between the steps (read and check, report, draw, CSV). On the page it hands
/// the thread back to the browser, so each step is a task of its own: on a phone each takes
/// tens of milliseconds (the wasm's code is compiled as it is first run), and together they
/// would hold off taps and scrolling. In the reader worker it does nothing.
pub async fn prepare<P: Future<Output = ()>>(
    bytes: &[u8],
    inputs: Inputs<'_>,
    mut pause: impl FnMut() -> P,
) -> Result<Prepared, FileError> {
    let t = inputs.texts;
    // The survey in the page's language where it is translated in full, else as written.
    let mut doc = crate::model::load_full(bytes)?;
    let language = t.language().code;
    if let Some(survey) = doc.survey.in_language(language) {
        doc.survey = survey;
    }
    pause().await;
    let mut report = stats::report(&doc, inputs.seed);
    // The export says what the file says; the page names rounds in the reader's language.
    let csv = stats::to_csv_with(&report, inputs.number);
    for round in &mut doc.rounds {
        round.label = crate::model::templates::label_in(round, language, inputs.month);
    }
    report.relabel(|id| doc.round(id).map(|r| r.label.clone()));
    pause().await;
    let (cards, readouts) = match inputs.mode {
        Mode::Dashboard { presentable } => draw(t, &doc, &report, inputs.offline_copy, presentable),
        Mode::Retro => (retro::slides(t, &doc, &report), Readouts::default()),
    };
    pause().await;
    Ok(Prepared {
        survey_id: doc.survey.id.clone(),
        csv,
        cards,
        readouts,
    })
}

/// The whole dashboard, card by card (saying so when it is drawn from the offline copy, and
/// with the retro mode button when `presentable`), and the readout texts of every chart. A
/// card with nothing to show (no agreed actions) is left out.
pub fn draw(
    t: &Texts<M>,
    doc: &Document,
    report: &Report,
    offline_copy: bool,
    presentable: bool,
) -> (Vec<SafeHtml>, Readouts) {
    let mut cards = Vec::new();
    let mut m = Markup::new();
    let mut cut = |m: &mut Markup| {
        if !m.is_empty() {
            cards.push(m.take());
        }
    };
    summary::card(&mut m, t, doc, report, offline_copy, presentable);
    cut(&mut m);
    release::card(&mut m, t, doc, report);
    cut(&mut m);
    // Last round's actions come before this round's numbers: "did we do it?" first.
    agreed::card(&mut m, t, doc, report);
    cut(&mut m);
    let readouts = (0..doc.survey.dimensions.len())
        .map(|d| {
            let readouts = trend::card(&mut m, t, doc, report, d);
            cut(&mut m);
            readouts
        })
        .collect();
    by_question::card(&mut m, t, doc, report);
    cut(&mut m);
    participation::card(&mut m, t, report);
    cut(&mut m);
    comments::card(&mut m, t, report);
    cut(&mut m);
    (cards, Readouts(readouts))
}

/// The card shown when there is no team file yet: where it was looked for (`text`), the demo
/// team, set-up, and the file picker.
pub fn missing(t: &Texts<M>, text: &str, demo_href: &str, setup_href: &str) -> SafeHtml {
    let mut m = Markup::new();
    m.open(
        "section",
        &[("class", "card notice"), ("data-testid", "results-missing")],
    )
    .element("h1", &[], t.get(M::NoResultsTitle))
    .element("p", &[], text)
    .open("div", &[("class", "row")])
    .element(
        "a",
        &[("class", "button"), ("href", demo_href)],
        t.get(M::SeeDemo),
    )
    .element(
        "a",
        &[("class", "button secondary"), ("href", setup_href)],
        t.get(M::SetUpSurvey),
    );
    action::file_pick(&mut m, t);
    m.close("div").close("section");
    m.finish()
}

#[cfg(test)]
mod tests;
