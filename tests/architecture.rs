//! The source tree's layers, checked: the pure layers name nothing from the browser or the
//! framework, and no two top-level modules depend on each other (no import cycles), so
//! dependencies point one way. See docs/architecture.md.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Files (relative to `src/`, a folder meaning all under it) that must stay pure: native,
/// testable without a browser, and free of the framework.
const PURE: &[&str] = &[
    "seal",
    "model",
    "release.rs",
    "stats",
    "chart",
    "dashboard",
    "desk",
    "org",
    "respond.rs",
    "route.rs",
    "share.rs",
    "invite.rs",
    "i18n",
    "storage/mod.rs",
    "storage/outbox.rs",
    "storage/protocol.rs",
    "views/setup/state.rs",
];

/// Names that only browser or framework code uses.
const BROWSER: &[&str] = &["yew", "web_sys", "js_sys", "wasm_bindgen", "gloo"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code without its comments (line comments and doc comments; the tree has no
/// block comments).
fn code(path: &Path) -> String {
    fs::read_to_string(path)
        .expect("a source file")
        .lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `word` appears in `text` as a whole path segment (`yew::`, `use yew;`, `yew {`).
fn names(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The top-level module a file belongs to (`src/views/take.rs` -> `views`).
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(src()).expect("under src");
    let first = relative
        .components()
        .next()
        .expect("a path")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn pure_layers_name_nothing_from_the_browser() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(src()).expect("under src");
        let relative = relative.to_string_lossy().replace('\\', "/");
        if !PURE
            .iter()
            .any(|p| relative == *p || relative.starts_with(&format!("{p}/")))
        {
            continue;
        }
        checked += 1;
        let text = code(file);
        for word in BROWSER {
            assert!(
                !names(&text, word),
                "{relative} is a pure layer but names {word}"
            );
        }
    }
    assert!(checked >= 30, "only {checked} pure files found");
}

#[test]
fn top_level_modules_depend_on_each_other_one_way() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        if from == "bin" || from == "main" || from == "lib" {
            continue;
        }
        let text = code(file);
        let edges = graph.entry(from.clone()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let to: String = text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !to.is_empty() && to != from {
                edges.insert(to);
            }
        }
    }
    assert!(graph.len() >= 10, "{graph:?}");
    // Depth-first search for a cycle, reporting its path.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = path.iter().position(|n| n == node) {
            panic!("import cycle: {} -> {node}", path[at..].join(" -> "));
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
    // The pure layers never reach up into the user interface.
    for pure in [
        "model",
        "stats",
        "chart",
        "dashboard",
        "storage",
        "route",
        "share",
        "i18n",
    ] {
        for ui in ["views", "app", "components", "reader", "cli"] {
            assert!(
                !graph.get(pure).is_some_and(|deps| deps.contains(ui)),
                "{pure} depends on {ui}"
            );
        }
    }
}
