//! What a screen reader gets from the results page: Chromium's accessibility tree (the one
//! screen readers read) of the demo dashboard, turned into the lines a person would hear when
//! moving through each chart and its table alternative. The transcript is written to
//! screenshots/ for a person to read; the checks below are the rules it must keep.

use std::collections::HashMap;

use serde_json::Value;

use crate::dist;
use crate::server::Server;
use crate::support::{Browser, Result, Screen, root};

/// One node of the tree, reduced to what is announced.
struct Node {
    role: String,
    name: String,
    children: Vec<String>,
}

struct Tree {
    nodes: HashMap<String, Node>,
}

impl Tree {
    fn from_cdp(raw: &[Value]) -> Self {
        let text = |v: &Value| v["value"].as_str().unwrap_or_default().trim().to_owned();
        let nodes = raw
            .iter()
            .filter_map(|n| {
                let id = n["nodeId"].as_str()?.to_owned();
                let node = Node {
                    role: if n["ignored"].as_bool() == Some(true) {
                        "ignored".to_owned()
                    } else {
                        text(&n["role"])
                    },
                    name: text(&n["name"]),
                    children: n["childIds"]
                        .as_array()
                        .map(|c| {
                            c.iter()
                                .filter_map(|c| c.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default(),
                };
                Some((id, node))
            })
            .collect();
        Self { nodes }
    }

    /// The ids of every node with one of `roles` under `id` (not looking inside a match).
    fn find(&self, id: &str, roles: &[&str]) -> Vec<&str> {
        let mut found = Vec::new();
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            let Some((key, node)) = self.nodes.get_key_value(at) else {
                continue;
            };
            if at != id && roles.contains(&node.role.as_str()) {
                found.push(key.as_str());
                continue;
            }
            stack.extend(node.children.iter().rev().map(String::as_str));
        }
        found
    }

    fn node(&self, id: &str) -> &Node {
        &self.nodes[id]
    }

    fn root(&self) -> &str {
        self.nodes
            .iter()
            .find(|(_, n)| n.role == "RootWebArea")
            .map(|(id, _)| id.as_str())
            .unwrap_or_default()
    }
}

/// A cell is heard as its text; one without a letter or digit is heard as "blank" or as a
/// punctuation name, which tells the listener nothing.
fn says_something(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

#[tokio::test]
async fn the_charts_and_their_tables_read_well_to_a_screen_reader() -> Result {
    let server = Server::start(&dist())?;
    let browser = Browser::start(Screen::Desktop).await?;
    browser
        .open(&format!("{}/results/#/results?src=demo.json", server.base))
        .await?;
    browser.find("comments").await?;
    // The tables sit in <details>: a screen reader user opens them like anyone else.
    browser
        .eval("document.querySelectorAll('details').forEach(d => d.open = true); return 0;")
        .await?;
    let tree = Tree::from_cdp(&browser.accessibility_tree().await?);
    let mut transcript = Vec::new();
    let mut problems = Vec::new();

    // Charts: the SVG is a named group whose points are named images, one per round.
    let charts: Vec<&str> = tree
        .find(tree.root(), &["group"])
        .into_iter()
        .filter(|&id| !tree.find(id, &["image", "img"]).is_empty())
        .collect();
    for &chart in &charts {
        let node = tree.node(chart);
        transcript.push(format!("chart (group): {}", node.name));
        if node.name.is_empty() {
            problems.push("a chart has no name".to_owned());
        }
        for point in tree.find(chart, &["image", "img"]) {
            let name = &tree.node(point).name;
            transcript.push(format!("  point (image): {name}"));
            if !name.contains(": ") || !says_something(name.split(": ").nth(1).unwrap_or("")) {
                problems.push(format!("chart point named {name:?}"));
            }
        }
    }

    // Tables: named, every row has its round as header, every cell is heard with its
    // column's header and says something.
    let tables = tree.find(tree.root(), &["table"]);
    for &table in &tables {
        let name = &tree.node(table).name;
        let rows = tree.find(table, &["row"]);
        let headers: Vec<String> = rows
            .first()
            .map(|&r| {
                tree.find(r, &["columnheader"])
                    .into_iter()
                    .map(|h| tree.node(h).name.clone())
                    .collect()
            })
            .unwrap_or_default();
        transcript.push(format!(
            "table: {name:?}, {} rows, {} columns",
            rows.len(),
            headers.len()
        ));
        if name.is_empty() {
            problems.push(format!("a table without a name (columns {headers:?})"));
        }
        for header in &headers {
            if header.contains('_') {
                problems.push(format!(
                    "column header {header:?} is read with an underscore"
                ));
            }
        }
        for &row in rows.iter().skip(1) {
            let Some(&row_header) = tree.find(row, &["rowheader"]).first() else {
                problems.push(format!("a row of table {name:?} has no row header"));
                continue;
            };
            let cells = tree.find(row, &["cell", "gridcell"]);
            let mut heard = vec![tree.node(row_header).name.clone()];
            for (i, &cell) in cells.iter().enumerate() {
                let text = &tree.node(cell).name;
                let header = headers.get(i + 1).map_or("", String::as_str);
                heard.push(format!("{header}: {text}"));
                if !says_something(text) {
                    problems.push(format!(
                        "table {name:?}, row {:?}, column {header:?} is heard as {text:?}",
                        tree.node(row_header).name
                    ));
                }
                if text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .windows(2)
                    .any(|w| w[0] == w[1])
                {
                    problems.push(format!("cell {text:?} says the same word twice"));
                }
            }
            transcript.push(format!("  row: {}", heard.join("; ")));
        }
    }

    let path = root().join("screenshots/desktop-results-screen-reader.txt");
    std::fs::write(&path, transcript.join("\n") + "\n")?;
    browser.quit().await?;
    // The demo has three dimensions: three charts, three trend tables and participation.
    assert_eq!(charts.len(), 3, "charts found:\n{}", transcript.join("\n"));
    assert!(
        tables.len() >= 4,
        "tables found:\n{}",
        transcript.join("\n")
    );
    assert!(
        problems.is_empty(),
        "{} problems (transcript in {}):\n{}",
        problems.len(),
        path.display(),
        problems.join("\n")
    );
    Ok(())
}
