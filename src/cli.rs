//! The `candor` command-line tool: check, merge, create and report on shared files without a
//! browser. Native only; it calls the same library code as the app.
//!
//! Exit codes: 0 success, 1 an input file is invalid, 2 wrong usage or unreadable input.
//! It never exits by panicking: every failure is a message on stderr.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;

use crate::model::{self, Document, FileError, templates};
use crate::stats;

const USAGE: &str = "\
candor: anonymous team pulse surveys, from the command line

usage:
  candor check FILE...                  check files; one line per problem on stderr
  candor merge FILE FILE...             merge copies of one survey file; result on stdout
  candor new --title TITLE [--template safety,alignment,failure] [--id ID]
                                        a new survey file on stdout
  candor report FILE [--format json|csv] [--seed N]
                                        the statistics engine's results on stdout
  candor submit URL [--round ID] [--answer QUESTION=VALUE]... [--comment TEXT]
                                        answer a survey in a shared file at a URL
                                        (read, merge, conditional write; retried on clashes)
  candor check-storage URL              whether the location of a shared file honours
                                        conditional writes (uses a sibling probe file)
  candor schema                         the JSON Schema of the file format on stdout
  candor demo                           the demo team's file on stdout (12 monthly rounds)

FILE may be - for standard input.
";

/// Runs the tool with `args` (without the program name); returns the exit code.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let args: Vec<String> = match args
        .iter()
        .map(|a| a.clone().into_string())
        .collect::<Result<_, _>>()
    {
        Ok(args) => args,
        Err(_) => {
            let _ = writeln!(err, "error: arguments must be valid UTF-8");
            return 2;
        }
    };
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..], out, err),
        Some("merge") => merge(&args[1..], out, err),
        Some("new") => new(&args[1..], out),
        Some("report") => report(&args[1..], out),
        Some("schema") => schema(out),
        Some("demo") => write_all(out, &model::to_canonical_bytes(&model::synth::demo())),
        Some("submit") => submit(&args[1..], out),
        Some("check-storage") => check_storage(&args[1..], out, err),
        Some("help" | "--help" | "-h") => write_all(out, USAGE.as_bytes()),
        Some("--version" | "-V") => write_all(
            out,
            format!("candor {}\n", env!("CARGO_PKG_VERSION")).as_bytes(),
        ),
        Some(other) => Err(Failure::Usage(format!("unknown command \"{other}\""))),
        None => Err(Failure::Usage("no command given".into())),
    };
    match result {
        Ok(()) => 0,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(err, "error: {message}\n\n{USAGE}");
            2
        }
        Err(Failure::Io(message)) => {
            let _ = writeln!(err, "error: {message}");
            2
        }
        Err(Failure::Invalid { file, error }) => {
            for problem in &error.problems {
                let _ = writeln!(err, "error: {file}: {problem}");
            }
            1
        }
        Err(Failure::Reported) => 1,
        Err(Failure::Store(error)) => {
            let _ = writeln!(err, "error: {error}");
            1
        }
    }
}

enum Failure {
    Usage(String),
    Io(String),
    Invalid {
        file: String,
        error: FileError,
    },
    /// Problems already written to stderr.
    Reported,
    /// The shared file could not be read or written.
    Store(crate::storage::StoreError),
}

fn write_all(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Failure> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Io(format!("cannot write output: {e}")))
}

/// The value after an option such as `--title`.
fn option_value(args: &mut std::slice::Iter<'_, String>, name: &str) -> Result<String, Failure> {
    args.next()
        .cloned()
        .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
}

fn read_input(name: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(Path::new(name))
            .and_then(|f| {
                f.take(model::limits::MAX_FILE_BYTES as u64 + 1)
                    .read_to_end(&mut bytes)
            })
            .map(|_| ())
    };
    result
        .map(|()| bytes)
        .map_err(|e| Failure::Io(format!("cannot read {name}: {e}")))
}

fn load_file(name: &str) -> Result<Document, Failure> {
    let bytes = read_input(name)?;
    model::load(&bytes).map_err(|error| Failure::Invalid {
        file: name.to_owned(),
        error,
    })
}

fn check(files: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    if files.is_empty() {
        return Err(Failure::Usage("check needs at least one FILE".into()));
    }
    let mut any_invalid = false;
    for file in files {
        match load_file(file) {
            Ok(doc) => {
                let live = doc.live_responses().count();
                let line = format!(
                    "{file}: valid: survey \"{}\" revision {}, {} questions, {} rounds, {} events, {} responses ({} removed)\n",
                    doc.survey.id,
                    doc.survey.revision,
                    doc.survey.questions.len(),
                    doc.rounds.len(),
                    doc.events.len(),
                    live,
                    doc.responses.len() - live,
                );
                write_all(out, line.as_bytes())?;
            }
            Err(Failure::Invalid { file, error }) => {
                any_invalid = true;
                for problem in &error.problems {
                    let _ = writeln!(err, "error: {file}: {problem}");
                }
            }
            Err(other) => return Err(other),
        }
    }
    if any_invalid {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

fn merge(files: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let [first, rest @ ..] = files else {
        return Err(Failure::Usage("merge needs at least one FILE".into()));
    };
    let mut merged = load_file(first)?;
    for file in rest {
        let next = load_file(file)?;
        if next.survey.id != merged.survey.id {
            return Err(Failure::Io(format!(
                "{file} holds survey \"{}\", not \"{}\"; only copies of one survey can be merged",
                next.survey.id, merged.survey.id
            )));
        }
        let result = model::merge(&merged, &next);
        for conflict in &result.conflicts {
            let _ = writeln!(err, "warning: {file}: {conflict}");
        }
        merged = result.doc;
    }
    // A merge of valid files can still break a rule (e.g. an answer to a question that the
    // winning survey revision no longer has); never write such a file.
    let problems = model::validate(&merged);
    if !problems.is_empty() {
        return Err(Failure::Invalid {
            file: "merged result".into(),
            error: FileError { problems },
        });
    }
    write_all(out, &model::to_canonical_bytes(&merged))
}

fn new(args: &[String], out: &mut dyn Write) -> Result<(), Failure> {
    let mut title = None;
    let mut template_list = "safety,alignment".to_owned();
    let mut id = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| option_value(&mut args, name);
        match arg.as_str() {
            "--title" => title = Some(value("--title")?),
            "--template" => template_list = value("--template")?,
            "--id" => id = Some(value("--id")?),
            other => return Err(Failure::Usage(format!("unknown option \"{other}\""))),
        }
    }
    let title = title.ok_or_else(|| Failure::Usage("new needs --title".into()))?;
    let mut chosen = Vec::new();
    for name in template_list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let template = templates::find(name).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown template \"{name}\" (choose from safety, alignment, failure)"
            ))
        })?;
        if !chosen
            .iter()
            .any(|t: &&templates::Template| t.id == template.id)
        {
            chosen.push(template);
        }
    }
    if chosen.is_empty() {
        return Err(Failure::Usage("choose at least one template".into()));
    }
    let id = id.unwrap_or_else(|| slug_from(&title));
    let doc = Document::new(templates::survey_from(&id, &title, &chosen));
    let problems = model::validate(&doc);
    if !problems.is_empty() {
        return Err(Failure::Invalid {
            file: "new survey".into(),
            error: FileError { problems },
        });
    }
    write_all(out, &model::to_canonical_bytes(&doc))
}

/// A survey id from a title: lowercase ASCII letters and digits joined by dashes.
fn slug_from(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(model::MAX_SLUG_LEN).collect();
    if slug.is_empty() {
        "survey".to_owned()
    } else {
        slug
    }
}

fn report(args: &[String], out: &mut dyn Write) -> Result<(), Failure> {
    let mut file = None;
    let mut format = "json".to_owned();
    let mut seed = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => format = option_value(&mut args, "--format")?,
            "--seed" => {
                let text = option_value(&mut args, "--seed")?;
                seed = Some(text.parse::<u64>().map_err(|_| {
                    Failure::Usage(format!("--seed needs a whole number, not \"{text}\""))
                })?);
            }
            other if file.is_none() && (!other.starts_with('-') || other == "-") => {
                file = Some(other.to_owned())
            }
            other => return Err(Failure::Usage(format!("unexpected argument \"{other}\""))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("report needs a FILE".into()))?;
    let doc = load_file(&file)?;
    // Comments are shuffled; without --seed the order differs on every run.
    let seed = seed.unwrap_or_else(|| getrandom::u64().unwrap_or(0));
    let report = stats::report(&doc, seed);
    match format.as_str() {
        "json" => {
            let mut text = stats::to_json(&report).to_string();
            text.push('\n');
            write_all(out, text.as_bytes())
        }
        "csv" => write_all(out, stats::to_csv(&report).as_bytes()),
        other => Err(Failure::Usage(format!(
            "unknown format \"{other}\" (json or csv)"
        ))),
    }
}

fn submit(args: &[String], out: &mut dyn Write) -> Result<(), Failure> {
    use crate::respond::{Edit, Form};
    use crate::storage::{native, protocol};

    let mut url = None;
    let mut round = None;
    let mut form = Form::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| option_value(&mut args, name);
        match arg.as_str() {
            "--round" => round = Some(value("--round")?),
            "--comment" => form.apply(Edit::Comment(value("--comment")?)),
            "--answer" => {
                let pair = value("--answer")?;
                let parsed = pair
                    .split_once('=')
                    .and_then(|(q, v)| Some((q.to_owned(), v.parse::<u8>().ok()?)));
                let Some((question, answer)) = parsed else {
                    return Err(Failure::Usage(format!(
                        "--answer takes QUESTION=VALUE, not \"{pair}\""
                    )));
                };
                form.apply(Edit::Answer(question, Some(answer)));
            }
            other if url.is_none() && !other.starts_with('-') => url = Some(other.to_owned()),
            other => return Err(Failure::Usage(format!("unexpected argument \"{other}\""))),
        }
    }
    let url = url.ok_or_else(|| Failure::Usage("submit needs the URL of a shared file".into()))?;
    if !form.is_sendable() {
        return Err(Failure::Usage(
            "give at least one --answer or a --comment".into(),
        ));
    }

    let http = native::Http::default();
    let loaded = native::block_on(protocol::load(&http, &url)).map_err(Failure::Store)?;
    let doc = loaded.doc;
    let round = match round {
        Some(id) => id,
        None => doc
            .open_round()
            .map(|r| r.id.clone())
            .ok_or_else(|| Failure::Io("the survey has no open round".into()))?,
    };
    for (question, value) in form.answers.iter() {
        if doc.survey.question(question).is_none() {
            return Err(Failure::Usage(format!(
                "the survey has no question \"{question}\""
            )));
        }
        if !(1..=doc.survey.scale).contains(&value) {
            return Err(Failure::Usage(format!(
                "answers are 1 to {}, not {value}",
                doc.survey.scale
            )));
        }
    }
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Failure::Io(format!("no random source: {e}")))?;
    let id = model::ResponseId::from_random_bytes(bytes);
    let submission = form.to_submission(&doc, &round, id, None);
    let mut jitter = || {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).map_or(0.5, |()| {
            (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
        })
    };
    let written = native::block_on(protocol::submit(&http, &url, &submission, &mut jitter))
        .map_err(Failure::Store)?;
    let line = format!(
        "saved response {id} to {url}: round \"{round}\" now has {} responses\n",
        written
            .live_responses()
            .filter(|r| r.round == round)
            .count()
    );
    write_all(out, line.as_bytes())
}

fn check_storage(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    use crate::storage::{native, protocol};
    let [url] = args else {
        return Err(Failure::Usage(
            "check-storage needs the URL of a shared file".into(),
        ));
    };
    let http = native::Http::default();
    let check = native::block_on(protocol::check_location(&http, url)).map_err(Failure::Store)?;
    let mark = |ok: bool| if ok { "yes" } else { "NO" };
    let report = format!(
        "probe file: {}\n  sends ETag: {}\n  refuses a second create (If-None-Match: *): {}\n  \
         accepts the current ETag (If-Match): {}\n  refuses an outdated ETag (If-Match): {}\n",
        check.probe,
        mark(check.etag),
        mark(check.refuses_second_create),
        mark(check.accepts_current_etag),
        mark(check.refuses_stale_etag),
    );
    write_all(out, report.as_bytes())?;
    if check.is_safe() {
        write_all(
            out,
            b"safe: concurrent submissions cannot overwrite each other here\n",
        )
    } else {
        let _ = writeln!(
            err,
            "error: not safe for a shared team file: this server does not honour conditional writes, so answers could be lost (see docs/hosting.md)"
        );
        Err(Failure::Reported)
    }
}

fn schema(out: &mut dyn Write) -> Result<(), Failure> {
    let mut text = schema_text();
    text.push('\n');
    write_all(out, text.as_bytes())
}

/// The JSON Schema of the file format, generated from the Rust types, with keys sorted so the
/// text is the same whatever serde_json features the build unifies (test builds turn on
/// `preserve_order` through dev-dependencies).
pub fn schema_text() -> String {
    fn sorted(value: serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                serde_json::Value::Object(
                    entries.into_iter().map(|(k, v)| (k, sorted(v))).collect(),
                )
            }
            serde_json::Value::Array(items) => items.into_iter().map(sorted).collect(),
            other => other,
        }
    }
    let schema = sorted(schemars::schema_for!(Document).to_value());
    serde_json::to_string_pretty(&schema).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
