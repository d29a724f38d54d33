//! Rounds (open this month's, close the open one, how many answered without revealing a
//! count below the minimum) and the timeline: dated events that may have moved the results,
//! and the actions the team agreed after a round.

use yew::prelude::*;

use super::{Apply, form_input, today};
use crate::model::{Change, Document, EventKind, When, templates};

pub(super) fn rounds_card(doc: &Document, apply: &Apply) -> Html {
    let open = doc.open_round().cloned();
    let action = match open {
        Some(round) => {
            let apply = apply.clone();
            let id = round.id.clone();
            html! {
                <button class="button secondary" data-testid="close-round"
                        onclick={move |_| apply.emit((Change::CloseRound(id.clone()), "Round closed."))}>
                    { format!("Close {}", round.label) }
                </button>
            }
        }
        None => {
            let apply = apply.clone();
            let taken = doc.rounds.clone();
            let open_round = Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let label = form_input(&e, "input")
                    .map(|input| input.value().trim().to_owned())
                    .unwrap_or_default();
                // A second round in the same month gets its own id (and label, unless named).
                let Some(round) = templates::next_round(&taken, &today(), Some(&label)) else {
                    return;
                };
                apply.emit((Change::OpenRound(round), "Round opened."));
            });
            let default_label = templates::monthly_round(&today())
                .map(|r| r.label)
                .unwrap_or_default();
            html! {
                <form class="row" onsubmit={open_round}>
                    <label class="field grow">{ "Name of the new round" }
                        <input type="text" maxlength="200" placeholder={default_label} data-testid="round-label-input" />
                    </label>
                    <button type="submit" class="button" data-testid="open-round">{ "Open the round" }</button>
                </form>
            }
        }
    };
    html! {
        <section class="card" data-testid="rounds">
            <h2>{ "Rounds" }</h2>
            <ul class="plain">
                { for doc.rounds.iter().rev().map(|r| {
                    let answers = doc.live_responses().filter(|x| x.round == r.id).count();
                    html! { <li>{ format!("{}: {}, {}", r.label, if r.closed { "closed" } else { "open" },
                        counted(answers, doc.survey.min_group)) }</li> }
                }) }
            </ul>
            { action }
        </section>
    }
}

/// How many answered, without revealing a small count before the minimum is reached.
pub(super) fn counted(answers: usize, min_group: u32) -> String {
    if answers >= min_group as usize {
        format!("{answers} answers")
    } else if answers == 0 {
        "no answers yet".to_owned()
    } else {
        format!("fewer than {min_group} answers")
    }
}

/// The timeline entries of one kind: events (what shook the team) or actions (what the team
/// agreed to do), each noted against the latest round.
pub(super) fn timeline_card(doc: &Document, apply: &Apply, kind: EventKind) -> Html {
    let Some(latest) = doc.rounds.last() else {
        return html! {};
    };
    let (title, hint, question, button, done, testid) = match kind {
        EventKind::Event => (
            "Events",
            "Note what shook or changed the team (a re-org, an incident, a launch): the results show it on the timeline.",
            "What happened?".to_owned(),
            "Add event",
            "Event added to the timeline.",
            "events",
        ),
        EventKind::Action => (
            "Agreed actions",
            "After talking the results through, note what the team agreed to do: the results show it next to the round, so people see that answering leads somewhere.",
            format!("What did the team agree after {}?", latest.label),
            "Add action",
            "Action noted.",
            "actions",
        ),
    };
    let add = {
        let apply = apply.clone();
        let latest = latest.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = form_input(&e, "input[type=text]") else {
                return;
            };
            let label = input.value();
            if label.trim().is_empty() {
                return;
            }
            // An event is placed by its day (in the file as it is when written); an action
            // belongs to the latest round.
            let when = match form_input(&e, "input[type=date]").map(|d| d.value()) {
                Some(day) if !day.is_empty() => When::Day(day),
                _ => When::Round(latest.clone()),
            };
            input.set_value("");
            apply.emit((Change::AddEvent { when, label, kind }, done));
        })
    };
    html! {
        <section class="card" data-testid={testid}>
            <h2>{ title }</h2>
            <p class="hint">{ hint }</p>
            <ul class="plain">
                { for doc.events.iter().filter(|e| e.kind == kind).map(|e| {
                    let round = doc.round(&e.round).map_or(e.round.as_str(), |r| r.label.as_str());
                    html! { <li>{ match (&e.date, kind) {
                        (Some(date), _) => format!("{} ({date}, before {round})", e.label),
                        (None, EventKind::Event) => format!("{} (before {round})", e.label),
                        (None, EventKind::Action) => format!("{} (after {round})", e.label),
                    } }</li> }
                }) }
            </ul>
            <form class="row" onsubmit={add}>
                <label class="field grow">{ question }
                    <input type="text" maxlength="200" data-testid={format!("{testid}-label")} />
                </label>
                if kind == EventKind::Event {
                    <label class="field">{ "On" }
                        <input type="date" value={today()} required=true data-testid="events-date" />
                    </label>
                }
                <button type="submit" class="button secondary">{ button }</button>
            </form>
        </section>
    }
}
