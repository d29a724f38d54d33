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

const VALID: &str = "tests/corpus/valid/platform-team.json";

#[test]
fn check_accepts_a_valid_file_with_a_summary() {
    let out = candor(&["check", VALID]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("valid: survey \"platform-team\" revision 3"),
        "{stdout}"
    );
    assert!(stdout.contains("2 responses (1 removed)"), "{stdout}");
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
    let out = candor(&[
        "new",
        "--title",
        "Platform team pulse",
        "--template",
        "safety,alignment,failure",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let empty = candor::model::load(&out.stdout).unwrap();
    assert_eq!(empty.survey.id, "platform-team-pulse");
    assert_eq!(empty.survey.questions.len(), 17);

    // Two copies of one survey, each with a response the other lacks.
    let mut a = candor::model::load(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALID)).unwrap(),
    )
    .unwrap();
    let mut b = a.clone();
    a.responses.remove(0);
    b.responses.remove(1);
    let (pa, pb) = (scratch("a.json"), scratch("b.json"));
    std::fs::write(&pa, candor::model::to_canonical_bytes(&a)).unwrap();
    std::fs::write(&pb, candor::model::to_canonical_bytes(&b)).unwrap();
    let out = candor(&["merge", pa.to_str().unwrap(), pb.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let merged = candor::model::load(&out.stdout).unwrap();
    assert_eq!(merged.responses.len(), 3);
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

/// Every subcommand explains itself with an example, on stdout, exit 0.
#[test]
fn every_subcommand_has_help_with_an_example() {
    for command in [
        "check",
        "merge",
        "new",
        "report",
        "submit",
        "check-storage",
        "schema",
        "demo",
    ] {
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
    for option in ["--title <TITLE>", "--template <LIST>", "--id <ID>"] {
        assert!(stdout.contains(option), "{stdout}");
    }
    let out = candor(&["report", "--help"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("[possible values: json, csv]"), "{stdout}");
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
        for command in ["check", "merge", "new", "report", "submit", "check-storage"] {
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
    let cases: [(&[&str], &[&str]); 7] = [
        (&["new", "--title", "T", "--nope"], &["--nope"]),
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
    let out = candor(&["new", "--title", "A", "--title", "- B -", "--id", "team-b"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = candor::model::load(&out.stdout).unwrap();
    assert_eq!(
        (doc.survey.id.as_str(), doc.survey.title.as_str()),
        ("team-b", "- B -")
    );
    assert_eq!(doc.survey.dimensions.len(), 2);
    // An id that is not a valid id makes an invalid file, which is never written.
    let out = candor(&["new", "--title", "T", "--id", "bad id"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("error: new survey: "),
        "{}",
        text(&out.stderr)
    );
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
