//! The `candor` command-line tool: check, merge, create and report on shared files without a
//! browser. Native only; it calls the same library code as the app.
//!
//! The arguments are read by clap from one `Command` enum: a subcommand is one variant (its
//! arguments, its `--help` with an example) and one function that runs it, so a new
//! subcommand is added the same way. Every failure is a `Failure`, which knows what goes to
//! stderr and the exit code: 0 success, 1 an input file is invalid (or the storage is unsafe,
//! or the shared file could not be read or written), 2 wrong usage or unreadable input. The
//! tool never exits by panicking (the one exception: the operating system's random source
//! failing while a key or a seal is made, where going on would weaken the seal).

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::model::{self, Document, FileError, templates};
use crate::release;
use crate::seal::ResultsKey;
use crate::stats;
use crate::storage::StoreError;

/// Shown after the top-level help: what every subcommand shares.
const AFTER_HELP: &str = "\
FILE may be - for standard input. Run 'candor COMMAND --help' for a command's options and an
example.

Exit codes:
  0  success
  1  an input file is invalid (one line per problem on stderr), the location is not safe
     (check-storage), or the shared file could not be read or written (submit,
     check-storage: offline, refused, a server error)
  2  wrong usage (the message names the argument), an input file that cannot be read,
     files that cannot be used together, a shared file with no open round to answer
     (submit without --round), or output that cannot be written";

/// Anonymous team pulse surveys, from the command line.
#[derive(Debug, Parser)]
#[command(
    name = "candor",
    version,
    after_help = AFTER_HELP,
    subcommand_required = true,
    arg_required_else_help = true,
    // A repeated option (--title A --title B) takes the last value, as shells and scripts
    // that append options expect.
    args_override_self = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One variant per subcommand: its first doc line is the one-line about in `candor --help`.
#[derive(Debug, Subcommand)]
enum Command {
    /// Check team files: a summary of each valid one, each problem on stderr
    ///
    /// Runs the app's checks: size, syntax, version, shape, then the rules that need
    /// context (scale, references, uniqueness, limits). Exit 1 if any file is invalid.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor check team.json backup/team.json\n  \
                            curl -s https://intranet.example/pulse/team.json | candor check -"
    )]
    Check(CheckArgs),
    /// Merge copies of one survey's file; the merged file on stdout
    ///
    /// Everything in any copy is kept (responses, removals, rounds, events); the newest
    /// survey revision wins. Conflicts are listed on stderr as warnings. A merged result
    /// that would break a rule is never written (exit 1).
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor merge laptop.json server.json > merged.json"
    )]
    Merge(MergeArgs),
    /// A new sealed survey file on stdout, this month's round open; its key to a file
    ///
    /// Answers to the survey are sealed on each respondent's device to the survey's results
    /// key; only its public half is in the file. The secret half goes to --key-out: give it
    /// to a neutral person (a coach, an HR partner), keep a copy, and never put it next to
    /// the team file. Without it, closed rounds can never be released.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor new --title \"Platform team pulse\" \
                      --template safety,alignment,failure --key-out platform.key > team.json"
    )]
    New(NewArgs),
    /// The results of a team file on stdout: published rounds, or with --key, closed ones
    ///
    /// Per round and dimension: means with 95% intervals, agreement, change between
    /// rounds, and the comments; groups under the survey's minimums are suppressed. An open
    /// round shows only how many answers it has. With --key, closed rounds that are not
    /// yet published are computed from their sealed answers (as `candor publish` would
    /// publish them).
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor report team.json --format csv > results.csv\n  \
                      candor report team.json --key platform.key"
    )]
    Report(ReportArgs),
    /// Close the open round of a team file (a path or an http(s) URL)
    ///
    /// A closed round takes no more answers, changes or withdrawals. Release its results
    /// with `candor publish`.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor close https://intranet.example/pulse/team.json"
    )]
    Close(LocationArgs),
    /// Publish every closed round's results into the team file (a path or an http(s) URL)
    ///
    /// Opens the closed rounds' sealed answers with the key, computes them with every
    /// minimum, and writes exactly what is released as each round's published results.
    /// Published results never change; rounds already published are left alone.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor publish https://intranet.example/pulse/team.json --key platform.key"
    )]
    Publish(PublishArgs),
    /// Seal a survey from before sealing: the sealed file on stdout, the new key to a file
    ///
    /// Every plain answer and comment is sealed in place and every closed round published;
    /// afterwards the file holds no answer anyone can read.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor seal old-team.json --key-out team.key > team.json"
    )]
    Seal(SealArgs),
    /// Split a results key into shares, so that no one person can release rounds alone
    ///
    /// Writes KEYFILE.share-1 ... KEYFILE.share-N; any K of them (--needed) together work as
    /// the key: `candor publish FILE --key a.share-1 --key a.share-3`. Give each share to a
    /// different person and delete the key file.
    #[command(
        verbatim_doc_comment,
        name = "split-key",
        after_help = "Example:\n  candor split-key team.json --key team.key --shares 3 --needed 2"
    )]
    SplitKey(SplitArgs),
    /// Answer a survey in a shared file at a URL
    ///
    /// Reads the file, adds one response with a fresh random id, and writes the file back
    /// with a conditional write, retried (read and merge again) when someone else wrote
    /// first.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor submit https://intranet.example/pulse/team.json \\\n    \
                      --answer safety-2=6 --answer align-1=5 --comment \"More pairing\""
    )]
    Submit(SubmitArgs),
    /// Whether a shared file's location honours conditional writes and takes only team files
    ///
    /// Creates and rewrites a sibling probe file, e.g. team.candor-probe.json (the team file
    /// is never touched), and reports what the server did. Then it checks what else the
    /// folder allows, each of which is unsafe where anyone can write:
    ///   - a file that is not a team file (PUT of team.candor-probe.html, removed again);
    ///   - DELETE (of the probe file, the check's own);
    ///   - listing the folder (PROPFIND, or GET of the folder);
    ///   - CORS for any web page (a GET with Origin: https://candor-check.invalid).
    ///
    /// Exit 1 when concurrent answers could be lost there or any of these is allowed; each
    /// is named with what to change (see docs/hosting.md).
    #[command(
        verbatim_doc_comment,
        name = "check-storage",
        after_help = "Example:\n  candor check-storage https://intranet.example/pulse/team.json"
    )]
    CheckStorage(CheckStorageArgs),
    /// The JSON Schema of the file format on stdout
    #[command(after_help = "Example:\n  candor schema > candor-survey.schema.json")]
    Schema,
    /// Many teams: make an organisation file, or report its teams' released results pooled
    #[command(subcommand)]
    Org(OrgCommand),
    /// The demo team's sealed file on stdout (12 monthly rounds; its key is public)
    ///
    /// The demo's results key is published with it (candor demo --key), so anyone can
    /// try releasing a round; its answers are made up.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor demo > demo.json && candor report demo.json"
    )]
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Team files to check (- for standard input)
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct MergeArgs {
    /// Copies of one survey's file, merged in this order (- for standard input)
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The survey's title, shown to respondents
    // Free text may start with '-' ("- Platform -"), as the tool has always taken it.
    #[arg(long, value_name = "TITLE", allow_hyphen_values = true)]
    title: String,
    /// Question sets, comma-separated: safety, alignment, failure
    #[arg(
        long = "template",
        value_name = "LIST",
        default_value = "safety,alignment",
        value_parser = template_list
    )]
    templates: TemplateList,
    /// The language the questions are written in: en, de, es or ar
    #[arg(long, value_name = "CODE", default_value = "en", value_parser = ["en", "de", "es", "ar"])]
    language: String,
    /// Further languages to ask in, comma-separated (the question sets come translated; a
    /// title of your own is left to translate in set-up)
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = ["en", "de", "es", "ar"])]
    also: Vec<String>,
    /// The survey's id [default: made from the title, e.g. platform-team-pulse]
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Where to write the new results key (a new file; never next to the team file)
    #[arg(long = "key-out", value_name = "FILE")]
    key_out: PathBuf,
    /// The day the first round opens, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DAY")]
    date: Option<String>,
}

#[derive(Debug, Args)]
struct LocationArgs {
    /// The team file: a path, or the address of a shared file (http or https)
    #[arg(value_name = "FILE|URL")]
    location: String,
}

#[derive(Debug, Args)]
struct PublishArgs {
    /// The team file: a path, or the address of a shared file (http or https)
    #[arg(value_name = "FILE|URL")]
    location: String,
    /// The results key file, or (repeated) enough share files of a split key
    #[arg(long, value_name = "FILE", required = true)]
    key: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct SealArgs {
    /// The team file to seal (- for standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Where to write the new results key (a new file)
    #[arg(long = "key-out", value_name = "FILE")]
    key_out: PathBuf,
}

#[derive(Debug, Subcommand)]
enum OrgCommand {
    /// A new organisation file on stdout, one team per team file (named by its survey title)
    ///
    /// Groups (departments, nesting allowed) are added by editing the file: see
    /// docs/format.md, "The organisation file".
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor org new --title Engineering \\\n    https://dav.example/pulse/payments.json https://dav.example/pulse/search.json > org.json"
    )]
    New(OrgNewArgs),
    /// Every team's released results by period, and totals for the organisation and each
    /// group, pooled from released results only
    ///
    /// Team files are read 8 at a time; a team whose file cannot be read or is invalid is
    /// listed with its reason (and on stderr) while the others are reported. Exit 1 when any
    /// team could not be used.
    #[command(
        verbatim_doc_comment,
        after_help = "Example:\n  candor org report org.json --period quarter --format csv"
    )]
    Report(OrgReportArgs),
    /// The JSON Schema of the organisation file on stdout
    Schema,
}

#[derive(Debug, Args)]
struct OrgNewArgs {
    /// Shown on the organisation view
    #[arg(long, value_name = "TITLE")]
    title: String,
    /// The teams' files: URLs (https://…) or paths, written as given
    #[arg(value_name = "TEAM_FILE", required = true)]
    files: Vec<String>,
}

#[derive(Debug, Args)]
struct OrgReportArgs {
    /// The organisation file: a path, or a URL (its teams' relative locations are then read
    /// from beside it, as the organisation page reads them)
    #[arg(value_name = "ORG")]
    file: String,
    /// How rounds are lined up across teams: by the month or the quarter they opened
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    period: PeriodArg,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PeriodArg {
    Month,
    Quarter,
}

#[derive(Debug, Args)]
struct DemoArgs {
    /// Print the demo's results key instead of its file
    #[arg(long)]
    key: bool,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The team file (- for standard input)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Seed for the comments' shuffled order [default: a new order every run]
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// The results key file (or, repeated, share files): closed rounds not yet published are
    /// computed too
    #[arg(long, value_name = "FILE")]
    key: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct SplitArgs {
    /// The team file whose key is split (to check the key belongs to it)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The results key file to split
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// How many shares to make (2 to 9)
    #[arg(long, value_name = "N", default_value_t = 3)]
    shares: u8,
    /// How many shares release a round together (2 to N)
    #[arg(long, value_name = "K", default_value_t = 2)]
    needed: u8,
}

#[derive(Debug, Args)]
// Something to send: at least one --answer, or a comment.
#[command(group = clap::ArgGroup::new("response")
    .args(["answers", "comment"])
    .required(true)
    .multiple(true))]
struct SubmitArgs {
    /// Address of the shared team file (http or https), or a path
    #[arg(value_name = "URL")]
    url: String,
    /// The round to answer [default: the survey's open round]
    #[arg(long, value_name = "ID")]
    round: Option<String>,
    /// An answer: question id and a value on the survey's scale (repeat for more)
    #[arg(long = "answer", value_name = "QUESTION=VALUE", value_parser = answer)]
    answers: Vec<(String, u8)>,
    /// A comment (sealed apart from the answers; shown only once enough people wrote one)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct CheckStorageArgs {
    /// Address of the shared team file (http or https)
    #[arg(value_name = "URL")]
    url: String,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Json,
    Csv,
}

/// The question sets chosen with `--template`, each once, in the order given.
#[derive(Clone)]
struct TemplateList(Vec<&'static templates::Template>);

impl std::fmt::Debug for TemplateList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter().map(|t| t.id)).finish()
    }
}

/// Reads `--template`: names may have spaces around them and empty items are skipped, so
/// "safety, alignment," works. The names come from the templates themselves.
fn template_list(text: &str) -> Result<TemplateList, String> {
    let names = || {
        templates::ALL
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut chosen: Vec<&'static templates::Template> = Vec::new();
    for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let template = templates::find(name)
            .ok_or_else(|| format!("unknown template \"{name}\" (choose from {})", names()))?;
        if !chosen.iter().any(|t| t.id == template.id) {
            chosen.push(template);
        }
    }
    if chosen.is_empty() {
        return Err(format!("choose at least one template ({})", names()));
    }
    Ok(TemplateList(chosen))
}

/// Reads `--answer QUESTION=VALUE`; whether the survey has that question and scale is checked
/// once the file is read.
fn answer(text: &str) -> Result<(String, u8), String> {
    text.split_once('=')
        .and_then(|(q, v)| Some((q.trim().to_owned(), v.trim().parse::<u8>().ok()?)))
        .filter(|(q, _)| !q.is_empty())
        .ok_or_else(|| "expected QUESTION=VALUE with a whole number, e.g. safety-2=6".to_owned())
}

/// Runs the tool with `args` (without the program name); returns the exit code. Help and the
/// version go to `out`; everything else that is not a result goes to `err`.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let argv = std::iter::once(OsString::from("candor")).chain(args.iter().cloned());
    let result = match Cli::try_parse_from(argv) {
        Ok(cli) => cli.command.run(out, err),
        // `--help` and `--version` arrive as "errors" that belong on stdout, exit 0.
        Err(help) if !help.use_stderr() => write_all(out, help.to_string().as_bytes()),
        Err(usage) => Err(Failure::Usage(usage)),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            failure.write_to(err);
            failure.exit_code()
        }
    }
}

impl Command {
    fn run(self, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
        match self {
            Command::Check(args) => check(args, out, err),
            Command::Merge(args) => merge(args, out, err),
            Command::New(args) => new(args, out),
            Command::Report(args) => report(args, out, err),
            Command::Close(args) => close(args, out),
            Command::Publish(args) => publish(args, out, err),
            Command::Seal(args) => seal(args, out, err),
            Command::SplitKey(args) => split_key(args, out),
            Command::Submit(args) => submit(args, out),
            Command::CheckStorage(args) => check_storage(args, out, err),
            Command::Schema => schema(out),
            Command::Org(OrgCommand::New(args)) => org_new(args, out, err),
            Command::Org(OrgCommand::Report(args)) => org_report(args, out, err),
            Command::Org(OrgCommand::Schema) => {
                write_all(out, format!("{}\n", crate::org::schema_text()).as_bytes())
            }
            Command::Demo(args) if args.key => {
                write_all(out, format!("{}\n", release::DEMO_KEY).as_bytes())
            }
            Command::Demo(_) => write_all(out, &release::demo_bytes()),
        }
    }
}

/// Why the tool stopped, and so its exit code.
#[derive(Debug, thiserror::Error)]
enum Failure {
    /// Wrong usage (exit 2): clap's message, which names the argument, and the usage line.
    #[error("{0}")]
    Usage(clap::Error),
    /// An input that cannot be read or used as asked, or output that cannot be written
    /// (exit 2).
    #[error("{0}")]
    Io(String),
    /// An input file, or the file the tool would write, breaks the format's rules (exit 1).
    #[error("{file} is invalid")]
    Invalid { file: String, error: FileError },
    /// Problems already written to stderr (exit 1).
    #[error("problems were reported")]
    Reported,
    /// The shared file could not be read or written (exit 1).
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Io(_) => 2,
            Failure::Invalid { .. } | Failure::Reported | Failure::Store(_) => 1,
        }
    }

    /// Writes the failure to stderr; a write that fails there has nowhere left to go.
    fn write_to(&self, err: &mut dyn Write) {
        let _ = match self {
            // Clap's text already starts with "error:" and ends with a newline.
            Failure::Usage(usage) => write!(err, "{usage}"),
            Failure::Invalid { file, error } => error
                .problems
                .iter()
                .try_for_each(|problem| writeln!(err, "error: {file}: {problem}")),
            Failure::Reported => Ok(()),
            Failure::Io(_) | Failure::Store(_) => writeln!(err, "error: {self}"),
        };
    }
}

/// A usage error found after parsing (e.g. an answer the survey does not take), written like
/// clap's own, with the subcommand's usage line.
fn usage(subcommand: &str, kind: ErrorKind, message: impl std::fmt::Display) -> Failure {
    let mut cli = Cli::command();
    // Building sets each subcommand's full name ("candor submit") for its usage line.
    cli.build();
    Failure::Usage(match cli.find_subcommand_mut(subcommand) {
        Some(command) => command.error(kind, message),
        None => cli.error(kind, message),
    })
}

fn write_all(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Failure> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Io(format!("cannot write output: {e}")))
}

/// The file's name as messages show it.
fn name(path: &Path) -> String {
    path.display().to_string()
}

fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        // One byte over the limit is enough for the loader to refuse the file by its size.
        std::fs::File::open(path)
            .and_then(|f| {
                f.take(model::limits::MAX_FILE_BYTES as u64 + 1)
                    .read_to_end(&mut bytes)
            })
            .map(|_| ())
    };
    result
        .map(|()| bytes)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", name(path))))
}

/// Reads and checks a team file, published numbers included (the tool shows and merges them).
fn load_file(path: &Path) -> Result<Document, Failure> {
    let bytes = read_input(path)?;
    model::load_full(&bytes).map_err(|error| Failure::Invalid {
        file: name(path),
        error,
    })
}

fn check(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let mut any_invalid = false;
    for file in &args.files {
        match load_file(file) {
            Ok(doc) => {
                let sealing = if doc.is_sealed() {
                    format!(
                        "sealed: {} answer and {} comment records",
                        doc.sealed_answers.len(),
                        doc.sealed_comments.len()
                    )
                } else {
                    "NOT SEALED: answers are readable by anyone with the file".to_owned()
                };
                let line = format!(
                    "{}: valid: survey \"{}\" revision {}, {} questions, {} rounds ({} published), {} events, {} plain responses, {} withdrawn; {sealing}\n",
                    name(file),
                    doc.survey.id,
                    doc.survey.revision,
                    doc.survey.questions.len(),
                    doc.rounds.len(),
                    doc.published.len(),
                    doc.events.len(),
                    doc.responses.len(),
                    doc.removed.len(),
                );
                write_all(out, line.as_bytes())?;
            }
            // Every file is checked; the problems of each invalid one are listed as found.
            Err(invalid @ Failure::Invalid { .. }) => {
                any_invalid = true;
                invalid.write_to(err);
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

fn merge(args: MergeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let [first, rest @ ..] = args.files.as_slice() else {
        return Err(usage(
            "merge",
            ErrorKind::MissingRequiredArgument,
            "merge needs at least one FILE",
        ));
    };
    let mut merged = load_file(first)?;
    for file in rest {
        let next = load_file(file)?;
        if next.survey.id != merged.survey.id {
            return Err(Failure::Io(format!(
                "{} holds survey \"{}\", not \"{}\"; only copies of one survey can be merged",
                name(file),
                next.survey.id,
                merged.survey.id
            )));
        }
        let result = model::merge(&merged, &next);
        for copy in [&merged, &next] {
            if let Err(e) = copy.check_answers_fit(&result.doc.survey) {
                return Err(Failure::Io(format!(
                    "{} and the copies before it cannot be merged: the survey revision that would be kept ({}) does not fit the answers: {e}",
                    name(file),
                    result.doc.survey.revision
                )));
            }
            // Released results never change: two releases of one round are not chosen between.
            if let Some(round) = result.doc.changed_release(copy) {
                return Err(Failure::Io(format!(
                    "{} and the copies before it cannot be merged: they hold different released results for round \"{round}\", and released results never change",
                    name(file)
                )));
            }
        }
        for conflict in &result.conflicts {
            let _ = writeln!(err, "warning: {}: {conflict}", name(file));
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

fn new(args: NewArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let id = args
        .id
        .unwrap_or_else(|| model::slug_from_title(&args.title));
    let today = match args.date {
        Some(day) => day,
        None => today()?,
    };
    let round = templates::monthly_round(&today).ok_or_else(|| {
        usage(
            "new",
            ErrorKind::InvalidValue,
            format!("\"{today}\" is not a day written as YYYY-MM-DD (--date)"),
        )
    })?;
    let key = ResultsKey::generate(&mut os_fill);
    let also: Vec<&str> = args.also.iter().map(String::as_str).collect();
    let mut doc = Document::new(templates::survey_in(
        &id,
        &args.title,
        &args.templates.0,
        &args.language,
        &also,
    ));
    doc.survey.results_key = Some(key.public().to_text());
    doc.rounds.push(round);
    let problems = model::validate(&doc);
    if !problems.is_empty() {
        return Err(Failure::Invalid {
            file: "new survey".into(),
            error: FileError { problems },
        });
    }
    write_new_file(
        &args.key_out,
        release::key_file(&doc, &key.to_text()).as_bytes(),
    )?;
    write_all(out, &model::to_canonical_bytes(&doc))
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
fn today() -> Result<String, Failure> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Failure::Io("the system clock is before 1970".into()))?
        .as_secs();
    Ok(crate::invite::Day::from_number((seconds / 86_400) as i64).iso())
}

/// Writes a new file, never over an existing one (a key file overwritten by mistake would
/// lose every unreleased round sealed to it).
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Only its owner can read a key file.
        options.mode(0o600);
    }
    options
        .open(path)
        .and_then(|mut file| file.write_all(bytes))
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", name(path))))
}

/// The results key from a key file, or from share files of a split key (read together).
fn read_key_files(paths: &[PathBuf]) -> Result<ResultsKey, Failure> {
    let mut text = String::new();
    for path in paths {
        let bytes = read_input(path)?;
        let part = std::str::from_utf8(&bytes)
            .map_err(|_| Failure::Io(format!("{} is not a Candor results key file", name(path))))?;
        text.push_str(part);
        text.push('\n');
    }
    release::read_key_file(&text).map_err(|e| match e {
        crate::seal::KeyError::TooFewShares { .. } => {
            Failure::Io(format!("{}: {e}", key_names(paths)))
        }
        _ => Failure::Io(format!(
            "{}: not a Candor results key, or shares of one",
            key_names(paths)
        )),
    })
}

/// The key files' names, as messages show them.
fn key_names(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| name(p)).collect::<Vec<_>>().join(", ")
}

/// [`read_key_files`], checked against `doc`.
fn read_key(paths: &[PathBuf], doc: &Document) -> Result<ResultsKey, Failure> {
    let key = read_key_files(paths)?;
    release::check_key(doc, &key).map_err(|e| Failure::Io(format!("{}: {e}", key_names(paths))))?;
    Ok(key)
}

fn report(args: ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let doc = load_file(&args.file)?;
    // Comments are shuffled; without --seed the order differs on every run.
    let seed = args.seed.unwrap_or_else(|| getrandom::u64().unwrap_or(0));
    let report = match args.key.as_slice() {
        [] => stats::report(&doc, seed),
        paths => {
            let key = read_key(paths, &doc)?;
            let (report, problems) = release::report_with_key(&doc, &key, seed)
                .map_err(|e| Failure::Io(e.to_string()))?;
            warn_unopened(err, &problems);
            report
        }
    };
    match args.format {
        Format::Json => {
            let mut text = stats::to_json(&report).to_string();
            text.push('\n');
            write_all(out, text.as_bytes())
        }
        Format::Csv => write_all(out, stats::to_csv(&report).as_bytes()),
    }
}

/// Says how many records could not be opened, per round and kind, never which ones.
fn warn_unopened(err: &mut dyn Write, problems: &[release::RecordProblem]) {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for problem in problems {
        let kind = match problem.kind {
            crate::seal::Kind::Answers => "responses",
            crate::seal::Kind::Comment => "comments",
        };
        *counts.entry((problem.round.as_str(), kind)).or_default() += 1;
    }
    for ((round, kind), n) in counts {
        let _ = writeln!(
            err,
            "warning: round \"{round}\": {n} {kind} could not be opened or were not valid, and are left out"
        );
    }
}

/// Whether a location names a shared file on a server rather than a path.
fn is_url(location: &str) -> bool {
    location.starts_with("http://") || location.starts_with("https://")
}

/// Runs `edit` on the team file at `location`: through the write protocol for a URL (read,
/// change, conditional write, retried on a clash), or read-change-write for a path.
fn edit_location(
    location: &str,
    edit: &mut dyn FnMut(&mut Document) -> Result<bool, crate::storage::StoreError>,
) -> Result<Document, Failure> {
    use crate::storage::{native, protocol};
    if is_url(location) {
        let http = native::Http::default();
        let mut jitter = jitter;
        return Ok(native::block_on(protocol::edit(
            &http,
            location,
            edit,
            &mut jitter,
        ))?);
    }
    let path = Path::new(location);
    // Several processes may answer into one file at once: each holds a lock on a sibling
    // lock file while it reads, changes and writes, so none overwrites another's answers.
    let lock_path = PathBuf::from(format!("{}.lock", path.display()));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .and_then(|file| file.lock().map(|()| file))
        .map_err(|e| Failure::Io(format!("cannot lock {}: {e}", name(&lock_path))))?;
    let mut doc = load_file(path)?;
    if edit(&mut doc)? {
        write_replacing(path, &model::to_canonical_bytes(&doc))?;
    }
    drop(lock);
    Ok(doc)
}

/// Replaces a file's content in one step: written beside it, then renamed over it, so a crash
/// or a full disk never leaves a team file cut short.
fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let temporary = PathBuf::from(format!("{}.candor-new", path.display()));
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            Failure::Io(format!("cannot write {}: {e}", name(path)))
        })
}

fn jitter() -> f64 {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_or(0.5, |()| {
        (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
    })
}

fn close(args: LocationArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let mut closed = None;
    let doc = edit_location(&args.location, &mut |doc| {
        let Some(round) = doc.open_round().map(|r| r.id.clone()) else {
            return Err(crate::storage::StoreError::Edit(
                "there is no open round to close".into(),
            ));
        };
        closed = Some(round.clone());
        doc.change(&model::Change::CloseRound(round))
            .map_err(|e| crate::storage::StoreError::Edit(e.to_string()))
    })?;
    let round = closed.unwrap_or_default();
    let line = format!(
        "closed round \"{round}\" with {} answers; release its results with: candor publish {} --key FILE\n",
        doc.answer_count(&round),
        args.location
    );
    write_all(out, line.as_bytes())
}

fn publish(args: PublishArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let key = read_key_files(&args.key)?;
    let seed = getrandom::u64().unwrap_or(0);
    let mut outcome = None;
    // A key that is not this survey's is a usage problem (exit 2), not a storage one.
    let mut refused = None;
    let edited = edit_location(&args.location, &mut |doc| {
        let released = release::publish(doc, &key, seed).map_err(|e| {
            let said = crate::storage::StoreError::Edit(e.to_string());
            refused = Some(e);
            said
        })?;
        let changed = !released.rounds.is_empty();
        *doc = released.doc;
        outcome = Some((released.rounds, released.problems));
        Ok(changed)
    });
    if let Some(e) = refused {
        return Err(Failure::Io(format!("{}: {e}", key_names(&args.key))));
    }
    edited?;
    let Some((rounds, problems)) = outcome else {
        return Ok(());
    };
    warn_unopened(err, &problems);
    let line = if rounds.is_empty() {
        "nothing to publish: every closed round is published already\n".to_owned()
    } else {
        format!("published rounds: {}\n", rounds.join(", "))
    };
    write_all(out, line.as_bytes())
}

fn split_key(args: SplitArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let doc = load_file(&args.file)?;
    let key = read_key(std::slice::from_ref(&args.key), &doc)?;
    let shares = crate::seal::split(&key, args.shares, args.needed, &mut os_fill).map_err(|e| {
        usage(
            "split-key",
            ErrorKind::InvalidValue,
            format!("{e} (--shares, --needed)"),
        )
    })?;
    let mut written = Vec::new();
    for (i, share) in shares.iter().enumerate() {
        let path = PathBuf::from(format!("{}.share-{}", args.key.display(), i + 1));
        let text = release::share_file(&doc, share, i + 1, shares.len(), args.needed);
        write_new_file(&path, text.as_bytes())?;
        written.push(name(&path));
    }
    let line = format!(
        "wrote {} shares ({} needed together): {}\ngive each to a different person, then delete {}\n",
        shares.len(),
        args.needed,
        written.join(", "),
        name(&args.key)
    );
    write_all(out, line.as_bytes())
}

fn seal(args: SealArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let doc = load_file(&args.file)?;
    if doc.is_sealed() {
        return Err(Failure::Io(format!(
            "{} is sealed already (its key cannot be replaced: answers sealed to it would be lost)",
            name(&args.file)
        )));
    }
    let key = ResultsKey::generate(&mut os_fill);
    let mut fresh_id = || {
        let mut bytes = [0u8; 16];
        os_fill(&mut bytes);
        model::ResponseId::from_random_bytes(bytes)
    };
    let seed = getrandom::u64().unwrap_or(0);
    let released = release::seal_survey(&doc, &key, &mut fresh_id, &mut os_fill, seed)
        .map_err(|e| Failure::Io(e.to_string()))?;
    warn_unopened(err, &released.problems);
    write_new_file(
        &args.key_out,
        release::key_file(&released.doc, &key.to_text()).as_bytes(),
    )?;
    write_all(out, &model::to_canonical_bytes(&released.doc))
}

fn submit(args: SubmitArgs, out: &mut dyn Write) -> Result<(), Failure> {
    use crate::respond::{Edit, Form};
    use crate::storage::{native, protocol};

    let mut form = Form::default();
    for (question, value) in args.answers {
        form.apply(Edit::Answer(question, Some(value)));
    }
    if let Some(comment) = args.comment {
        form.apply(Edit::Comment(comment));
    }
    if !form.is_sendable() {
        return Err(usage(
            "submit",
            ErrorKind::MissingRequiredArgument,
            "give at least one --answer or a --comment",
        ));
    }

    let url = args.url;
    let http = native::Http::default();
    let doc = if is_url(&url) {
        native::block_on(protocol::load(&http, &url))?.doc
    } else {
        load_file(Path::new(&url))?
    };
    let round = match args.round {
        Some(id) => id,
        None => doc
            .open_round()
            .map(|r| r.id.clone())
            .ok_or_else(|| Failure::Io("the survey has no open round".into()))?,
    };
    for (question, value) in form.answers.iter() {
        if doc.survey.question(question).is_none() {
            return Err(usage(
                "submit",
                ErrorKind::InvalidValue,
                format!("the survey has no question \"{question}\" (--answer)"),
            ));
        }
        if !(1..=doc.survey.scale).contains(&value) {
            return Err(usage(
                "submit",
                ErrorKind::InvalidValue,
                format!(
                    "answers are 1 to {}, not {value} (--answer {question}={value})",
                    doc.survey.scale
                ),
            ));
        }
    }
    let ids = (random_id()?, random_id()?);
    let submission = form
        .to_submission(&doc, &round, ids, &[], &mut os_fill)
        .map_err(|e| Failure::Io(e.to_string()))?;
    let written = if is_url(&url) {
        let mut jitter = jitter;
        native::block_on(protocol::submit(&http, &url, &submission, &mut jitter))?
    } else {
        edit_location(&url, &mut |doc| {
            let before = doc.clone();
            doc.apply(&submission)
                .map_err(|e| crate::storage::StoreError::Edit(e.to_string()))?;
            Ok(*doc != before)
        })?
    };
    let line = format!(
        "saved {} to {url}: round \"{round}\" now has {}{}\n",
        if written.is_sealed() {
            "sealed answers"
        } else {
            "answers"
        },
        match written.answer_count(&round) {
            1 => "1 answer".to_owned(),
            n => format!("{n} answers"),
        },
        if written.is_sealed() {
            ""
        } else {
            " (this survey is NOT sealed: anyone with the file can read them)"
        }
    );
    write_all(out, line.as_bytes())
}

/// A fresh random record id from the operating system's random source.
fn random_id() -> Result<model::ResponseId, Failure> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Failure::Io(format!("no random source: {e}")))?;
    Ok(model::ResponseId::from_random_bytes(bytes))
}

/// The operating system's random source as a `fill` function, for sealing and keys.
fn os_fill(dst: &mut [u8]) {
    // Sealing with weak randomness would break the seal for good: stop rather than go on.
    if let Err(e) = getrandom::fill(dst) {
        panic!("the operating system's random source failed: {e}");
    }
}

fn check_storage(
    args: CheckStorageArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    use crate::storage::{native, protocol};
    let http = native::Http::default();
    let check = native::block_on(protocol::check_location(&http, &args.url))?;
    let mark = |ok: bool| if ok { "yes" } else { "NO" };
    let mut report = format!(
        "probe file: {}\n  sends ETag: {}\n  refuses a second create (If-None-Match: *): {}\n  \
         accepts the current ETag (If-Match): {}\n  refuses an outdated ETag (If-Match): {}\n",
        check.probe,
        mark(check.etag),
        mark(check.refuses_second_create),
        mark(check.accepts_current_etag),
        mark(check.refuses_stale_etag),
    );
    for setting in protocol::UnsafeSetting::ALL {
        // Capitals for what is wrong, as above.
        let found = match check.found(setting) {
            Some(true) => "YES",
            Some(false) => "no",
            None => "not checked",
        };
        report.push_str(&format!(
            "  {} ({}): {found}\n",
            setting.words(),
            check.evidence(setting)
        ));
    }
    write_all(out, report.as_bytes())?;
    if check.is_safe() {
        return write_all(
            out,
            b"safe: concurrent submissions cannot overwrite each other here, and the folder \
              takes nothing but team files\n",
        );
    }
    let _ = writeln!(err, "error: not safe for a shared team file:");
    if !check.honours_conditional_writes() {
        let _ = writeln!(
            err,
            "  does not honour conditional writes, so answers could be lost: use a server that \
             does (see docs/hosting.md)"
        );
    }
    for setting in check.unsafe_settings() {
        let _ = writeln!(
            err,
            "  {} ({}): {}",
            setting.words(),
            check.evidence(setting),
            setting.fix()
        );
    }
    if check.other_probe_left {
        let _ = writeln!(
            err,
            "  the check could not remove {} again: delete it on the server",
            check.other_probe
        );
    }
    Err(Failure::Reported)
}

/// Reads a team file named in an organisation file: a URL, or a path relative to `base`
/// (the organisation file's folder). Published numbers are read and checked.
fn read_team(location: &str, base: &Path) -> Result<Document, String> {
    let bytes = if is_url(location) {
        use crate::storage::{native, protocol};
        let http = native::Http::default();
        native::block_on(protocol::read(&http, location))
            .map_err(|e| e.to_string())?
            .body
    } else {
        std::fs::read(base.join(location)).map_err(|e| format!("cannot read {location}: {e}"))?
    };
    model::load_full(&bytes).map_err(|e| format!("the file is not valid: {e}"))
}

/// Reads every location with at most `workers` reads at a time, and keeps of each only what
/// `keep` makes of it (so that a thousand team files are not all held at once); results in the
/// given order.
fn read_teams<T: Send>(
    locations: &[&str],
    base: &Path,
    workers: usize,
    keep: &(dyn Fn(usize, Result<Document, String>) -> T + Sync),
) -> Vec<T> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new(
        std::iter::repeat_with(|| None)
            .take(locations.len())
            .collect(),
    );
    std::thread::scope(|scope| {
        for _ in 0..workers.min(locations.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(location) = locations.get(i) else {
                        break;
                    };
                    let kept = keep(i, read_team(location, base));
                    if let Ok(mut results) = results.lock() {
                        results[i] = Some(kept);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

fn org_new(args: OrgNewArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let mut org = crate::org::OrgFile::new(&args.title);
    let locations: Vec<&str> = args.files.iter().map(String::as_str).collect();
    let titles = read_teams(&locations, Path::new("."), 8, &|_, read| {
        read.map(|doc| doc.survey.title)
    });
    if titles.len() != locations.len() {
        return Err(Failure::Io("not every team file was read".into()));
    }
    let mut failed = false;
    for (location, title) in locations.iter().zip(titles) {
        let title = match title {
            Ok(title) => title,
            Err(reason) => {
                let _ = writeln!(err, "{location}: {reason}");
                failed = true;
                continue;
            }
        };
        let slug = model::slug_from_title(&title);
        let taken = |id: &str| org.teams.iter().any(|t| t.id == id);
        let id = if taken(&slug) {
            model::free_id(&slug, taken)
        } else {
            slug
        };
        org.teams.push(crate::org::Team {
            id,
            name: title,
            group: None,
            file: (*location).to_owned(),
        });
    }
    if failed {
        return Err(Failure::Io(
            "some team files could not be read (above); no organisation file was written".into(),
        ));
    }
    crate::org::check(&org).map_err(|e| Failure::Io(e.to_string()))?;
    write_all(out, org.to_text().as_bytes())
}

fn org_report(
    args: OrgReportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    use crate::org::report::{self, Period};
    let (bytes, base) = if is_url(&args.file) {
        use crate::storage::{native, protocol};
        let http = native::Http::default();
        let reply = native::block_on(protocol::read(&http, &args.file))
            .map_err(|e| Failure::Io(format!("{}: {e}", args.file)))?;
        (reply.body, None)
    } else {
        let path = Path::new(&args.file);
        (
            read_input(path)?,
            Some(path.parent().unwrap_or(Path::new("."))),
        )
    };
    let org = crate::org::load(&bytes).map_err(|e| Failure::Io(format!("{}: {e}", args.file)))?;
    let locations: Vec<String> = org
        .teams
        .iter()
        .map(|t| match base {
            Some(_) => t.file.clone(),
            None => crate::org::resolve(&args.file, &t.file),
        })
        .collect();
    let locations: Vec<&str> = locations.iter().map(String::as_str).collect();
    let base = base.unwrap_or(Path::new("."));
    let period = match args.period {
        PeriodArg::Month => Period::Month,
        PeriodArg::Quarter => Period::Quarter,
    };
    let rows = read_teams(&locations, base, 8, &|i, read| {
        let team = &org.teams[i];
        read.map(|doc| report::team_row(team, &doc, period))
            .map_err(|reason| report::TeamProblem {
                id: team.id.clone(),
                name: team.name.clone(),
                reason,
            })
    });
    let report = report::build_from_rows(&org, rows, period);
    let _ = writeln!(
        err,
        "{} of {} teams read",
        report.teams.len(),
        org.teams.len()
    );
    for problem in &report.problems {
        let _ = writeln!(
            err,
            "warning: team \"{}\": {}",
            problem.name, problem.reason
        );
    }
    match args.format {
        Format::Json => {
            let mut text = report::to_json(&report).to_string();
            text.push('\n');
            write_all(out, text.as_bytes())?;
        }
        Format::Csv => write_all(out, report::to_csv(&report).as_bytes())?,
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
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
    let schema = model::sorted_json(schemars::schema_for!(Document).to_value());
    serde_json::to_string_pretty(&schema).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_definition_is_consistent() {
        // clap's own check of the derive: names, groups, defaults.
        Cli::command().debug_assert();
    }

    #[test]
    fn usage_errors_found_after_parsing_look_like_clap_s() {
        let failure = usage(
            "submit",
            ErrorKind::InvalidValue,
            "answers are 1 to 7, not 9",
        );
        assert_eq!(failure.exit_code(), 2);
        let mut err = Vec::new();
        failure.write_to(&mut err);
        let text = String::from_utf8_lossy(&err);
        assert!(
            text.starts_with("error: answers are 1 to 7, not 9\n"),
            "{text}"
        );
        assert!(text.contains("Usage: candor submit"), "{text}");
    }

    #[test]
    fn template_lists_and_answers() {
        let ids = |text| template_list(text).map(|l| l.0.iter().map(|t| t.id).collect::<Vec<_>>());
        assert_eq!(
            ids(" failure, safety,,failure "),
            Ok(vec!["failure", "safety"])
        );
        assert!(ids("safety,nope").is_err_and(|e| e.contains("\"nope\"")));
        assert!(ids(" , ").is_err());
        assert_eq!(answer("safety-2=6"), Ok(("safety-2".into(), 6)));
        for bad in ["safety-2", "=6", "safety-2=x", "safety-2=300"] {
            assert!(answer(bad).is_err(), "{bad}");
        }
    }
}
