//! The `candor` command-line tool, run as a real process.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn candor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn candor_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("candor-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs the tool and insists on success; its output.
fn candor_ok(args: &[&str]) -> Output {
    let out = candor(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    out
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)))
}

fn load(p: &Path) -> candor::model::Document {
    candor::model::load(&std::fs::read(p).unwrap()).unwrap()
}

/// A new sealed survey at `team`, its key at `key` (neither may exist yet), its round opened
/// on `day`.
fn new_survey(title: &str, day: &str, team: &Path, key: &Path) {
    let out = candor_ok(&[
        "new",
        "--title",
        title,
        "--date",
        day,
        "--key-out",
        path(key),
    ]);
    std::fs::write(team, &out.stdout).unwrap();
}

/// The comments a report's round releases, sorted (their order is shuffled).
fn released_comments(round: &serde_json::Value) -> Vec<String> {
    let mut comments: Vec<String> = round["comments"]
        .as_array()
        .map(|cs| cs.iter().map(|c| c.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default();
    comments.sort();
    comments
}

/// What a report says of each round: whether it is suppressed or pending, its n, and each
/// dimension's n and mean (the numbers a release must keep).
fn round_numbers(report: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    report["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|round| {
            let dimensions: Vec<serde_json::Value> = round["dimensions"]
                .as_array()
                .map(|ds| {
                    ds.iter()
                        .map(|d| serde_json::json!([d["id"], d["suppressed"], d["n"], d["mean"]]))
                        .collect()
                })
                .unwrap_or_default();
            (
                round["id"].as_str().unwrap().to_owned(),
                serde_json::json!({
                    "suppressed": round["suppressed"],
                    "pending": round["pending"],
                    "n": round["n"],
                    "dimensions": dimensions,
                    "comments": released_comments(round),
                }),
            )
        })
        .collect()
}

const VALID: &str = "tests/corpus/valid/platform-team.json";

#[test]
fn check_accepts_a_valid_file_with_a_summary() {
    let out = candor(&["check", VALID]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // The withdrawn response is dropped on load; only its id stays.
    assert_eq!(
        stdout,
        format!(
            "{VALID}: valid: survey \"platform-team\" revision 3, 3 questions, 2 rounds (0 published), \
             2 events, 2 plain responses, 1 withdrawn; NOT SEALED: answers are readable by anyone with the file\n"
        )
    );

    // A new survey is sealed from the start.
    let (team, key) = (scratch("check-new.json"), scratch("check-new.key"));
    new_survey("Check", "2026-11-20", &team, &key);
    let out = candor_ok(&["check", path(&team)]);
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: valid: survey \"check\" revision 1, 14 questions, 1 rounds (0 published), 0 events, \
             0 plain responses, 0 withdrawn; sealed: 0 answer and 0 comment records\n",
            path(&team)
        )
    );
}

#[test]
fn check_lists_every_problem_with_its_path() {
    let out = candor(&["check", "tests/corpus/invalid/unknown-question.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: tests/corpus/invalid/unknown-question.json: $.responses[0].answers.s9: unknown question \"s9\"\n"
    );
    let out = candor(&["check", "tests/corpus/invalid/wrong-types.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).lines().count() >= 6,
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_never_panics_on_garbage() {
    for input in [
        &b""[..],
        b"\xff\xfe",
        b"{",
        b"null",
        b"{\"format\":\"candor-survey\",\"version\":1e999}",
    ] {
        let out = candor_stdin(&["check", "-"], input);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{input:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).starts_with("error: -: $"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = candor(&["check", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read no/such/file.json"));
}

#[test]
fn new_then_merge_gives_a_valid_file_holding_both_copies() {
    let key = scratch("new-then-merge.key");
    let out = candor(&[
        "new",
        "--title",
        "Platform team pulse",
        "--template",
        "safety,alignment,failure",
        "--key-out",
        path(&key),
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let empty = candor::model::load(&out.stdout).unwrap();
    assert_eq!(empty.survey.id, "platform-team-pulse");
    assert_eq!(empty.survey.questions.len(), 17);
    // This month's round is open, and the file holds the public half of the key written out.
    let open = empty.open_round().unwrap();
    assert_eq!(
        (open.id.as_str(), open.opened.as_str()),
        ("2026-11", "2026-11-20")
    );
    assert_eq!(empty.rounds.len(), 1);
    assert_eq!(empty.survey.language, "en");
    assert!(empty.survey.translations.is_empty());
    let written = candor::release::read_key_file(&std::fs::read_to_string(&key).unwrap()).unwrap();
    assert!(written.matches(empty.survey.results_key.as_deref().unwrap()));
    assert!(
        !text(&out.stdout).contains(&written.to_text()),
        "the secret key is in the file"
    );

    // Two copies of one survey, each with a response the other lacks.
    let mut a = candor::model::load(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALID)).unwrap(),
    )
    .unwrap();
    // The withdrawn response is dropped on load: two responses and one tombstone are left.
    assert_eq!((a.responses.len(), a.removed.len()), (2, 1));
    let ids = |doc: &candor::model::Document| {
        let mut ids: Vec<String> = doc.responses.iter().map(|r| r.id.to_string()).collect();
        ids.sort();
        ids
    };
    let all = ids(&a);
    let mut b = a.clone();
    a.responses.remove(0);
    b.responses.remove(1);
    let (pa, pb) = (scratch("a.json"), scratch("b.json"));
    std::fs::write(&pa, candor::model::to_canonical_bytes(&a)).unwrap();
    std::fs::write(&pb, candor::model::to_canonical_bytes(&b)).unwrap();
    let out = candor(&["merge", pa.to_str().unwrap(), pb.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let merged = candor::model::load(&out.stdout).unwrap();
    assert_eq!(ids(&merged), all);
    assert_eq!(merged.removed, a.removed);
}

#[test]
fn merge_refuses_an_invalid_input() {
    let out = candor(&[
        "merge",
        VALID,
        "tests/corpus/invalid/answer-out-of-scale.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("answer 8 is outside the scale 1..=7"));
}

#[test]
fn report_prints_json_and_csv() {
    let out = candor(&[
        "report",
        "tests/reference/datasets/basic.json",
        "--seed",
        "3",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["survey"], "ref");
    assert_eq!(
        json["rounds"][1],
        serde_json::json!({"id": "r2", "label": "Round r2", "suppressed": true})
    );
    assert_eq!(json["rounds"][3]["n"], 8);

    let out = candor(&[
        "report",
        "tests/reference/datasets/basic.json",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with(candor::stats::CSV_HEADER));
}

#[test]
fn usage_errors_exit_2_with_help() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["new"],
        &["report"],
        &["new", "--title", "T", "--template", "nope"],
        &["new", "--title", "T", "--language", "fr"],
    ] {
        let out = candor(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = text(&out.stderr);
        // The usage line, or (for a bad value) where to find it.
        assert!(
            stderr.contains("Usage:") || stderr.contains("--help"),
            "{args:?}: {stderr}"
        );
    }
}

/// Every subcommand of the tool.
const SUBCOMMANDS: &[&str] = &[
    "check",
    "merge",
    "new",
    "report",
    "close",
    "publish",
    "seal",
    "split-key",
    "submit",
    "check-storage",
    "schema",
    "demo",
];

/// Every subcommand explains itself with an example, on stdout, exit 0.
#[test]
fn every_subcommand_has_help_with_an_example() {
    for &command in SUBCOMMANDS {
        for help in ["--help", "-h"] {
            let out = candor(&[command, help]);
            assert_eq!(out.status.code(), Some(0), "{command} {help}");
            let stdout = text(&out.stdout);
            assert!(
                stdout.contains(&format!("Usage: candor {command}")),
                "{command} {help}: {stdout}"
            );
            assert!(
                stdout.contains(&format!("Example:\n  candor {command}")),
                "{command} {help}: {stdout}"
            );
            assert!(out.stderr.is_empty(), "{command} {help}");
        }
    }
    let out = candor(&["new", "--help"]);
    let stdout = text(&out.stdout);
    for option in [
        "--title <TITLE>",
        "--template <LIST>",
        "--id <ID>",
        "--key-out <FILE>",
        "--date <DAY>",
    ] {
        assert!(stdout.contains(option), "{stdout}");
    }
    let out = candor(&["report", "--help"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("[possible values: json, csv]"), "{stdout}");
    assert!(stdout.contains("--key <FILE>"), "{stdout}");
    for (command, option) in [
        ("publish", "--key <FILE>"),
        ("seal", "--key-out <FILE>"),
        ("demo", "--key"),
    ] {
        let out = candor(&[command, "--help"]);
        assert!(
            text(&out.stdout).contains(option),
            "{command}: {}",
            text(&out.stdout)
        );
    }
    assert!(
        stdout.contains("candor report team.json --format csv"),
        "{stdout}"
    );
}

#[test]
fn top_level_help_lists_the_commands_and_the_exit_codes() {
    for args in [&["--help"][..], &["help"]] {
        let out = candor(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = text(&out.stdout);
        for &command in SUBCOMMANDS {
            assert!(stdout.contains(&format!("\n  {command} ")), "{stdout}");
        }
        assert!(stdout.contains("Exit codes:"), "{stdout}");
        assert!(
            stdout.contains("FILE may be - for standard input"),
            "{stdout}"
        );
    }
    let out = candor(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!("candor {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// A usage error names the argument that is wrong, and writes nothing to stdout.
#[test]
fn usage_errors_name_the_argument() {
    let cases: [(&[&str], &[&str]); 11] = [
        (&["new", "--title", "T", "--nope"], &["--nope"]),
        (&["new", "--title", "T"], &["--key-out"]),
        (&["publish", VALID], &["--key"]),
        (&["seal", VALID], &["--key-out"]),
        (&["close"], &["<FILE|URL>"]),
        (&["check", "--nope", VALID], &["--nope"]),
        (&["new"], &["--title"]),
        (&["report"], &["<FILE>"]),
        (&["check"], &["<FILE>"]),
        (
            &["submit", "http://127.0.0.1:9/team.json"],
            &["--answer", "--comment"],
        ),
        (
            &["new", "--title", "T", "--template", "safety,nope"],
            &["--template", "\"nope\"", "safety, alignment, failure"],
        ),
    ];
    for (args, named) in cases {
        let out = candor(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        for name in named {
            assert!(stderr.contains(name), "{args:?}: {name} not in {stderr}");
        }
    }
    for (args, named) in [
        (["report", VALID, "--seed", "soon"], ["--seed", "soon"]),
        (["report", VALID, "--format", "xml"], ["--format", "xml"]),
        (
            ["submit", "http://127.0.0.1:9/t.json", "--answer", "s1"],
            ["--answer", "s1"],
        ),
    ] {
        let out = candor(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        for name in named {
            assert!(stderr.contains(name), "{args:?}: {name} not in {stderr}");
        }
    }
}

#[test]
fn a_new_survey_takes_its_id_from_the_title_and_its_templates_from_a_list() {
    let out = candor(&[
        "new",
        "--title",
        "  R&D: Platform -- Pulse!  ",
        "--template",
        " failure, safety,,failure ",
        "--key-out",
        path(&scratch("id-from-title-1.key")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = candor::model::load(&out.stdout).unwrap();
    assert_eq!(doc.survey.id, "r-d-platform-pulse");
    let dimensions: Vec<&str> = doc
        .survey
        .dimensions
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(dimensions, ["failure", "safety"]);
    // Without --template: safety and alignment. A repeated option takes the last value, and
    // free text may start with '-'.
    let out = candor(&[
        "new",
        "--title",
        "A",
        "--title",
        "- B -",
        "--id",
        "team-b",
        "--key-out",
        path(&scratch("id-from-title-2.key")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = candor::model::load(&out.stdout).unwrap();
    assert_eq!(
        (doc.survey.id.as_str(), doc.survey.title.as_str()),
        ("team-b", "- B -")
    );
    assert_eq!(doc.survey.dimensions.len(), 2);
    // An id that is not a valid id makes an invalid file, which is never written.
    let key = scratch("id-from-title-3.key");
    let out = candor(&[
        "new",
        "--title",
        "T",
        "--id",
        "bad id",
        "--key-out",
        path(&key),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("error: new survey: "),
        "{}",
        text(&out.stderr)
    );
    // Nor is a key for it.
    assert!(!key.exists());
    // A day that is not a day is wrong usage, and names --date.
    let key = scratch("id-from-title-4.key");
    let out = candor(&[
        "new",
        "--title",
        "T",
        "--date",
        "2026-13-01",
        "--key-out",
        path(&key),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--date"),
        "{}",
        text(&out.stderr)
    );
    assert!(!key.exists());
}

#[test]
fn report_reads_standard_input() {
    let input = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALID)).unwrap();
    let out = candor_stdin(&["report", "-", "--format", "csv", "--seed", "1"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with(candor::stats::CSV_HEADER));
}

#[test]
fn merge_refuses_copies_of_different_surveys() {
    let out = candor(&["merge", VALID, "tests/reference/datasets/basic.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("only copies of one survey can be merged"),
        "{}",
        text(&out.stderr)
    );
}

/// A copy whose survey wins by its higher revision may not lower the minimums the answers were
/// given under (found by the `edit_file` fuzz target): the merge is refused, nothing written.
#[test]
fn merge_refuses_a_copy_that_lowers_a_minimum_under_answers() {
    let input = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALID)).unwrap();
    let mut lowered = candor::model::load(&input).unwrap();
    assert!(lowered.has_any_answers());
    lowered.survey.revision += 1;
    lowered.survey.min_group = 3;
    lowered.survey.min_group_comments = 3;
    let copy = scratch("lowered-minimum.json");
    std::fs::write(&copy, candor::model::to_canonical_bytes(&lowered)).unwrap();
    let out = candor(&["merge", VALID, path(&copy)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let said = text(&out.stderr);
    assert!(said.contains("cannot be merged"), "{said}");
    assert!(
        said.contains("minimums can be raised but not lowered"),
        "{said}"
    );
}

/// A shared file that cannot be reached is a failed read of the file (exit 1), said on stderr.
#[test]
fn submit_to_an_unreachable_server_exits_1() {
    // A port that was free a moment ago: nothing answers there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/team.json");
    let out = candor(&["submit", &url, "--answer", "safety-2=6"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("error: could not reach the team file"),
        "{}",
        text(&out.stderr)
    );
}

/// The life of a sealed round, every step through the tool: answers arrive sealed, an open or
/// closed round shows no numbers without the key, the key holder sees what publishing will
/// release, and once published everyone sees exactly that; a published round takes nothing more.
#[test]
fn a_sealed_round_goes_from_collecting_to_published_through_the_tool() {
    let (team, key) = (scratch("flow.json"), scratch("flow.key"));
    new_survey("Flow team", "2026-11-20", &team, &key);
    let t = path(&team);
    for n in 1..=6 {
        let answer = format!("safety-1={n}");
        let comment = format!("canary-{n}");
        let out = candor_ok(&[
            "submit",
            t,
            "--answer",
            &answer,
            "--answer",
            "align-2=5",
            "--comment",
            &comment,
        ]);
        let count = if n == 1 {
            "1 answer".to_owned()
        } else {
            format!("{n} answers")
        };
        assert_eq!(
            text(&out.stdout),
            format!("saved sealed answers to {t}: round \"2026-11\" now has {count}\n")
        );
    }

    // Nothing readable in the file: no comment, no answer, and every sealed answer record is
    // one size.
    let bytes = std::fs::read(&team).unwrap();
    let raw = text(&bytes);
    assert!(!raw.contains("canary"), "{raw}");
    assert!(!raw.contains("\"safety-1\":"), "{raw}");
    let doc = candor::model::load(&bytes).unwrap();
    assert!(doc.responses.is_empty());
    assert_eq!(
        (doc.sealed_answers.len(), doc.sealed_comments.len()),
        (6, 6)
    );
    let lengths: std::collections::BTreeSet<usize> =
        doc.sealed_answers.iter().map(|r| r.sealed.len()).collect();
    assert_eq!(lengths.len(), 1, "{lengths:?}");
    let out = candor_ok(&["check", t]);
    assert!(
        text(&out.stdout).ends_with("1 rounds (0 published), 0 events, 0 plain responses, 0 withdrawn; sealed: 6 answer and 6 comment records\n"),
        "{}",
        text(&out.stdout)
    );

    // Collecting: a count, no numbers.
    let out = candor_ok(&["report", t]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("\"pending\":\"collecting\""), "{stdout}");
    assert!(!stdout.contains("mean"), "{stdout}");
    assert_eq!(json(&out)["rounds"][0]["answers"], 6);

    let out = candor_ok(&["close", t]);
    assert!(
        text(&out.stdout).starts_with("closed round \"2026-11\" with 6 answers"),
        "{}",
        text(&out.stdout)
    );
    assert!(load(&team).round("2026-11").unwrap().closed);

    // Closed, not published: still no numbers without the key.
    let out = candor_ok(&["report", t]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("awaiting release"), "{stdout}");
    assert!(!stdout.contains("mean"), "{stdout}");

    // The key holder sees the numbers (reading them changes nothing in the file).
    let before = std::fs::read(&team).unwrap();
    let with_key = candor_ok(&["report", t, "--key", path(&key), "--seed", "1"]);
    assert!(with_key.stderr.is_empty(), "{}", text(&with_key.stderr));
    assert_eq!(std::fs::read(&team).unwrap(), before);
    let report = json(&with_key);
    let round = &report["rounds"][0];
    assert_eq!(round["id"], "2026-11");
    assert_eq!(round["n"], 6);
    assert!(round.get("pending").is_none(), "{round}");
    let means: Vec<(&str, f64)> = round["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["mean"].as_f64().unwrap()))
        .collect();
    // safety-1 is reversed: 1..=6 score 7..=2, mean 4.5; align-2 is 5 every time.
    assert_eq!(means, [("safety", 4.5), ("alignment", 5.0)]);

    let out = candor_ok(&["publish", t, "--key", path(&key)]);
    assert_eq!(text(&out.stdout), "published rounds: 2026-11\n");
    let published = load(&team);
    assert!(published.published("2026-11").is_some());
    assert_eq!(published.sealed_answers.len(), 6);

    // Without the key, everyone now sees exactly what the key holder saw.
    let out = candor_ok(&["report", t, "--seed", "1"]);
    assert_eq!(text(&out.stdout), text(&with_key.stdout));

    // A published round takes no more answers, and the file is left as it was.
    let before = std::fs::read(&team).unwrap();
    let out = candor(&["submit", t, "--round", "2026-11", "--answer", "safety-1=3"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("closed"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&team).unwrap(), before);

    // Publishing again changes nothing.
    let out = candor_ok(&["publish", t, "--key", path(&key)]);
    assert!(
        text(&out.stdout).starts_with("nothing to publish"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read(&team).unwrap(), before);
}

#[test]
fn a_wrong_key_is_refused() {
    let (team, key) = (scratch("wrong-key.json"), scratch("wrong-key.key"));
    let (other, other_key) = (
        scratch("wrong-key-other.json"),
        scratch("wrong-key-other.key"),
    );
    new_survey("Ours", "2026-11-20", &team, &key);
    new_survey("Theirs", "2026-11-20", &other, &other_key);
    let t = path(&team);
    for n in 1..=5 {
        candor_ok(&["submit", t, "--answer", &format!("safety-1={n}")]);
    }
    candor_ok(&["close", t]);
    let before = std::fs::read(&team).unwrap();

    for args in [
        &["report", t, "--key", path(&other_key)][..],
        &["publish", t, "--key", path(&other_key)],
    ] {
        let out = candor(args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("this key does not belong to this survey"),
            "{args:?}: {stderr}"
        );
        assert_eq!(std::fs::read(&team).unwrap(), before, "{args:?}");
    }
    // A file that is no key at all is refused as such.
    let out = candor(&["report", t, "--key", t]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a Candor results key, or shares of one"),
        "{}",
        text(&out.stderr)
    );
    // The right key still works.
    candor_ok(&["publish", t, "--key", path(&key)]);
    assert!(load(&team).published("2026-11").is_some());
}

#[test]
fn new_never_overwrites_a_key_file() {
    let key = scratch("never-overwrite.key");
    let first = candor_ok(&["new", "--title", "First", "--key-out", path(&key)]);
    let kept = std::fs::read(&key).unwrap();
    let first_doc = candor::model::load(&first.stdout).unwrap();
    let written = candor::release::read_key_file(&text(&kept)).unwrap();
    assert!(written.matches(first_doc.survey.results_key.as_deref().unwrap()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    let out = candor(&["new", "--title", "Second", "--key-out", path(&key)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        out.stdout.is_empty(),
        "a survey without its key was written"
    );
    assert!(
        text(&out.stderr).contains(&format!("cannot write {}", path(&key))),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&key).unwrap(), kept);
}

#[test]
fn seal_turns_an_old_file_into_a_sealed_one() {
    // The corpus file (one closed round, one open) and a reference data set whose closed
    // rounds are large enough to show numbers.
    for (name, input) in [
        ("corpus", VALID),
        ("basic", "tests/reference/datasets/basic.json"),
    ] {
        let original_bytes =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(input)).unwrap();
        let raw: serde_json::Value = serde_json::from_slice(&original_bytes).unwrap();
        let comments: Vec<&str> = raw["responses"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["comment"].as_str())
            .collect();
        assert!(!comments.is_empty(), "{name}");
        let original = candor::model::load(&original_bytes).unwrap();
        assert!(original.survey.results_key.is_none(), "{name}");

        let key = scratch(&format!("seal-{name}.key"));
        let out = candor_ok(&["seal", input, "--key-out", path(&key)]);
        let sealed_text = text(&out.stdout);
        let sealed = candor::model::load(&out.stdout).unwrap();
        let written =
            candor::release::read_key_file(&std::fs::read_to_string(&key).unwrap()).unwrap();
        assert!(
            written.matches(sealed.survey.results_key.as_deref().unwrap()),
            "{name}"
        );
        assert!(sealed.responses.is_empty(), "{name}");
        assert!(!sealed_text.contains("\"responses\""), "{name}");
        assert!(!sealed_text.contains("\"answers\""), "{name}");
        assert_eq!(
            sealed.sealed_answers.len(),
            original.responses.len(),
            "{name}"
        );
        // The plain responses' ids become tombstones, so an old copy merged in later cannot
        // bring the readable answers back; the sealed records have ids of their own.
        for id in original
            .removed
            .iter()
            .chain(original.responses.iter().map(|r| &r.id))
        {
            assert!(sealed.removed.contains(id), "{name}: {id}");
            assert!(
                !sealed.sealed_answers.iter().any(|r| r.id == *id),
                "{name}: {id}"
            );
        }
        let merged = candor::model::merge(&sealed, &original).doc;
        assert!(
            merged.responses.is_empty(),
            "{name}: an old copy brings nothing back"
        );
        // A comment is readable only where a closed round's published results release it (as
        // the plain file's report did); nowhere else in the file.
        let plain_report = json(&candor_ok(&["report", input, "--seed", "1"]));
        let released: Vec<String> = plain_report["rounds"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(released_comments)
            .collect();
        let mut unpublished = sealed.clone();
        unpublished.published.clear();
        let unpublished_text = text(&candor::model::to_canonical_bytes(&unpublished));
        for comment in &comments {
            assert!(
                !unpublished_text.contains(comment),
                "{name}: {comment:?} is readable"
            );
            if !released.iter().any(|r| r == comment) {
                assert!(
                    !sealed_text.contains(comment),
                    "{name}: {comment:?} is readable"
                );
            }
        }
        if name == "corpus" {
            // Its only comment is in the open round: it is nowhere in the file.
            assert!(released.is_empty());
        }

        // Every closed round is published with the numbers and comments the plain file gave;
        // open rounds stay collecting.
        let sealed_path = scratch(&format!("seal-{name}.json"));
        std::fs::write(&sealed_path, &out.stdout).unwrap();
        let before = round_numbers(&plain_report);
        let after = round_numbers(&json(&candor_ok(&[
            "report",
            path(&sealed_path),
            "--seed",
            "1",
        ])));
        assert_eq!(before.len(), after.len(), "{name}");
        let mut compared = 0;
        for round in &original.rounds {
            let find = |numbers: &[(String, serde_json::Value)]| {
                numbers
                    .iter()
                    .find(|(id, _)| *id == round.id)
                    .unwrap()
                    .1
                    .clone()
            };
            if round.closed {
                assert!(
                    sealed.published(&round.id).is_some(),
                    "{name}: {}",
                    round.id
                );
                assert_eq!(find(&after), find(&before), "{name}: {}", round.id);
                compared += 1;
            } else {
                assert!(
                    sealed.published(&round.id).is_none(),
                    "{name}: {}",
                    round.id
                );
                assert_eq!(
                    find(&after)["pending"],
                    "collecting",
                    "{name}: {}",
                    round.id
                );
            }
        }
        assert!(compared > 0, "{name}");
        if name == "basic" {
            // Not only suppressed rounds: numbers and comments were carried over.
            assert!(after.iter().any(|(_, r)| r["n"].is_number()), "{after:?}");
            assert!(!released.is_empty());
        }

        // A sealed file cannot be sealed again (its key would be replaced).
        let again = scratch(&format!("seal-{name}-again.key"));
        let out = candor(&["seal", path(&sealed_path), "--key-out", path(&again)]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(
            text(&out.stderr).contains("sealed already"),
            "{}",
            text(&out.stderr)
        );
        assert!(!again.exists(), "{name}");
    }
}

#[test]
fn demo_prints_its_public_key() {
    let out = candor_ok(&["demo", "--key"]);
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0].len(), 43, "{stdout}");
    assert!(stdout.ends_with('\n'));

    let (demo, key) = (scratch("demo.json"), scratch("demo.key"));
    std::fs::write(&demo, candor_ok(&["demo"]).stdout).unwrap();
    std::fs::write(&key, &out.stdout).unwrap();
    let doc = load(&demo);
    assert!(doc.is_sealed());
    let out = candor_ok(&["report", path(&demo), "--key", path(&key), "--seed", "1"]);
    // Every record opens with it.
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert!(
        json(&out)["rounds"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["n"].is_number())
    );
}

#[test]
fn a_split_key_releases_with_any_two_shares_and_not_with_one() {
    let team = scratch("split-team.json");
    let key = scratch("split.key");
    let _ = std::fs::remove_file(&key);
    for share in 1..=3 {
        let _ = std::fs::remove_file(format!("{}.share-{share}", key.display()));
    }
    let (team_arg, key_arg) = (team.display().to_string(), key.display().to_string());
    let out = candor(&[
        "new",
        "--title",
        "Split team",
        "--key-out",
        &key_arg,
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(&team, &out.stdout).unwrap();
    for value in 1..=5 {
        let out = candor(&[
            "submit",
            &team_arg,
            "--answer",
            &format!("safety-1={value}"),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    assert_eq!(candor(&["close", &team_arg]).status.code(), Some(0));

    let out = candor(&["split-key", &team_arg, "--key", &key_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("wrote 3 shares (2 needed together)"));
    let share = |n: u32| format!("{}.share-{n}", key.display());
    let whole = std::fs::read_to_string(&key).unwrap();
    let secret = whole.lines().last().unwrap();
    for n in 1..=3 {
        let content = std::fs::read_to_string(share(n)).unwrap();
        assert!(content.contains(&format!("share {n} of 3")), "{content}");
        assert!(
            !content.contains(secret),
            "a share holds no copy of the key"
        );
    }

    // One share alone opens nothing, and says why.
    let before = std::fs::read(&team).unwrap();
    let out = candor(&["publish", &team_arg, "--key", &share(2)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("1 share(s) of the results key were given; 2 are needed"));
    assert_eq!(std::fs::read(&team).unwrap(), before);

    // Any two together release the round, as the whole key would.
    let out = candor(&["publish", &team_arg, "--key", &share(3), "--key", &share(1)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("published rounds: 2026-11"));
    let out = candor(&[
        "report",
        &team_arg,
        "--key",
        &share(1),
        "--key",
        &share(2),
        "--seed",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let with_shares = text(&out.stdout);
    let out = candor(&["report", &team_arg, "--key", &key_arg, "--seed", "1"]);
    assert_eq!(with_shares, text(&out.stdout));

    // Splitting again never overwrites shares.
    let out = candor(&["split-key", &team_arg, "--key", &key_arg]);
    assert_eq!(out.status.code(), Some(2));
    let out = candor(&[
        "split-key",
        &team_arg,
        "--key",
        &key_arg,
        "--shares",
        "3",
        "--needed",
        "4",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// `candor org new` lists each team file as a team named by its survey; `candor org report`
/// pools what the teams released, lists a team whose file is missing (exit 1) and still
/// reports the others; a team file is not an organisation file.
#[test]
fn an_organisation_is_made_from_team_files_and_reported() {
    let dir = scratch("org");
    std::fs::create_dir_all(&dir).unwrap();
    let demo = candor::release::demo_bytes();
    for name in ["payments.json", "search.json"] {
        std::fs::write(dir.join(name), &demo).unwrap();
    }
    let made = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args([
            "org",
            "new",
            "--title",
            "Engineering",
            "payments.json",
            "search.json",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let mut org = candor::org::load(&made.stdout).unwrap();
    let ids: Vec<&str> = org.teams.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["demo-team-pulse", "demo-team-pulse-1"]);
    org.teams.push(candor::org::Team {
        id: "gone".into(),
        name: "Gone".into(),
        group: None,
        file: "gone.json".into(),
    });
    let org_path = dir.join("org.json");
    std::fs::write(&org_path, org.to_text()).unwrap();
    let out = candor(&["org", "report", path(&org_path), "--period", "quarter"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(said.contains("2 of 3 teams read"), "{said}");
    assert!(said.contains("team \"Gone\""), "{said}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["period"], "quarter");
    let total = &report["totals"][0];
    assert_eq!(total["teams"], 3);
    let cell = &total["cells"][0];
    assert_eq!(cell["teams_covered"], 2);
    assert_eq!(report["problems"][0]["team"], "gone");
    let csv = candor(&["org", "report", path(&org_path), "--format", "csv"]);
    assert!(text(&csv.stdout).starts_with(candor::org::report::CSV_HEADER));
    let not_org = candor(&["org", "report", VALID]);
    assert_eq!(not_org.status.code(), Some(2));
    assert!(text(&not_org.stderr).contains("not a Candor organisation file"));
}

/// `candor new --language de --also ar,es`: the questions in German, translated into Arabic
/// and Spanish from the question sets; the title of the team's own is left to translate.
#[test]
fn a_new_survey_in_german_also_asked_in_arabic_and_spanish() {
    let key = scratch("new-in-german.key");
    let out = candor(&[
        "new",
        "--title",
        "Plattform",
        "--language",
        "de",
        "--also",
        "ar,es",
        "--key-out",
        path(&key),
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = candor::model::load(&out.stdout).unwrap();
    assert_eq!(doc.survey.language, "de");
    assert_eq!(doc.survey.dimensions[0].name, "Psychologische Sicherheit");
    assert_eq!(
        doc.survey.languages().collect::<Vec<_>>(),
        ["de", "ar", "es"]
    );
    for language in ["ar", "es"] {
        assert_eq!(
            doc.survey.untranslated(language),
            [candor::model::Part::Title]
        );
    }
}
