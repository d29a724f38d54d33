//! The organisation file: many teams, grouped into departments, each with the address of its
//! team file. Pure: reading, checking and writing the file; [`report`] pools the teams'
//! released results into the organisation's numbers.
//!
//! The file holds no answers and no results, only where the teams' files are: whoever reads it
//! sees what each team has released and nothing more (see docs/privacy.md).

pub mod report;
pub mod synth;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{self, is_slug};

/// The value of the top-level `format` field of every organisation file.
pub const FORMAT_NAME: &str = "candor-org";
/// The version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// The most teams one file may list.
pub const MAX_TEAMS: usize = 10_000;
/// The most groups one file may have.
pub const MAX_GROUPS: usize = 1_000;

/// A whole organisation file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Candor organisation file",
    description = "Many teams' pulse surveys seen together: the teams, the groups (departments) they belong to, and where each team's file is."
)]
pub struct OrgFile {
    /// Always "candor-org".
    #[schemars(extend("const" = "candor-org"))]
    pub format: String,
    /// Format version; this document describes version 1.
    #[schemars(extend("const" = 1))]
    pub version: u32,
    /// Shown on the organisation view, e.g. "Engineering".
    #[schemars(length(min = 1, max = 200))]
    pub title: String,
    /// Departments and other groups of teams; a group may sit inside another.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// The teams, each with its team file.
    pub teams: Vec<Team>,
}

/// A group of teams (a department, a tribe), possibly inside another group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Short id (letters, digits, `-`, `_`, `.`).
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// Shown on the organisation view.
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// Id of the group this one sits in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// One team and where its file is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Short id (letters, digits, `-`, `_`, `.`).
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))]
    pub id: String,
    /// Shown on the organisation view.
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// Id of the group it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The address of its team file: an https (or http) URL, or a path relative to the
    /// organisation file.
    #[schemars(length(min = 1, max = 2000))]
    pub file: String,
}

/// Why an organisation file cannot be used, each problem with its place in the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("; "))]
pub struct OrgError(pub Vec<String>);

impl OrgFile {
    /// An empty organisation with a title.
    pub fn new(title: &str) -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            title: title.to_owned(),
            groups: Vec::new(),
            teams: Vec::new(),
        }
    }

    /// The file as written: pretty-printed JSON, one field per line, ending in a line break.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The groups `group` sits in, from itself outwards (itself first); stops at a loop, which
    /// [`check`] refuses.
    pub fn group_path(&self, group: &str) -> Vec<&Group> {
        let mut path: Vec<&Group> = Vec::new();
        let mut next = Some(group);
        while let Some(id) = next {
            match self.groups.iter().find(|g| g.id == id) {
                Some(g) if !path.iter().any(|seen| seen.id == g.id) => {
                    path.push(g);
                    next = g.parent.as_deref();
                }
                _ => break,
            }
        }
        path
    }
}

/// One team as entered on the organisation page: its name, the path of its group with `/`
/// between levels ("Product / Payments"; empty for none) and its file's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub group_path: String,
    pub file: String,
}

/// The teams of an organisation file as the organisation page edits them ([`from_entries`]
/// reads them back): each team with the path of its group, outermost first. A `/` inside a
/// group's own name becomes `∕` (division slash), so that it reads the same and is not taken
/// for a level. Groups without teams are left out: they show nothing.
pub fn entries(org: &OrgFile) -> Vec<Entry> {
    org.teams
        .iter()
        .map(|team| {
            let path: Vec<String> = team
                .group
                .as_deref()
                .map(|group| org.group_path(group))
                .unwrap_or_default()
                .iter()
                .rev()
                .map(|g| g.name.replace('/', "\u{2215}"))
                .collect();
            Entry {
                name: team.name.clone(),
                group_path: path.join(" / "),
                file: team.file.clone(),
            }
        })
        .collect()
}

/// The organisation file for `entries`: each group path becomes nested groups (one group per
/// name under the same parent, however many teams name it), ids made from the names as the
/// team file's are from its title, then [`check`]ed.
pub fn from_entries(title: &str, entries: &[Entry]) -> Result<OrgFile, OrgError> {
    let mut org = OrgFile::new(title.trim());
    let free = |wanted: String, taken: &dyn Fn(&str) -> bool| {
        if taken(&wanted) {
            model::free_id(&wanted, taken)
        } else {
            wanted
        }
    };
    for entry in entries {
        let mut parent: Option<String> = None;
        for name in entry
            .group_path
            .split('/')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let known = org
                .groups
                .iter()
                .find(|g| g.name == name && g.parent == parent)
                .map(|g| g.id.clone());
            let id = match known {
                Some(id) => id,
                None => {
                    let groups = &org.groups;
                    let id = free(model::slug_from_title(name), &|id| {
                        groups.iter().any(|g| g.id == id)
                    });
                    org.groups.push(Group {
                        id: id.clone(),
                        name: name.to_owned(),
                        parent: parent.clone(),
                    });
                    id
                }
            };
            parent = Some(id);
        }
        let teams = &org.teams;
        let id = free(model::slug_from_title(&entry.name), &|id| {
            teams.iter().any(|t| t.id == id)
        });
        org.teams.push(Team {
            id,
            name: entry.name.trim().to_owned(),
            group: parent,
            file: entry.file.trim().to_owned(),
        });
    }
    check(&org)?;
    Ok(org)
}

/// Where a team's file is, for an organisation file read from the web address `base`: an
/// address of its own as it is, any other location relative to the organisation file (as a
/// browser resolves a link: `team.json` beside it, `../other/team.json`, `/team.json` from
/// the server's root).
pub fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let base = base.split(['?', '#']).next().unwrap_or(base);
    let Some((scheme, rest)) = base.split_once("://") else {
        return location.to_owned();
    };
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let joined = if location.starts_with('/') {
        location.to_owned()
    } else {
        let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        format!("{}{location}", if folder.is_empty() { "/" } else { folder })
    };
    // Dot segments removed (RFC 3986, 5.2.4), so `..` cannot climb above the root.
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = joined.split('/').skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            part => segments.push(part),
        }
    }
    format!("{scheme}://{host}/{}", segments.join("/"))
}

/// Reads and checks an organisation file.
pub fn load(bytes: &[u8]) -> Result<OrgFile, OrgError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| OrgError(vec!["the file is not UTF-8 text".to_owned()]))?;
    let header: serde_json::Value =
        serde_json::from_str(text).map_err(|e| OrgError(vec![format!("not JSON: {e}")]))?;
    if header.get("format").and_then(|f| f.as_str()) != Some(FORMAT_NAME) {
        return Err(OrgError(vec![format!(
            "not a Candor organisation file (its \"format\" is not \"{FORMAT_NAME}\")"
        )]));
    }
    match header.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(OrgError(vec![format!(
                "made by a newer Candor (version {v}); this one reads version {FORMAT_VERSION}"
            )]));
        }
        _ => return Err(OrgError(vec!["$.version: not a known version".to_owned()])),
    }
    let org: OrgFile =
        serde_json::from_value(header).map_err(|e| OrgError(vec![format!("$: {e}")]))?;
    check(&org)?;
    Ok(org)
}

/// The rules that need context: unique ids, known groups, no group inside itself, text limits.
pub fn check(org: &OrgFile) -> Result<(), OrgError> {
    let mut problems = Vec::new();
    let text = |value: &str, max: usize, path: String, problems: &mut Vec<String>| {
        let chars = value.chars().count();
        if value.trim().is_empty() {
            problems.push(format!("{path}: empty"));
        } else if chars > max {
            problems.push(format!("{path}: {chars} characters, at most {max}"));
        } else if value.chars().any(char::is_control) {
            problems.push(format!("{path}: control characters"));
        }
    };
    text(
        &org.title,
        model::limits::MAX_LABEL_CHARS,
        "$.title".to_owned(),
        &mut problems,
    );
    if org.groups.len() > MAX_GROUPS {
        problems.push(format!("$.groups: more than {MAX_GROUPS}"));
    }
    if org.teams.len() > MAX_TEAMS {
        problems.push(format!("$.teams: more than {MAX_TEAMS}"));
    }
    let mut ids = std::collections::BTreeSet::new();
    for (i, group) in org.groups.iter().enumerate() {
        let path = format!("$.groups[{i}]");
        if !is_slug(&group.id) {
            problems.push(format!("{path}.id: \"{}\" is not a valid id", group.id));
        }
        if !ids.insert(group.id.as_str()) {
            problems.push(format!("{path}.id: \"{}\" is used twice", group.id));
        }
        text(
            &group.name,
            model::limits::MAX_LABEL_CHARS,
            format!("{path}.name"),
            &mut problems,
        );
        // Two groups of one name side by side could not be told apart on the page, nor kept
        // apart when the file is changed there (groups are written as paths of names, a `/`
        // in a name as `∕`: see [`entries`]).
        let as_written = |name: &str| name.trim().replace('/', "\u{2215}");
        if org.groups[..i]
            .iter()
            .any(|g| g.parent == group.parent && as_written(&g.name) == as_written(&group.name))
        {
            problems.push(format!(
                "{path}.name: another group in the same place is also named \"{}\"",
                group.name.trim()
            ));
        }
        if let Some(parent) = &group.parent {
            let known = |id: &str| org.groups.iter().any(|g| g.id == id);
            if !known(parent) {
                problems.push(format!("{path}.parent: no group \"{parent}\""));
            } else if org
                .group_path(&group.id)
                .last()
                .and_then(|top| top.parent.as_deref())
                .is_some_and(known)
            {
                // The walk outwards stopped at a group whose parent it had already passed.
                problems.push(format!(
                    "{path}.parent: \"{}\" would sit inside itself",
                    group.id
                ));
            }
        }
    }
    let mut team_ids = std::collections::BTreeSet::new();
    for (i, team) in org.teams.iter().enumerate() {
        let path = format!("$.teams[{i}]");
        if !is_slug(&team.id) {
            problems.push(format!("{path}.id: \"{}\" is not a valid id", team.id));
        }
        if !team_ids.insert(team.id.as_str()) {
            problems.push(format!("{path}.id: \"{}\" is used twice", team.id));
        }
        text(
            &team.name,
            model::limits::MAX_LABEL_CHARS,
            format!("{path}.name"),
            &mut problems,
        );
        text(&team.file, 2000, format!("{path}.file"), &mut problems);
        if let Some(group) = &team.group
            && !org.groups.iter().any(|g| g.id == *group)
        {
            problems.push(format!("{path}.group: no group \"{group}\""));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(OrgError(problems))
    }
}

/// The JSON Schema of the organisation file, generated from the types (keys sorted, as for the
/// team file's).
pub fn schema_text() -> String {
    let schema = crate::model::sorted_json(schemars::schema_for!(OrgFile).to_value());
    serde_json::to_string_pretty(&schema).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Engineering, with Payments inside Product and one team (Checkout) in Payments: for tests.
#[cfg(test)]
pub(crate) fn example() -> OrgFile {
    let mut org = OrgFile::new("Engineering");
    org.groups = vec![
        Group {
            id: "product".into(),
            name: "Product".into(),
            parent: None,
        },
        Group {
            id: "payments".into(),
            name: "Payments".into(),
            parent: Some("product".into()),
        },
    ];
    org.teams = vec![Team {
        id: "checkout".into(),
        name: "Checkout".into(),
        group: Some("payments".into()),
        file: "https://dav.example/checkout.json".into(),
    }];
    org
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> OrgFile {
        example()
    }

    #[test]
    fn team_files_resolve_against_the_organisation_file_as_links_do() {
        let base = "https://s3.example/bucket/org/org.json?x=1";
        assert_eq!(
            resolve(base, "team.json"),
            "https://s3.example/bucket/org/team.json"
        );
        assert_eq!(
            resolve(base, "teams/a b.json"),
            "https://s3.example/bucket/org/teams/a b.json"
        );
        assert_eq!(
            resolve(base, "../t.json"),
            "https://s3.example/bucket/t.json"
        );
        assert_eq!(
            resolve(base, "./t.json"),
            "https://s3.example/bucket/org/t.json"
        );
        assert_eq!(
            resolve(base, "../../../../t.json"),
            "https://s3.example/t.json"
        );
        assert_eq!(resolve(base, "/t.json"), "https://s3.example/t.json");
        assert_eq!(
            resolve(base, "http://dav.example/t.json"),
            "http://dav.example/t.json"
        );
        assert_eq!(resolve("http://h:8080", "t.json"), "http://h:8080/t.json");
    }

    #[test]
    fn two_groups_of_one_name_in_one_place_are_refused() {
        let mut org = org();
        let first = org.groups[0].clone();
        org.groups.push(Group {
            id: format!("{}-2", first.id),
            name: format!(" {} ", first.name),
            parent: first.parent.clone(),
        });
        let problems = check(&org).expect_err("same name, same place").0;
        assert!(
            problems
                .iter()
                .any(|p| p.contains("also named") && p.contains(first.name.trim())),
            "{problems:?}"
        );
        // The same name inside another group is another group.
        let inner = org.groups[1].id.clone();
        assert_ne!(first.parent.as_deref(), Some(inner.as_str()));
        org.groups.last_mut().expect("pushed").parent = Some(inner);
        assert_eq!(check(&org), Ok(()));
    }

    #[test]
    fn a_file_read_back_into_entries_makes_the_same_organisation() {
        let entry = |name: &str, group: &str, file: &str| Entry {
            name: name.into(),
            group_path: group.into(),
            file: file.into(),
        };
        let typed = vec![
            entry("Checkout", "Product / Payments", "checkout.json"),
            entry("Search", "Product", "https://dav.example/search.json"),
            entry("Platform", "", "platform.json"),
            entry("Fraud", "Product / Payments", "fraud.json"),
        ];
        let org = from_entries("Engineering", &typed).expect("valid");
        assert_eq!(entries(&org), typed);
        assert_eq!(from_entries(&org.title, &entries(&org)), Ok(org));

        // A group named with a slash stays one group, and reads the same.
        let mut slashed = from_entries("E", &[entry("Ops", "R/D", "ops.json")]).expect("valid");
        assert_eq!(slashed.groups.len(), 2, "typed as a path: two levels");
        slashed.groups.truncate(1);
        slashed.groups[0].name = "R/D".into();
        slashed.teams[0].group = Some(slashed.groups[0].id.clone());
        let read = entries(&slashed);
        assert_eq!(read[0].group_path, "R\u{2215}D");
        let again = from_entries("E", &read).expect("valid");
        assert_eq!(again.groups.len(), 1);

        // A loop (only an unchecked file can have one) ends instead of spinning.
        let mut looped = from_entries("E", &[entry("Ops", "A / B", "ops.json")]).expect("valid");
        let first = looped.groups[0].id.clone();
        looped.groups[0].parent = Some(looped.groups[1].id.clone());
        assert!(looped.groups[1].parent == Some(first));
        assert!(entries(&looped)[0].group_path.split(" / ").count() <= 3);
    }

    #[test]
    fn entries_make_nested_groups_once_and_unique_ids() {
        let entry = |name: &str, group: &str, file: &str| Entry {
            name: name.into(),
            group_path: group.into(),
            file: file.into(),
        };
        let org = from_entries(
            " Engineering ",
            &[
                entry(
                    "Checkout",
                    "Product / Payments",
                    "https://dav.example/a.json",
                ),
                entry(
                    "Checkout",
                    " Product/Payments ",
                    "https://dav.example/b.json",
                ),
                entry(
                    "Search",
                    "Product / Discovery",
                    "https://dav.example/c.json",
                ),
                entry("Payments", "Payments", "https://dav.example/d.json"),
                entry("Tools", "", "https://dav.example/e.json"),
            ],
        )
        .unwrap();
        assert_eq!(org.title, "Engineering");
        let groups: Vec<(&str, &str, Option<&str>)> = org
            .groups
            .iter()
            .map(|g| (g.id.as_str(), g.name.as_str(), g.parent.as_deref()))
            .collect();
        // "Payments" at the top is another group than "Product / Payments".
        assert_eq!(
            groups,
            [
                ("product", "Product", None),
                ("payments", "Payments", Some("product")),
                ("discovery", "Discovery", Some("product")),
                ("payments-1", "Payments", None),
            ]
        );
        let teams: Vec<(&str, Option<&str>)> = org
            .teams
            .iter()
            .map(|t| (t.id.as_str(), t.group.as_deref()))
            .collect();
        assert_eq!(
            teams,
            [
                ("checkout", Some("payments")),
                ("checkout-1", Some("payments")),
                ("search", Some("discovery")),
                ("payments", Some("payments-1")),
                ("tools", None),
            ]
        );
        assert_eq!(load(org.to_text().as_bytes()), Ok(org));
        // What check refuses, from_entries refuses with the same words.
        let empty = from_entries("Engineering", &[entry(" ", "", "https://x.example/t.json")]);
        assert_eq!(empty, Err(OrgError(vec!["$.teams[0].name: empty".into()])));
        assert!(from_entries("", &[]).is_err());
    }

    #[test]
    fn a_written_file_reads_back_and_nested_groups_have_a_path() {
        let org = org();
        assert_eq!(load(org.to_text().as_bytes()), Ok(org.clone()));
        let path: Vec<&str> = org
            .group_path("payments")
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(path, ["payments", "product"]);
    }

    #[test]
    fn unknown_groups_loops_duplicates_and_other_files_are_refused() {
        let mut bad = org();
        bad.groups[0].parent = Some("payments".into());
        bad.teams.push(bad.teams[0].clone());
        bad.teams[0].group = Some("nowhere".into());
        let Err(OrgError(problems)) = load(bad.to_text().as_bytes()) else {
            panic!("refused")
        };
        assert!(
            problems.iter().any(|p| p.contains("inside itself")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("used twice")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("no group \"nowhere\"")),
            "{problems:?}"
        );
        let team_file = crate::release::demo_bytes();
        let Err(OrgError(problems)) = load(&team_file) else {
            panic!("a team file is not an organisation file")
        };
        assert!(problems[0].contains("not a Candor organisation file"));
        let newer = br#"{"format":"candor-org","version":2,"title":"x","teams":[]}"#;
        assert!(load(newer).unwrap_err().0[0].contains("newer Candor"));
    }
}
