//! The question editor: reword, reverse-key, retire, delete, reorder and add questions, and
//! set the anonymity minimums and the team size, on a working copy ([`super::state`]) saved
//! as a new survey revision. Questions that already have answers can be reworded or retired
//! but not deleted or turned around.
//!
//! Two listeners serve the whole card: each control names its [`Control`] and its question
//! in the markup, written and read back through the same definitions.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Apply;
use super::state::{Action, DraftEdit, Workspace};
use crate::i18n;
use crate::model::{Change, Document, Part, Survey, templates};
use crate::views::named_target;

/// The attribute naming a control's [`Control`], and the one naming its question (or, for
/// [`Control::Add`], its dimension).
const CONTROL_ATTR: &str = "data-edit";
const SUBJECT_ATTR: &str = "data-subject";

named_enum!(
    /// An editor control.
    enum Control {
        Text = "text",
        Reverse = "reverse",
        Retire = "retire",
        Delete = "delete",
        Up = "up",
        Down = "down",
        Add = "add",
        MinGroup = "min-group",
        MinGroupComments = "min-comments",
        TeamSize = "team-size",
        Translate = "translate",
        AddLanguage = "add-language",
        RemoveLanguage = "remove-language",
    }
);

/// A translation field's subject: "LANGUAGE title", "LANGUAGE dimension ID" or
/// "LANGUAGE question ID" (codes and ids never hold a space).
fn translation_subject(language: &str, part: &Part) -> String {
    match part {
        Part::Title => format!("{language} title"),
        Part::Dimension(id) => format!("{language} dimension {id}"),
        Part::Question(id) => format!("{language} question {id}"),
    }
}

/// The language and text a translation field's subject names.
fn parse_translation_subject(subject: &str) -> Option<(String, Part)> {
    let mut words = subject.splitn(3, ' ');
    let language = words.next()?.to_owned();
    let part = match (words.next()?, words.next()) {
        ("title", None) => Part::Title,
        ("dimension", Some(id)) => Part::Dimension(id.to_owned()),
        ("question", Some(id)) => Part::Question(id.to_owned()),
        _ => return None,
    };
    Some((language, part))
}

impl Control {
    /// The draft edit this control makes, given its subject and the input's value and
    /// checked state (`None` when the value is not a number where one is needed).
    fn edit(self, subject: String, value: &str, checked: bool) -> Option<DraftEdit> {
        let number = || value.trim().parse::<u32>().ok();
        Some(match self {
            Self::Text => DraftEdit::Text(subject, value.to_owned()),
            Self::Reverse => DraftEdit::Reverse(subject, checked),
            Self::Retire => DraftEdit::ToggleRetired(subject),
            Self::Delete => DraftEdit::Delete(subject),
            Self::Up => DraftEdit::Up(subject),
            Self::Down => DraftEdit::Down(subject),
            Self::Add => DraftEdit::Add(subject),
            Self::MinGroup => DraftEdit::MinGroup(number()?),
            Self::MinGroupComments => DraftEdit::MinGroupComments(number()?),
            Self::TeamSize => DraftEdit::TeamSize(number()),
            Self::Translate => {
                let (language, part) = parse_translation_subject(&subject)?;
                DraftEdit::Translate {
                    language,
                    part,
                    text: value.to_owned(),
                }
            }
            Self::AddLanguage => DraftEdit::AddLanguage(subject),
            Self::RemoveLanguage => DraftEdit::RemoveLanguage(subject),
        })
    }
}

/// The edit made by the control at (or around) `target`, if any.
fn edit_at(target: Option<web_sys::EventTarget>, clicked: bool) -> Option<DraftEdit> {
    use wasm_bindgen::JsCast;
    let (control_element, control) = named_target(target, CONTROL_ATTR, Control::parse)?;
    // Buttons act on click, fields on change; a click on a field is not an edit.
    let is_button = matches!(
        control,
        Control::Retire
            | Control::Delete
            | Control::Up
            | Control::Down
            | Control::Add
            | Control::AddLanguage
            | Control::RemoveLanguage
    );
    if is_button != clicked {
        return None;
    }
    let subject = control_element
        .get_attribute(SUBJECT_ATTR)
        .unwrap_or_default();
    let (value, checked) = match control_element.dyn_ref::<HtmlInputElement>() {
        Some(input) => (input.value(), input.checked()),
        None => (String::new(), false),
    };
    control.edit(subject, &value, checked)
}

#[derive(Properties, PartialEq)]
pub(super) struct EditorProps {
    pub doc: Rc<Document>,
    pub draft: Survey,
    pub apply: Apply,
    pub dispatch: UseReducerDispatcher<Workspace>,
}

#[component]
pub(super) fn Editor(props: &EditorProps) -> Html {
    let EditorProps {
        doc,
        draft,
        apply,
        dispatch,
    } = props;
    let onclick = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(edit) = edit_at(e.target(), true) {
                dispatch.dispatch(Action::Edit(edit));
            }
        })
    };
    let onchange = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(edit) = edit_at(e.target(), false) {
                dispatch.dispatch(Action::Edit(edit));
            }
        })
    };
    let save = {
        let (apply, survey) = (apply.clone(), draft.clone());
        let base = doc.survey.revision;
        Callback::from(move |_| {
            apply.emit((
                Change::Revise {
                    base,
                    survey: survey.clone(),
                },
                "Survey saved.",
            ))
        })
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Edit(DraftEdit::Undo)))
    };
    let changed = *draft != doc.survey;
    let count = draft.questions.len();
    let control = |c: Control| c.name();
    html! {
        <section class="card" data-testid="editor" {onclick} {onchange}>
            <h2>{ format!("Questions (revision {})", doc.survey.revision) }</h2>
            if doc.has_any_answers() {
                <p class="hint">{ "People have answered already: questions with answers can be reworded or retired \
                                   (no longer asked, old answers kept) but not deleted or turned around." }</p>
            }
            { languages_fieldset(draft) }
            { for draft.dimensions.iter().map(|dimension| html! {
                <fieldset class="dimension-edit">
                    <legend lang={draft.language.clone()}>{ dimension.name.clone() }</legend>
                    { for translation_fields(draft, &Part::Dimension(dimension.id.clone()), "Name in") }
                    <ol class="questions-edit">
                        { for draft.questions.iter().filter(|q| q.dimension == dimension.id).map(|q| {
                            let has_answers = doc.has_answers(&q.id);
                            html! {
                                <li class={if q.retired { "question-edit retired" } else { "question-edit" }} data-testid={format!("edit-{}", q.id)}>
                                    <label class="field">{ format!("Question {}", q.id) }
                                        <input type="text" value={q.text.clone()} maxlength="300" lang={draft.language.clone()} dir="auto"
                                               data-edit={control(Control::Text)} data-subject={q.id.clone()} />
                                    </label>
                                    if !q.retired {
                                        { for translation_fields(draft, &Part::Question(q.id.clone()), "In") }
                                    }
                                    <div class="row tight">
                                        <label class="check">
                                            <input type="checkbox" checked={q.reverse} disabled={has_answers}
                                                   data-edit={control(Control::Reverse)} data-subject={q.id.clone()} />
                                            { "worded the other way round (reverse-keyed)" }
                                        </label>
                                    </div>
                                    <div class="row tight">
                                        <button type="button" class="button secondary small" data-testid={format!("retire-{}", q.id)}
                                                data-edit={control(Control::Retire)} data-subject={q.id.clone()}>
                                            { if q.retired { "Ask again" } else { "Retire" } }
                                        </button>
                                        if !has_answers {
                                            <button type="button" class="button secondary small" data-testid={format!("delete-{}", q.id)}
                                                    data-edit={control(Control::Delete)} data-subject={q.id.clone()}>{ "Delete" }</button>
                                        }
                                        <button type="button" class="button secondary small" aria-label={format!("Move {} up", q.id)}
                                                data-edit={control(Control::Up)} data-subject={q.id.clone()}>{ "↑" }</button>
                                        <button type="button" class="button secondary small" aria-label={format!("Move {} down", q.id)}
                                                data-edit={control(Control::Down)} data-subject={q.id.clone()}>{ "↓" }</button>
                                    </div>
                                </li>
                            }
                        }) }
                    </ol>
                    <button type="button" class="button secondary small" data-testid={format!("add-{}", dimension.id)}
                            data-edit={control(Control::Add)} data-subject={dimension.id.clone()}>{ "Add a question" }</button>
                </fieldset>
            }) }
            <fieldset class="field">
                <legend>{ "Anonymity and response rate" }</legend>
                <label class="field">{ "Smallest group whose results are shown (at least 3)" }
                    <input type="number" min="3" max="50" value={draft.min_group.to_string()}
                           data-edit={control(Control::MinGroup)} />
                </label>
                <label class="field">{ "Comments shown once this many people wrote one" }
                    <input type="number" min="3" max="100" value={draft.min_group_comments.to_string()}
                           data-edit={control(Control::MinGroupComments)} />
                </label>
                <label class="field">{ "Team size (optional)" }
                    <input type="number" min="1" max="10000" value={draft.team_size.map(|n| n.to_string()).unwrap_or_default()}
                           data-edit={control(Control::TeamSize)} />
                </label>
            </fieldset>
            <div class="row">
                <button class="button" disabled={!changed} onclick={save} data-testid="save-survey">
                    { format!("Save the survey ({count} questions)") }
                </button>
                <button class="button secondary" disabled={!changed} onclick={undo}>{ "Undo changes" }</button>
            </div>
        </section>
    }
}

/// The survey's languages: the first one, each translation with what is left to translate and
/// its title, and a button for each interface language it is not asked in yet.
fn languages_fieldset(draft: &Survey) -> Html {
    let first = i18n::name_of(&draft.language).to_owned();
    let control = |c: Control| c.name();
    let addable = templates::LANGUAGES
        .into_iter()
        .filter(|code| draft.languages().all(|l| l != *code));
    html! {
        <fieldset class="field languages-edit" data-testid="languages-edit">
            <legend>{ "Languages" }</legend>
            <p class="hint">
                { "The questions are written in " }<span lang={draft.language.clone()}>{ first.clone() }</span>
                { ". Each person reads the survey in their browser's language once every text they see is translated; \
                   until then, in the first language. Answers never say which language they were read in." }
            </p>
            { for draft.translations.keys().map(|code| {
                let name = i18n::name_of(code).to_owned();
                let missing = draft.untranslated(code);
                let state = if missing.is_empty() {
                    "complete: its readers see the survey in it".to_owned()
                } else {
                    format!(
                        "{}; until then its readers see the survey in {first}",
                        left_to_translate(&missing)
                    )
                };
                html! {
                    <div class="language-edit" data-testid={format!("language-{code}")}>
                        <p><strong lang={code.clone()}>{ name.clone() }</strong>{ ": " }
                           <span data-testid={format!("untranslated-{code}")}>{ state }</span></p>
                        { translation_field(draft, code, &Part::Title, "Title in") }
                        <button type="button" class="button secondary small"
                                data-edit={control(Control::RemoveLanguage)} data-subject={code.clone()}>
                            <span>{ "Stop asking in " }<span lang={code.clone()}>{ name }</span></span>
                        </button>
                    </div>
                }
            }) }
            <div class="row tight">
                { for addable.map(|code| html! {
                    <button type="button" class="button secondary small" data-testid={format!("add-language-{code}")}
                            data-edit={control(Control::AddLanguage)} data-subject={code}>
                        <span>{ "Also ask in " }<span lang={code}>{ i18n::name_of(code).to_owned() }</span></span>
                    </button>
                }) }
            </div>
        </fieldset>
    }
}

/// What is left to translate, for the language's line: "2 texts to translate (the title,
/// question safety-3)", naming at most four.
fn left_to_translate(missing: &[Part]) -> String {
    const NAMED: usize = 4;
    let mut names: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|part| match part {
            Part::Title => "the title".to_owned(),
            Part::Dimension(id) => format!("the name of {id}"),
            Part::Question(id) => format!("question {id}"),
        })
        .collect();
    if missing.len() > NAMED {
        names.push(format!("{} more", missing.len() - NAMED));
    }
    let count = missing.len();
    let texts = if count == 1 { "text" } else { "texts" };
    format!("{count} {texts} to translate ({})", names.join(", "))
}

/// One field per translation of `part`, labelled "`label` LANGUAGE", empty and marked while
/// untranslated.
fn translation_fields(draft: &Survey, part: &Part, label: &str) -> Vec<Html> {
    draft
        .translations
        .keys()
        .map(|code| translation_field(draft, code, part, label))
        .collect()
}

/// The field for `part`'s translation into `code`.
fn translation_field(draft: &Survey, code: &str, part: &Part, label: &str) -> Html {
    let max = if matches!(part, Part::Question(_)) {
        "300"
    } else {
        "120"
    };
    let value = draft.translated(code, part).unwrap_or_default().to_owned();
    let class = if value.is_empty() {
        "field translation untranslated"
    } else {
        "field translation"
    };
    html! {
        <label class={class}>
            <span>{ format!("{label} ") }<span lang={code.to_owned()}>{ i18n::name_of(code).to_owned() }</span></span>
            <input type="text" {value} maxlength={max} lang={code.to_owned()} dir="auto"
                   placeholder="not translated yet"
                   data-edit={Control::Translate.name()} data-subject={translation_subject(code, part)} />
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_reads_back_from_its_name() {
        for &control in Control::ALL {
            assert_eq!(Control::parse(control.name()), Some(control));
        }
        assert_eq!(Control::parse("Text"), None);
    }

    #[test]
    fn what_is_left_to_translate_is_named() {
        let question = |id: &str| Part::Question(id.to_owned());
        assert_eq!(
            left_to_translate(&[Part::Title]),
            "1 text to translate (the title)"
        );
        let many = [
            Part::Title,
            Part::Dimension("safety".into()),
            question("s1"),
            question("s2"),
            question("s3"),
            question("s4"),
        ];
        assert_eq!(
            left_to_translate(&many),
            "6 texts to translate (the title, the name of safety, question s1, question s2, 2 more)"
        );
    }

    #[test]
    fn translation_fields_name_their_language_and_text() {
        for part in [
            Part::Title,
            Part::Dimension("safety".into()),
            Part::Question("safety-1".into()),
        ] {
            let subject = translation_subject("ar", &part);
            assert_eq!(
                parse_translation_subject(&subject),
                Some(("ar".to_owned(), part))
            );
        }
        for bad in ["", "de", "de question", "de title x", "de answer s1"] {
            assert_eq!(parse_translation_subject(bad), None, "{bad}");
        }
        assert_eq!(
            Control::Translate.edit("de question s1".into(), " Frage ", false),
            Some(DraftEdit::Translate {
                language: "de".into(),
                part: Part::Question("s1".into()),
                text: " Frage ".into()
            })
        );
    }

    #[test]
    fn controls_make_their_edits_and_refuse_non_numbers() {
        let q = || "safety-1".to_owned();
        assert_eq!(
            Control::Reverse.edit(q(), "on", true),
            Some(DraftEdit::Reverse(q(), true))
        );
        assert_eq!(
            Control::MinGroup.edit(String::new(), " 6 ", false),
            Some(DraftEdit::MinGroup(6))
        );
        assert_eq!(Control::MinGroup.edit(String::new(), "six", false), None);
        // An emptied team size means "not given".
        assert_eq!(
            Control::TeamSize.edit(String::new(), "", false),
            Some(DraftEdit::TeamSize(None))
        );
    }
}
