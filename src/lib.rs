//! Candor: anonymous team pulse surveys on psychological safety and alignment.
//!
//! The layers, from the bottom up (dependencies point one way):
//! - [`model`]: the shared survey file: types, loading, validation, merge (pure);
//! - [`seal`]: sealing answers to the results key and opening them (HPKE, RFC 9180; pure);
//! - [`stats`]: the statistics engine over a file (pure);
//! - [`release`]: sealing a response, and releasing closed rounds as published results (pure);
//! - [`chart`]: chart geometry, number formatting and the escaping markup writer (pure);
//! - [`dashboard`]: the results dashboard's cards as markup, from a report (pure);
//! - [`desk`]: the set-up page's open team file, its cards and its changes (pure);
//! - [`org`]: the organisation file, and many teams' released results pooled (pure);
//! - [`storage`]: the outbox and the shared-file protocol (pure), and their browser side;
//! - [`respond`]: the respondent's form and the submission it becomes (pure);
//! - [`route`]: hash routes (pure);
//! - [`share`]: the respondent link, its QR code and the iframe snippet (pure);
//! - [`invite`]: the next round for the team's calendar (iCalendar) and chat (pure);
//! - [`i18n`]: the interface's languages, their texts and which one a person gets (pure);
//! - [`components`], [`views`] and [`app`]: the Yew user interface;
//! - [`reader`]: the results page's file reader, run in a web worker for big files;
//! - [`sealer`]: the web worker that seals answers and makes results keys;
//! - `cli` (native only): the `candor` command-line tool.

/// The wasm heap allocator (see Cargo.toml): every page links it, so its size counts three times.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static HEAP: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Defines an enum whose variants are written into markup by name and read back by the page's
/// listeners, from one list: `ALL`, `name` and `parse` (dashboard actions, set-up commands,
/// editor controls). A name typed twice cannot drift apart, and an unknown name parses to
/// nothing rather than to a wrong action.
macro_rules! named_enum {
    ($(#[$doc:meta])* $vis:vis enum $name:ident {
        $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            $vis const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The name written into the markup.
            $vis const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }

            /// The variant named `name`, if any.
            $vis fn parse(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.name() == name)
            }
        }
    };
}

pub mod app;
pub mod chart;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod components;
pub mod dashboard;
pub mod desk;
pub mod i18n;
pub mod invite;
pub mod model;
pub mod org;
pub mod reader;
pub mod release;
pub mod respond;
pub mod route;
pub mod seal;
pub mod sealer;
pub mod share;
pub mod stats;
pub mod storage;
pub mod views;
