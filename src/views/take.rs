//! Take the survey (`#/take`): the respondent's view, phone first.
//!
//! It reads the team file from its source (this device, or `?src=` a URL), shows the open
//! round's questions grouped by dimension, and submits through the outbox, so an answer given
//! offline is kept on the phone until the file confirms it. On this device's store (a phone
//! passed around a meeting) the form empties for the next person after each submission; on a
//! shared file reached from a personal phone, the phone remembers its own response so its
//! owner can change or withdraw it while the round is open.

use std::borrow::Cow;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::likert;
use crate::i18n::{Msg, Texts};
use crate::model::{Questionnaire, ResponseId, Round, Submission, Survey, limits};
use crate::respond::notices::{self, ACT_ATTR, Act, Destination, Intro};
use crate::respond::{Draft, Edit, Form, minutes_to_answer, withdrawal};
use crate::route::{Bundle, Page, Route};
use crate::sealer;
use crate::storage::Source;
use crate::storage::browser;
use crate::storage::respondent::{self, Outcome};
use crate::views::error::UiError;
use crate::views::frames::use_parts_per_frame;
use crate::views::lang::{switcher, use_language};
use crate::views::load::{Load, failed_card, loading_card, use_load};
use crate::views::{markup, named_target};

impl Reducible for Form {
    type Action = Edit;
    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(edit);
        Rc::new(next)
    }
}

/// Where the view is once the survey is open.
#[derive(Clone, PartialEq)]
enum Stage {
    /// Answering (or sending, while `sending`).
    Ready {
        doc: Rc<Questionnaire>,
        sending: bool,
        /// Shared, not copied: the stage is cloned on every change of the view.
        error: Option<Rc<UiError>>,
    },
    /// Sent: saved to the file, or kept in the outbox.
    Sent {
        doc: Rc<Questionnaire>,
        saved: bool,
        detail: Option<String>,
    },
    /// This device's response was withdrawn.
    Withdrawn { doc: Rc<Questionnaire>, saved: bool },
}

/// The view's whole life: loading the survey (as on every page), then its stages.
type Phase = Load<Stage>;

/// The view's state, shared by its parts: where the file is, the stage, the form, whether an
/// earlier response is being changed and whether the device is shared.
#[derive(Clone)]
struct Handles {
    source: Source,
    phase: UseStateHandle<Phase>,
    form: UseReducerHandle<Form>,
    editing: UseStateHandle<bool>,
    /// The person said this device is shared (remembered on the device).
    shared: UseStateHandle<bool>,
    /// Inside another page's frame.
    embedded: bool,
    /// The interface's texts in the page's language.
    t: Rc<Texts>,
    /// Back to the browser's language (the next person on a shared device).
    reset_language: Callback<()>,
}

impl Handles {
    /// Whether this device remembers nobody's response: this device's store (passed around a
    /// meeting), an embedded survey (its host page would see from the frame's height whether
    /// this visitor answered before), or a device the person said is shared.
    fn is_shared(&self) -> bool {
        matches!(self.source, Source::Device) || self.embedded || *self.shared
    }
}

#[derive(Properties, PartialEq)]
pub struct TakeProps {
    pub route: Route,
}

#[component]
pub fn Take(props: &TakeProps) -> Html {
    let source = Source::from_src(props.route.src.as_deref());
    let lang = use_language::<Msg>(Bundle::Respond);
    let t = lang.texts.clone();
    // The file came from this phone's offline copy (the network failed).
    let offline_copy = use_state(|| false);
    // Answers this phone kept to send later that the team file refused (their round closed
    // first): said on the page, never dropped in silence.
    let refusals = use_state(Vec::<String>::new);
    // Whether the person said this device is shared (see `Handles::is_shared`).
    let shared = use_state(browser::is_shared_device);
    let phase: UseStateHandle<Phase> = {
        let (offline_copy, refusals) = (offline_copy.clone(), refusals.clone());
        use_load(&source, move |source| async move {
            // Anything still waiting from an earlier visit is sent alongside, without holding
            // up this page (another file's server may be slow or down).
            let here = source.clone();
            spawn_local(async move {
                respondent::sync_outbox(&sealer::WRITER).await;
                let refused = respondent::take_refusals(&here);
                if !refused.is_empty() {
                    refusals.set(refused);
                }
            });
            let opened = respondent::open(&source).await?;
            offline_copy.set(opened.offline_copy);
            // Responses to rounds that closed can no longer be changed: forget them.
            let open_round = opened.form.open_round().map(|r| r.id.as_str());
            browser::forget_closed_rounds(&source, open_round);
            Ok(Stage::Ready {
                doc: Rc::new(opened.form),
                sending: false,
                error: None,
            })
        })
    };
    let form = use_reducer(Form::default);
    // The sealer worker, which seals the answers and writes them into the file, starts as
    // soon as the form is on screen: it is downloaded and compiled while the person answers,
    // and a phone that loses its signal meanwhile can still seal and keep the answers. (Not
    // later, e.g. with the first answer: the page's host would then see when someone began.)
    {
        let answering = matches!(&*phase, Load::Ready(Stage::Ready { .. }));
        use_effect_with(answering, move |&answering| {
            if answering {
                sealer::warm();
            }
        });
    }
    // Changing an earlier response: the form holds it, and sending replaces it.
    let editing = use_state(|| false);
    // The questions arrive one dimension per frame, the first with the survey's title, so
    // drawing the whole form never holds the phone in one long task; the comment box and the
    // send button come last, below them, so nothing on screen moves.
    let shown = use_parts_per_frame(match &*phase {
        Load::Ready(Stage::Ready { doc, .. }) => doc.survey.dimensions.len(),
        _ => 0,
    });

    let handles = Handles {
        source: source.clone(),
        phase: phase.clone(),
        form: form.clone(),
        editing: editing.clone(),
        shared: shared.clone(),
        embedded: props.route.embed,
        t: t.clone(),
        reset_language: lang.reset.clone(),
    };
    // What is drawn, and what its cards' buttons do (`None`: it has none).
    let (body, acts): (Html, Option<Callback<Act>>) = match &*phase {
        Load::Loading => (loading_card("card", t.get(Msg::Loading)), None),
        Load::Missing => (missing(&source, &t), None),
        Load::Failed(error) => (
            failed_card(
                t.get(Msg::CannotOpen),
                "take-error",
                &error.sentence_in(&t),
                None,
            ),
            None,
        ),
        Load::Ready(Stage::Ready {
            doc,
            sending,
            error,
        }) => match doc.open_round() {
            None => {
                let survey = reading(&doc.survey, &t);
                (
                    markup(notices::no_open_round(&t, &survey.title, &survey.language)),
                    None,
                )
            }
            Some(round) => {
                let mine = match &source {
                    // A shared device remembers no one: it is passed from person to person.
                    Source::Remote(_) if !handles.is_shared() => {
                        browser::my_response(&source, &round.id)
                    }
                    _ => None,
                };
                if let (Some(ids), false) = (mine.clone(), *editing) {
                    answered_before(&handles, doc, round, ids)
                } else {
                    let previous = if *editing {
                        mine.unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    let form = questionnaire(
                        &handles,
                        doc,
                        round,
                        shown,
                        previous,
                        *sending,
                        error.clone(),
                    );
                    (form, None)
                }
            }
        },
        Load::Ready(Stage::Sent { doc, saved, detail }) => {
            sent(&handles, doc, *saved, detail.as_deref())
        }
        Load::Ready(Stage::Withdrawn { doc, saved }) => {
            let answer_again = {
                let (phase, doc) = (phase.clone(), doc.clone());
                Callback::from(move |act| {
                    if act == Act::AnswerAgain {
                        phase.set(Load::Ready(Stage::Ready {
                            doc: doc.clone(),
                            sending: false,
                            error: None,
                        }));
                    }
                })
            };
            (markup(notices::withdrawn(&t, *saved)), Some(answer_again))
        }
    };
    // One listener for every card's buttons, which name what they do.
    let onclick = acts.map(|acts| {
        Callback::from(move |e: MouseEvent| {
            if let Some((_, act)) = named_target(e.target(), ACT_ATTR, Act::parse) {
                acts.emit(act);
            }
        })
    });

    // The confirmation comes into view: the form was scrolled to its end. (Embedded, the
    // page never scrolls its host, which would tell the host when someone sent: the frame
    // keeps the form's height and the confirmation sits at its end, where the send button
    // was; see `app`.)
    let confirmed = !props.route.embed
        && matches!(
            *phase,
            Load::Ready(Stage::Sent { .. } | Stage::Withdrawn { .. })
        );
    use_effect_with(confirmed, |&confirmed| {
        let card = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector("[data-testid=submitted], [data-testid=withdrawn]")
                .ok()
                .flatten()
        });
        if let (true, Some(card)) = (confirmed, card) {
            card.scroll_into_view();
        }
    });

    let offline = *offline_copy && matches!(*phase, Load::Ready(Stage::Ready { .. }));
    // (Not on a shared device: whoever holds it now may not be who answered.)
    let refused = (!refusals.is_empty() && !handles.is_shared()).then(|| {
        let reasons: Vec<String> = refusals
            .iter()
            .map(|why| UiError::Invalid(why.clone()).sentence())
            .collect();
        markup(notices::refused(&t, &reasons))
    });
    html! {
        <div class="take" data-testid="take-view" {onclick}>
            <div class="language-row">{ switcher(&lang, lang.texts.get(Msg::Language)) }</div>
            { refused }
            if offline {
                { markup(notices::offline_copy(&t)) }
            }
            { body }
        </div>
    }
}

/// A round's label as this person reads it: a label set-up made from the month ("December
/// 2026") is the month in the page's language ("diciembre de 2026", "ديسمبر 2026"), written by the
/// browser's own calendar names; a label the team wrote stays as written.
fn round_label(round: &Round, t: &Texts) -> String {
    crate::model::templates::label_in(round, t.language().code, browser::month_label)
}

/// The survey as this person reads it: in the page's language when every text they see is
/// translated into it, else in the survey's first language (the page then says so). Only for
/// showing: answers are keyed by question id, the same in every language, and what is sent or
/// written is the file's own survey.
fn reading<'a>(survey: &'a Survey, t: &Texts) -> Cow<'a, Survey> {
    let language = t.language().code;
    if survey.language == language {
        return Cow::Borrowed(survey);
    }
    survey
        .in_language(language)
        .map_or(Cow::Borrowed(survey), Cow::Owned)
}

/// No file at the source: on this device, point to set-up; for a link, explain.
fn missing(source: &Source, t: &Texts) -> Html {
    markup(match source {
        Source::Device => {
            let setup = Route {
                page: Page::Setup,
                src: None,
                embed: false,
                key: None,
            };
            notices::nothing_on_this_device(t, &Bundle::Respond.href(&setup))
        }
        Source::Remote(url) => notices::nothing_at(t, url),
    })
}

/// The survey's header: title, round, time, what anonymity means here, where the answers go,
/// and (on a link) the shared-device choice.
/// The shared-device choice is `locked` while earlier answers are being changed or sent (made
/// shared then, the change would become a second response).
fn intro(handles: &Handles, doc: &Questionnaire, round: &Round, locked: bool) -> Html {
    let (source, t) = (&handles.source, &handles.t);
    let survey = reading(&doc.survey, t);
    let asked = survey.active_questions().count();
    // As respond::survey_minutes, from the count shown beside it.
    let duration = match minutes_to_answer(asked) {
        1 => t.get(Msg::AboutOneMinute).to_owned(),
        minutes => t.fill(Msg::AboutMinutes, &[("minutes", &minutes.to_string())]),
    };
    // The round's label is the team's text: isolated, so its direction cannot reorder the
    // interface's words around it.
    let meta = t.fill(
        Msg::RoundMeta,
        &[
            (
                "round",
                &format!("\u{2068}{}\u{2069}", round_label(round, t)),
            ),
            ("count", &asked.to_string()),
            ("duration", &duration),
        ],
    );
    let other_language =
        (survey.language != t.language().code).then(|| crate::i18n::name_of(&survey.language));
    let (file_host, linked_from);
    let destination = match source {
        Source::Device => Destination::ThisDevice,
        Source::Remote(url) => {
            file_host = browser::host_of(url);
            linked_from = browser::referrer_host();
            let page_host = browser::host_of("./");
            // A crafted link could send the answers anywhere: the page says where, and warns
            // when the page that linked here is on another host than the file.
            let elsewhere = matches!((&linked_from, &file_host), (Some(from), Some(file))
                if from != file && Some(from) != page_host.as_ref());
            Destination::Server {
                host: file_host.as_deref(),
                linked_from_elsewhere: linked_from.as_deref().filter(|_| elsewhere),
            }
        }
    };
    let header = notices::intro(
        t,
        &Intro {
            title: &survey.title,
            language: &survey.language,
            meta: &meta,
            other_language,
            sealed_min: doc.is_sealed().then_some(doc.survey.min_group),
            destination,
        },
    );
    html! {
        <section class="card intro">
            { markup(header) }
            if matches!(source, Source::Remote(_)) && !handles.embedded {
                { shared_choice(&handles.shared, locked, t) }
            }
        </section>
    }
}

/// "This device is shared": then it remembers nothing of anyone's answers, and forgets what it
/// remembered.
fn shared_choice(shared: &UseStateHandle<bool>, locked: bool, t: &Texts) -> Html {
    let onchange = {
        let shared = shared.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            browser::set_shared_device(on);
            shared.set(on);
        })
    };
    html! {
        <label class="shared-device">
            <input type="checkbox" data-testid="shared-device" checked={**shared} disabled={locked} {onchange} />
            { " " }{ t.get(Msg::SharedDevice) }
        </label>
    }
}

/// The form, with the questions of the first `shown` dimensions (and, once all are shown,
/// the comment box and the send button).
fn questionnaire(
    handles: &Handles,
    doc: &Rc<Questionnaire>,
    round: &Round,
    shown: usize,
    previous: Vec<ResponseId>,
    sending: bool,
    error: Option<Rc<UiError>>,
) -> Html {
    let Handles {
        source,
        phase,
        form,
        editing,
        t,
        ..
    } = handles;
    let survey = reading(&doc.survey, t);
    let asked: Vec<_> = survey.active_questions().collect();
    let answered = asked
        .iter()
        .filter(|q| form.answers.contains(&q.id))
        .count();

    let complete = shown >= survey.dimensions.len();
    let dimensions = survey.dimensions.iter().take(shown).filter_map(|dimension| {
        let questions: Vec<Html> = asked
            .iter()
            .filter(|q| q.dimension == dimension.id)
            .map(|q| {
                let id = q.id.clone();
                let dispatcher = form.dispatcher();
                let on_change =
                    Callback::from(move |v| dispatcher.dispatch(Edit::Answer(id.clone(), v)));
                likert(
                    &q.id,
                    &q.text,
                    survey.scale,
                    form.answers.get(&q.id),
                    on_change,
                    t,
                )
            })
            .collect();
        (!questions.is_empty()).then(|| {
            html! {
                <section key={dimension.id.clone()} class="dimension" lang={survey.language.clone()} aria-labelledby={format!("dim-{}", dimension.id)}>
                    <h2 id={format!("dim-{}", dimension.id)} dir="auto">{ dimension.name.clone() }</h2>
                    { for questions }
                </section>
            }
        })
    });

    let on_comment = {
        let dispatcher = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            let text = e
                .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                .value();
            dispatcher.dispatch(Edit::Comment(text));
        })
    };

    let changing = !previous.is_empty();
    let onsubmit = {
        let (doc, round_id, source) = (doc.clone(), round.id.clone(), source.clone());
        let (phase, form, editing) = (phase.clone(), form.clone(), editing.clone());
        let handles = handles.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if sending || !form.is_sendable() {
                return;
            }
            let draft = browser::random_id()
                .and_then(|a| Ok((a, browser::random_id()?)))
                .map_err(UiError::from)
                .and_then(|ids| Ok(form.draft(&doc.survey, &round_id, ids, &previous)?));
            let draft = match draft {
                Ok(draft) => draft,
                Err(e) => {
                    phase.set(Load::Ready(Stage::Ready {
                        doc: doc.clone(),
                        sending: false,
                        error: Some(Rc::new(e)),
                    }));
                    return;
                }
            };
            phase.set(Load::Ready(Stage::Ready {
                doc: doc.clone(),
                sending: true,
                error: None,
            }));
            let (doc, round_id, source) = (doc.clone(), round_id.clone(), source.clone());
            let (phase, form, editing) = (phase.clone(), form.clone(), editing.clone());
            let personal = !handles.is_shared();
            spawn_local(async move {
                // The answers are sealed before anything leaves the page, the outbox included.
                let submission = match seal_draft(&doc.survey, draft).await {
                    Ok(submission) => submission,
                    Err(e) => {
                        phase.set(Load::Ready(Stage::Ready {
                            doc,
                            sending: false,
                            error: Some(Rc::new(e)),
                        }));
                        return;
                    }
                };
                // Only the ids of the records sent are remembered, never their content.
                let mine: Vec<ResponseId> = submission.added_ids().collect();
                let outcome = respondent::submit(&sealer::WRITER, &source, submission).await;
                // A personal phone remembers its records' ids, to change or withdraw them; a
                // shared one nothing.
                // (Asked again after the wait: the box may have been ticked meanwhile.)
                let remember = || {
                    if personal && !browser::is_shared_device() {
                        browser::remember_mine(&source, &round_id, &mine);
                    }
                };
                match outcome {
                    Ok(Outcome::Saved(new_doc)) => {
                        remember();
                        editing.set(false);
                        phase.set(Load::Ready(Stage::Sent {
                            doc: new_doc.map_or(doc, |new| Rc::new(*new)),
                            saved: true,
                            detail: None,
                        }));
                    }
                    Ok(Outcome::Kept(why)) => {
                        remember();
                        editing.set(false);
                        let detail = (!why.is_connection()).then(|| why.to_string());
                        phase.set(Load::Ready(Stage::Sent {
                            doc,
                            saved: false,
                            detail,
                        }));
                    }
                    Ok(Outcome::Refused(why)) | Err(why) => {
                        phase.set(Load::Ready(Stage::Ready {
                            doc,
                            sending: false,
                            error: Some(Rc::new(why.into())),
                        }));
                        return;
                    }
                }
                // The answers leave the screen once they are safe in the outbox or the file.
                form.dispatch(Edit::Reset);
            });
        })
    };

    let total = asked.len();
    html! {
        <>
            { intro(handles, doc, round, sending || changing) }
            if changing {
                <p class="card notice" data-testid="changing">{
                    t.get(if doc.is_sealed() { Msg::ChangingSealed } else { Msg::ChangingPlain })
                }</p>
            }
            // No autocomplete: the browser must not offer or restore one person's answers to
            // the next on a shared device.
            <form class="questionnaire" {onsubmit} novalidate=true autocomplete="off">
                // A slim bar that stays in view: how far along, without covering the questions.
                <div class="progress-line">
                    <progress max={total.to_string()} value={answered.to_string()} aria-label={t.get(Msg::QuestionsAnswered).to_owned()} />
                    <span data-testid="progress">{ t.fill(Msg::Progress, &[("answered", &answered.to_string()), ("total", &total.to_string())]) }</span>
                </div>
                // Its own element: the keyed sections are then matched by key as they arrive,
                // not by place among the form's other children (which would write them again).
                <div class="dimensions">{ for dimensions }</div>
                if complete {
                    <section class="comment">
                        <label for="comment"><strong>{ t.get(Msg::AnythingToAdd) }</strong>{ " " }{ t.get(Msg::Optional) }</label>
                        <p class="hint" id="comment-hint">{ t.get(Msg::CommentHint) }</p>
                        <textarea id="comment" data-testid="comment" rows="4" dir="auto" maxlength={limits::MAX_COMMENT_CHARS.to_string()}
                            aria-describedby="comment-hint comment-count" value={form.comment.clone()} oninput={on_comment} />
                        <p class="counter" id="comment-count" data-testid="comment-count">
                            { t.fill(Msg::CommentCount, &[("count", &form.comment_len().to_string()), ("max", &limits::MAX_COMMENT_CHARS.to_string())]) }
                        </p>
                    </section>
                    <div class="submit-bar">
                        if let Some(message) = error {
                            <p class="error-text" role="alert" data-testid="submit-error">{ message.sentence_in(t) }</p>
                        }
                        <button type="submit" class="button" data-testid="submit" disabled={sending || !form.is_sendable()}>
                            { t.get(if sending { Msg::Sending } else if changing { Msg::SendChanged } else { Msg::Send }) }
                        </button>
                        if !form.is_sendable() {
                            <p class="hint">{ t.get(Msg::SendHint) }</p>
                        }
                    </div>
                }
            </form>
        </>
    }
}

/// Seals a draft's records in the sealer worker (started now if it is not yet).
async fn seal_draft(survey: &Survey, draft: Draft) -> Result<Submission, UiError> {
    if draft.jobs.is_empty() {
        return Ok(draft.finish(Vec::new()));
    }
    let public = crate::release::public_key_text(survey)?.to_owned();
    let mut worker = sealer::shared()?;
    let sealed = worker.seal(&public, &survey.id, &draft.jobs).await?;
    sealer::put_back(worker);
    Ok(draft.finish(sealed))
}

/// The confirmation after sending, and what its button does.
fn sent(
    handles: &Handles,
    doc: &Rc<Questionnaire>,
    saved: bool,
    detail: Option<&str>,
) -> (Html, Option<Callback<Act>>) {
    let shared = handles.is_shared();
    let next = {
        let (phase, form, doc) = (handles.phase.clone(), handles.form.clone(), doc.clone());
        // The next person on a shared device starts in the browser's language, not the last
        // one's (which would tell them what it was).
        let reset_language = shared.then(|| handles.reset_language.clone());
        Callback::from(move |act| {
            if !matches!(act, Act::NextPerson | Act::BackToSurvey) {
                return;
            }
            if let Some(reset) = &reset_language {
                reset.emit(());
            }
            form.dispatch(Edit::Reset);
            phase.set(Load::Ready(Stage::Ready {
                doc: doc.clone(),
                sending: false,
                error: None,
            }));
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        })
    };
    let card = notices::sent(&handles.t, shared, saved, doc.is_sealed(), detail);
    (markup(card), Some(next))
}

/// This phone answered the open round already: offer to change or withdraw.
fn answered_before(
    handles: &Handles,
    doc: &Rc<Questionnaire>,
    round: &Round,
    ids: Vec<ResponseId>,
) -> (Html, Option<Callback<Act>>) {
    let Handles {
        source,
        phase,
        form,
        editing,
        shared,
        t,
        ..
    } = handles;
    // Only a survey from before sealing has plain answers to show again.
    let earlier = doc.earlier_response(&ids).cloned();
    let change = {
        let (form, editing) = (form.clone(), editing.clone());
        move || {
            form.dispatch(match &earlier {
                Some(response) => Edit::Load(Form::from_response(response)),
                None => Edit::Reset,
            });
            editing.set(true);
        }
    };
    let withdraw = {
        let (doc, source, phase, round_id) =
            (doc.clone(), source.clone(), phase.clone(), round.id.clone());
        move || {
            let submission = withdrawal(&doc.survey, &ids);
            let (doc, source, phase, round_id) =
                (doc.clone(), source.clone(), phase.clone(), round_id.clone());
            spawn_local(async move {
                match respondent::submit(&sealer::WRITER, &source, submission).await {
                    Ok(Outcome::Saved(new_doc)) => {
                        browser::remember_mine(&source, &round_id, &[]);
                        phase.set(Load::Ready(Stage::Withdrawn {
                            doc: new_doc.map_or(doc, |new| Rc::new(*new)),
                            saved: true,
                        }));
                    }
                    Ok(Outcome::Kept(_)) => {
                        browser::remember_mine(&source, &round_id, &[]);
                        phase.set(Load::Ready(Stage::Withdrawn { doc, saved: false }));
                    }
                    Ok(Outcome::Refused(why)) | Err(why) => {
                        phase.set(Load::Failed(why.into()));
                    }
                }
            });
        }
    };
    // Someone else holding this device: it is shared, and forgets who answered.
    let someone_else = {
        let (shared, form) = (shared.clone(), form.clone());
        let reset_language = handles.reset_language.clone();
        move || {
            browser::set_shared_device(true);
            reset_language.emit(());
            form.dispatch(Edit::Reset);
            shared.set(true);
        }
    };
    let acts = Callback::from(move |act| match act {
        Act::ChangeMine => change(),
        Act::Withdraw => withdraw(),
        Act::SomeoneElse => someone_else(),
        Act::NextPerson | Act::BackToSurvey | Act::AnswerAgain => {}
    });
    let view = html! {
        <>
            { intro(handles, doc, round, false) }
            { markup(notices::answered_before(t)) }
        </>
    };
    (view, Some(acts))
}
