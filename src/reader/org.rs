//! The organisation view's reading, in the reader worker: the organisation file, then every
//! team's file with at most [`CONCURRENT_READS`] reads at a time, each file reduced at once to
//! its released summaries ([`crate::org::report::team_row`], for months and for quarters) so
//! the worker holds summaries, never a thousand files; progress to the page as it goes; then the report and its
//! cards for the period the page asks for, as often as it asks, from the summaries kept.
//!
//! Messages (plain JavaScript arrays, read back strictly on the page by [`Reply::from_js`]):
//! the page sends `["org", url, language?]` and `["org-view", "month" | "quarter", period |
//! null, language?]`; the worker answers `["org-progress", read, total]` (several times), then
//! `["org-ready", …]` ([`Reply::to_js`]) or `["org-failed", why]`. `["org-export", "month" |
//! "quarter", "csv" | "json", language?]` is answered with `["org-file", name, blob]`.
//!
//! For making an organisation file: `["org-titles", base, links]` reads each team file and
//! answers `["org-titles", [[title, null] | [null, why], …]]`; `["org-make", title, [[name,
//! group path, file], …], url | null, opened ETag | null, opened from | null, language?]`
//! builds and checks the file and, given an address, writes it there
//! ([`protocol::save_file`]; only over the version opened, when it was opened), answering
//! `["org-made", text, "created" | "replaced" | null]` or `["org-failed", why]`. To change a
//! file made before, `["org-open", url, language?]` answers `["org-opened", title, [[name,
//! group path, file], …], ETag | null]`.
//!
//! `language` is the text of the page's language file (its part for the organisation page,
//! which carries the results page's texts too; none: English): the cards and every `why` are
//! written in it ([`Words`]). A problem of a team's file or of a server inside them (a team's
//! reason in the problems card, `why` of `org-titles`) comes as it is, in English, as the
//! exports and `candor org report` say it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::chart::SafeHtml;
use crate::dashboard;
use crate::dashboard::org::Words;
use crate::i18n::OrgMsg as O;
use crate::org::report::{self, Period, TeamProblem, TeamRow};
use crate::org::{self as orgfile, OrgFile};
use crate::storage::{browser, protocol};

/// Team files read at once: enough to keep a loopback or nearby store busy while parsing runs,
/// few enough that a slow server is not flooded (browsers allow six connections per host).
pub const CONCURRENT_READS: usize = 6;

/// The fewest milliseconds between two progress messages: the page redraws its bar on each.
const PROGRESS_EVERY_MS: f64 = 50.0;

/// What the worker keeps between the page's requests: the organisation file and each team's
/// summaries (or why it has none), by month and by quarter.
struct Session {
    org: OrgFile,
    months: Vec<Result<TeamRow, TeamProblem>>,
    quarters: Vec<Result<TeamRow, TeamProblem>>,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// The page's view of one period, drawn in the worker.
#[derive(Debug, PartialEq)]
pub struct View {
    pub title: String,
    pub period: Period,
    /// Every period some team released results in, oldest first.
    pub periods: Vec<String>,
    /// The period shown (`None`: nothing was released at all).
    pub shown: Option<String>,
    pub cards: Vec<SafeHtml>,
    /// Teams listed, and teams that could not be read.
    pub teams: usize,
    pub problems: usize,
}

/// What the worker says about an organisation.
#[derive(Debug, PartialEq)]
pub enum Reply {
    Progress {
        read: usize,
        total: usize,
    },
    Ready(Box<View>),
    /// An export, made in the worker as a file the page only hands to the browser: the
    /// report of a thousand teams is megabytes of text, too much to copy on the page's thread.
    File {
        name: String,
        file: web_sys::Blob,
    },
    Failed(String),
}

/// Why an organisation file cannot be read, made or written, with the problem of the file or
/// the server (in English) inside: said in the page's language by [`Problem::said`].
enum Problem {
    /// The page sent something the worker cannot use (a page of another version).
    Request,
    Unreadable(String),
    Invalid(String),
    WouldNotBeValid(String),
    NotWritten(String),
}

impl Problem {
    fn said(&self, w: &Words) -> String {
        let t = &w.org;
        match self {
            Self::Request => t.get(O::RequestMalformed).to_owned(),
            Self::Unreadable(why) => t.fill(O::OrgFileUnreadable, &[("why", why)]),
            Self::Invalid(why) => t.fill(O::OrgFileInvalid, &[("why", why)]),
            Self::WouldNotBeValid(why) => t.fill(O::WouldNotBeValid, &[("why", why)]),
            Self::NotWritten(why) => t.fill(O::NotWritten, &[("why", why)]),
        }
    }
}

/// The texts to answer a request in: the language file at `index` of `message` (none, or one
/// that cannot be read: English).
fn words_at(message: &Array, index: u32) -> Words {
    message
        .get(index)
        .as_string()
        .and_then(|json| Words::parse(&json).ok())
        .unwrap_or_default()
}

/// Whether `data` is one of the organisation view's requests.
pub fn is_request(data: &JsValue) -> bool {
    data.dyn_ref::<Array>()
        .and_then(|m| m.get(0).as_string())
        .is_some_and(|kind| {
            matches!(
                kind.as_str(),
                "org" | "org-view" | "org-export" | "org-open" | "org-titles" | "org-make"
            )
        })
}

/// Answers an organisation request (see [`is_request`]), posting to `replies`.
pub fn serve(data: JsValue, replies: web_sys::DedicatedWorkerGlobalScope) {
    let Ok(message) = data.dyn_into::<Array>() else {
        return;
    };
    let poster = replies.clone();
    let post = move |reply: Reply| {
        let _ = poster.post_message(&reply.to_js());
    };
    match message.get(0).as_string().as_deref() {
        Some("org") => {
            let w = words_at(&message, 2);
            let Some(url) = message.get(1).as_string() else {
                post(Reply::Failed(Problem::Request.said(&w)));
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                let post = Rc::new(post);
                let progress = post.clone();
                match read(&url, move |read, total| {
                    progress(Reply::Progress { read, total })
                })
                .await
                {
                    Ok(()) => post(view(&w, Period::Month, None)),
                    Err(problem) => post(Reply::Failed(problem.said(&w))),
                }
            });
        }
        Some("org-open") => {
            let url = message.get(1).as_string().unwrap_or_default();
            let w = words_at(&message, 2);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match open(&url).await {
                    Ok(answer) => answer,
                    Err(problem) => Reply::Failed(problem.said(&w)).to_js(),
                };
                let _ = replies.post_message(&answer);
            });
        }
        Some("org-titles") => {
            let base = message.get(1).as_string().unwrap_or_default();
            let links: Vec<String> = message
                .get(2)
                .dyn_into::<Array>()
                .map(|a| a.iter().filter_map(|l| l.as_string()).collect())
                .unwrap_or_default();
            wasm_bindgen_futures::spawn_local(async move {
                let titles = titles(&base, &links).await;
                let _ = replies.post_message(&titles);
            });
        }
        Some("org-make") => {
            let w = words_at(&message, 6);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match make(&message).await {
                    Ok((text, saved)) => Array::of3(
                        &"org-made".into(),
                        &text.into(),
                        &saved.map_or(JsValue::NULL, |s| {
                            JsValue::from(match s {
                                protocol::Saved::Created => "created",
                                protocol::Saved::Replaced => "replaced",
                            })
                        }),
                    )
                    .into(),
                    Err(problem) => Reply::Failed(problem.said(&w)).to_js(),
                };
                let _ = replies.post_message(&answer);
            });
        }
        Some("org-view") => {
            let period = match message.get(1).as_string().as_deref() {
                Some("quarter") => Period::Quarter,
                _ => Period::Month,
            };
            post(view(
                &words_at(&message, 3),
                period,
                message.get(2).as_string(),
            ));
        }
        Some("org-export") => {
            let period = match message.get(1).as_string().as_deref() {
                Some("quarter") => Period::Quarter,
                _ => Period::Month,
            };
            let json = message.get(2).as_string().as_deref() == Some("json");
            post(export(&words_at(&message, 3), period, json));
        }
        _ => {}
    }
}

/// Reads the organisation file at `url` and every team's file, keeping their summaries in the
/// session; `progress(read, total)` as files are read.
async fn read(url: &str, progress: impl Fn(usize, usize) + 'static) -> Result<(), Problem> {
    let fetch = browser::Fetch::default();
    let bytes = protocol::read(&fetch, url)
        .await
        .map_err(|e| Problem::Unreadable(e.to_string()))?
        .body;
    let org = orgfile::load(&bytes).map_err(|e| Problem::Invalid(e.to_string()))?;
    let total = org.teams.len();
    progress(0, total);
    let org = Rc::new(org);
    let next = Rc::new(Cell::new(0usize));
    let done = Rc::new(Cell::new(0usize));
    let last_post = Rc::new(Cell::new(0.0f64));
    let progress = Rc::new(progress);
    let rows: Rc<RefCell<Vec<Option<BothRows>>>> =
        Rc::new(RefCell::new((0..total).map(|_| None).collect()));
    let lanes = (0..CONCURRENT_READS.min(total)).map(|_| {
        let (org, next, done, rows) = (org.clone(), next.clone(), done.clone(), rows.clone());
        let (progress, last_post, base) = (progress.clone(), last_post.clone(), url.to_owned());
        async move {
            let fetch = browser::Fetch::default();
            loop {
                let i = next.get();
                let Some(team) = org.teams.get(i) else {
                    break;
                };
                next.set(i + 1);
                let kept = match read_team(&fetch, &base, &team.file).await {
                    Ok(doc) => (
                        Ok(report::team_row(team, &doc, Period::Month)),
                        Ok(report::team_row(team, &doc, Period::Quarter)),
                    ),
                    Err(reason) => {
                        let problem = TeamProblem {
                            id: team.id.clone(),
                            name: team.name.clone(),
                            reason,
                        };
                        (Err(problem.clone()), Err(problem))
                    }
                };
                if let Some(slot) = rows.borrow_mut().get_mut(i) {
                    *slot = Some(kept);
                }
                done.set(done.get() + 1);
                let now = js_sys::Date::now();
                if done.get() == total || now - last_post.get() >= PROGRESS_EVERY_MS {
                    last_post.set(now);
                    progress(done.get(), total);
                }
            }
        }
    });
    futures_util::future::join_all(lanes).await;
    let rows = std::mem::take(&mut *rows.borrow_mut());
    let (months, quarters) = rows
        .into_iter()
        .zip(&org.teams)
        .map(|(kept, team)| {
            kept.unwrap_or_else(|| {
                let problem = TeamProblem {
                    id: team.id.clone(),
                    name: team.name.clone(),
                    reason: "the file was not read".into(),
                };
                (Err(problem.clone()), Err(problem))
            })
        })
        .unzip();
    let org = Rc::try_unwrap(org).unwrap_or_else(|shared| (*shared).clone());
    SESSION.with(|s| {
        *s.borrow_mut() = Some(Session {
            org,
            months,
            quarters,
        })
    });
    Ok(())
}

type RowRead = Result<TeamRow, TeamProblem>;
/// A team's rows by month and by quarter.
type BothRows = (RowRead, RowRead);

/// The address of a team's file named `file` in the organisation file at `base`, as the
/// browser resolves a link; only `http:` and `https:` addresses are accepted (not `file:`,
/// `data:`, `blob:` or `javascript:`), so an organisation file cannot make the page read
/// anything but a web address.
pub fn team_url(base: &str, file: &str) -> Result<String, String> {
    let url = web_sys::Url::new_with_base(file, base)
        .map_err(|_| format!("{file} is not a web address"))?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err(format!("{file} is not a web address"));
    }
    Ok(url.href())
}

/// Reads one team's file, named relative to the organisation file's address; only web
/// addresses are read (an organisation file cannot point the page at anything else).
async fn read_team(
    fetch: &browser::Fetch,
    base: &str,
    file: &str,
) -> Result<crate::model::Document, String> {
    let url = team_url(base, file)?;
    let body = protocol::read(fetch, &url)
        .await
        .map_err(|e| e.to_string())?
        .body;
    crate::model::load_full(&body).map_err(|e| format!("the file is not valid: {e}"))
}

/// Each link's team file read, at most [`CONCURRENT_READS`] at a time: its title, or why not.
async fn titles(base: &str, links: &[String]) -> JsValue {
    let next = Rc::new(Cell::new(0usize));
    let found: Rc<RefCell<Vec<Result<String, String>>>> = Rc::new(RefCell::new(
        links.iter().map(|_| Err("not read".to_owned())).collect(),
    ));
    let lanes = (0..CONCURRENT_READS.min(links.len())).map(|_| {
        let (next, found) = (next.clone(), found.clone());
        async move {
            let fetch = browser::Fetch::default();
            while let Some(link) = links.get(next.get()) {
                let i = next.get();
                next.set(i + 1);
                let title = read_team(&fetch, base, link)
                    .await
                    .map(|doc| doc.survey.title);
                if let Some(slot) = found.borrow_mut().get_mut(i) {
                    *slot = title;
                }
            }
        }
    });
    futures_util::future::join_all(lanes).await;
    let answers: Array = found
        .borrow()
        .iter()
        .map(|found| match found {
            Ok(title) => Array::of2(&title.into(), &JsValue::NULL),
            Err(why) => Array::of2(&JsValue::NULL, &why.into()),
        })
        .collect();
    Array::of2(&"org-titles".into(), &answers).into()
}

/// Builds the organisation file from an `org-make` request and writes it when an address is
/// given: its text, and whether it was created or replaced there.
async fn make(message: &Array) -> Result<(String, Option<protocol::Saved>), Problem> {
    let title = message.get(1).as_string().unwrap_or_default();
    let entries: Vec<orgfile::Entry> = message
        .get(2)
        .dyn_into::<Array>()
        .map_err(|_| Problem::Request)?
        .iter()
        .map(|row| {
            let row: Array = row.dyn_into().ok()?;
            Some(orgfile::Entry {
                name: row.get(0).as_string()?,
                group_path: row.get(1).as_string()?,
                file: row.get(2).as_string()?,
            })
        })
        .collect::<Option<_>>()
        .ok_or(Problem::Request)?;
    let url = message.get(3).as_string().filter(|u| !u.trim().is_empty());
    let based_on = message.get(4).as_string();
    // A file opened from an address names its teams relative to it; written anywhere else (or
    // downloaded, to be put who knows where), those names become whole addresses, so every
    // team still points at its own file.
    let entries = match message.get(5).as_string() {
        Some(opened) if url.as_deref().map(str::trim) != Some(opened.as_str()) => entries
            .into_iter()
            .map(|e| orgfile::Entry {
                file: orgfile::resolve(&opened, e.file.trim()),
                ..e
            })
            .collect(),
        _ => entries,
    };
    let org = orgfile::from_entries(&title, &entries)
        .map_err(|e| Problem::WouldNotBeValid(e.to_string()))?;
    let text = org.to_text();
    let saved = match url {
        Some(url) => {
            let fetch = browser::Fetch::default();
            let ours = |body: &[u8]| orgfile::load(body).is_ok();
            Some(
                protocol::save_file(
                    &fetch,
                    url.trim(),
                    text.as_bytes(),
                    ours,
                    based_on.as_deref(),
                )
                .await
                .map_err(|e| Problem::NotWritten(e.to_string()))?,
            )
        }
        None => None,
    };
    Ok((text, saved))
}

/// The organisation file at `url`, as the page edits it: its title and teams
/// ([`orgfile::entries`]).
async fn open(url: &str) -> Result<JsValue, Problem> {
    let reply = protocol::read(&browser::Fetch::default(), url)
        .await
        .map_err(|e| Problem::Unreadable(e.to_string()))?;
    let bytes = reply.body;
    let org = orgfile::load(&bytes).map_err(|e| Problem::Invalid(e.to_string()))?;
    let teams: Array = orgfile::entries(&org)
        .iter()
        .map(|e| {
            Array::of3(
                &e.name.as_str().into(),
                &e.group_path.as_str().into(),
                &e.file.as_str().into(),
            )
        })
        .collect();
    Ok(Array::of4(
        &"org-opened".into(),
        &org.title.as_str().into(),
        &teams,
        &reply.etag.map_or(JsValue::NULL, JsValue::from),
    )
    .into())
}

/// The whole report by `period`, as CSV or JSON (what `candor org report` writes, in English
/// whatever the page's language: a file for other programs), as a file; a failure said in
/// `w`'s language.
fn export(w: &Words, period: Period, json: bool) -> Reply {
    let Some(report) = report_of(period) else {
        return Reply::Failed(w.org.get(O::NothingReadYet).to_owned());
    };
    let (text, name, mime) = if json {
        let mut text = report::to_json(&report).to_string();
        text.push('\n');
        (text, "organisation.json", "application/json")
    } else {
        (report::to_csv(&report), "organisation.csv", "text/csv")
    };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    match web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&text.into()), &options) {
        Ok(file) => Reply::File {
            name: name.into(),
            file,
        },
        Err(_) => Reply::Failed(w.org.get(O::ExportFailed).to_owned()),
    }
}

/// The report by `period` from the session's summaries.
fn report_of(period: Period) -> Option<report::OrgReport> {
    SESSION.with(|s| {
        let session = s.borrow();
        let session = session.as_ref()?;
        let rows = match period {
            Period::Month => session.months.clone(),
            Period::Quarter => session.quarters.clone(),
        };
        Some(report::build_from_rows(&session.org, rows, period))
    })
}

/// The view of `period` (the latest when `None` or unknown), from the session's summaries,
/// in `w`'s language.
fn view(w: &Words, period: Period, shown: Option<String>) -> Reply {
    SESSION.with(|s| {
        let session = s.borrow();
        let Some(session) = session.as_ref() else {
            return Reply::Failed(w.org.get(O::NothingReadYet).to_owned());
        };
        let rows = match period {
            Period::Month => session.months.clone(),
            Period::Quarter => session.quarters.clone(),
        };
        let report = report::build_from_rows(&session.org, rows, period);
        let shown = shown
            .filter(|p| report.periods.contains(p))
            .or_else(|| report.periods.last().cloned());
        let cards = dashboard::org::view(w, &session.org, &report, shown.as_deref());
        Reply::Ready(Box::new(View {
            title: report.title.clone(),
            period,
            periods: report.periods.clone(),
            shown,
            cards,
            teams: session.org.teams.len(),
            problems: report.problems.len(),
        }))
    })
}

impl Reply {
    /// The reply as the page receives it.
    pub fn to_js(&self) -> JsValue {
        match self {
            Self::Progress { read, total } => Array::of3(
                &"org-progress".into(),
                &(*read as f64).into(),
                &(*total as f64).into(),
            )
            .into(),
            Self::Failed(why) => Array::of2(&"org-failed".into(), &why.into()).into(),
            Self::File { name, file } => Array::of3(&"org-file".into(), &name.into(), file).into(),
            Self::Ready(v) => {
                let strings = |items: &mut dyn Iterator<Item = &str>| -> Array {
                    items.map(JsValue::from).collect()
                };
                [
                    JsValue::from("org-ready"),
                    v.title.as_str().into(),
                    v.period.name().into(),
                    strings(&mut v.periods.iter().map(String::as_str)).into(),
                    v.shown.as_deref().map_or(JsValue::NULL, JsValue::from),
                    strings(&mut v.cards.iter().map(SafeHtml::as_str)).into(),
                    (v.teams as f64).into(),
                    (v.problems as f64).into(),
                ]
                .iter()
                .collect::<Array>()
                .into()
            }
        }
    }

    /// The reply [`Reply::to_js`] wrote, or `None` for anything else.
    pub fn from_js(reply: &JsValue) -> Option<Self> {
        let reply: &Array = reply.dyn_ref()?;
        let count = |i| super::count_at(reply, i);
        let texts = |i| -> Option<Vec<String>> {
            reply
                .get(i)
                .dyn_into::<Array>()
                .ok()?
                .iter()
                .map(|s| s.as_string())
                .collect()
        };
        match reply.get(0).as_string()?.as_str() {
            "org-progress" if reply.length() == 3 => Some(Self::Progress {
                read: count(1)?,
                total: count(2)?,
            }),
            "org-failed" if reply.length() == 2 => Some(Self::Failed(reply.get(1).as_string()?)),
            "org-file" if reply.length() == 3 => Some(Self::File {
                name: reply.get(1).as_string()?,
                file: reply.get(2).dyn_into().ok()?,
            }),
            "org-ready" if reply.length() == 8 => Some(Self::Ready(Box::new(View {
                title: reply.get(1).as_string()?,
                period: match reply.get(2).as_string()?.as_str() {
                    "month" => Period::Month,
                    "quarter" => Period::Quarter,
                    _ => return None,
                },
                periods: texts(3)?,
                shown: match reply.get(4) {
                    v if v.is_null() => None,
                    v => Some(v.as_string()?),
                },
                // Written by the dashboard's markup writer in the worker: this program.
                cards: texts(5)?
                    .into_iter()
                    .map(SafeHtml::from_own_worker)
                    .collect(),
                teams: count(6)?,
                problems: count(7)?,
            }))),
            _ => None,
        }
    }
}
