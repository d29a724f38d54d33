//! Every text of the interface that has been made translatable, one catalog per page (so a
//! page carries only its own English and fetches only its own part of a language file), each
//! text with its key in the language files and its English. One list per catalog, so a key
//! cannot drift from its text; the completeness test (`i18n::tests`) holds every language
//! file to every catalog.
//!
//! Texts are whole sentences with named placeholders (`{count}`), never pieces glued
//! together, so each language orders its words its own way, and a translation may phrase a
//! count so that it needs no plural forms (`Fragen: {count}`). A key starts with its
//! catalog's part (`take.`, `results.`, `setup.`, `org.`): the build splits each language file by it.

macro_rules! catalog {
    ($(#[$doc:meta])* $name:ident = $part:literal {
        $($variant:ident = $key:literal : $english:literal,)+
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
        }

        impl $crate::i18n::Catalog for $name {
            const PART: &'static str = $part;
            const ALL: &'static [Self] = &[$(Self::$variant,)+];
            const ORDER: u32 = $crate::i18n::order_of(&[$($key,)+]);

            fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)+
                }
            }

            fn english(self) -> &'static str {
                match self {
                    $(Self::$variant => $english,)+
                }
            }

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

mod desk;
mod error;
mod org;
mod results;
mod setup;
mod take;

pub use desk::DeskMsg;
pub use error::ErrorMsg;
pub use org::OrgMsg;
pub use results::ResultsMsg;
pub use setup::SetupMsg;
pub use take::Msg;
