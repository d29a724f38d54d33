//! Lists the interface languages that have a file in assets/lang/ (their code, own name,
//! direction and the header's words) for `i18n::LANGUAGES_IN_FILES`, so adding a language is adding one file. A file
//! that cannot be read, or whose code is not its name, stops the build with the reason.

use std::fmt::Write;
use std::path::Path;

#[derive(serde::Deserialize)]
struct File {
    language: Language,
}

#[derive(serde::Deserialize)]
struct Language {
    code: String,
    name: String,
    dir: String,
    nav: Nav,
}

/// The header's words (`i18n::Nav`).
#[derive(serde::Deserialize)]
struct Nav {
    take: String,
    results: String,
    set_up: String,
    menu: String,
}

fn main() {
    let folder = Path::new("assets/lang");
    println!("cargo::rerun-if-changed={}", folder.display());
    let mut languages = Vec::new();
    let entries = std::fs::read_dir(folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        println!("cargo::rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file: File =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Language {
            code,
            name,
            dir,
            nav,
        } = file.language;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        assert!(
            stem == code
                && (2..=3).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_lowercase()),
            "{}: the language code must be the file's name, two or three small letters (ISO 639), not {code:?}",
            path.display()
        );
        assert!(
            code != "en",
            "{}: English is compiled in (src/i18n/messages/)",
            path.display()
        );
        let dir = match dir.as_str() {
            "ltr" => "Ltr",
            "rtl" => "Rtl",
            _ => panic!(
                "{}: \"dir\" is \"ltr\" or \"rtl\", not {dir:?}",
                path.display()
            ),
        };
        let nav = format!(
            "Nav {{ take: {:?}, results: {:?}, set_up: {:?}, menu: {:?} }}",
            nav.take, nav.results, nav.set_up, nav.menu
        );
        languages.push((code, name, dir, nav));
    }
    languages.sort();
    let mut out = String::from(
        "/// The languages with a file in assets/lang/, by code (written by build.rs).\n\
         pub const LANGUAGES_IN_FILES: &[Language] = &[\n",
    );
    for (code, name, dir, nav) in &languages {
        let _ = writeln!(
            out,
            "    Language {{ code: {code:?}, name: {name:?}, dir: Dir::{dir}, nav: {nav} }},"
        );
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("languages.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
