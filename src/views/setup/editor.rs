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
use crate::desk::{Edit, Facts};
use crate::i18n::{self, SetupMsg as S, Texts};
use crate::model::{Part, Survey, templates};
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
        FirstLanguage = "first-language",
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
            Self::FirstLanguage => DraftEdit::FirstLanguage(value.to_owned()),
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
    let (value, checked) = if let Some(input) = control_element.dyn_ref::<HtmlInputElement>() {
        (input.value(), input.checked())
    } else if let Some(select) = control_element.dyn_ref::<web_sys::HtmlSelectElement>() {
        (select.value(), false)
    } else {
        (String::new(), false)
    };
    control.edit(subject, &value, checked)
}

#[derive(Properties, PartialEq)]
pub(super) struct EditorProps {
    pub facts: Rc<Facts>,
    pub draft: Survey,
    pub texts: Rc<Texts<S>>,
    pub apply: Apply,
    pub dispatch: UseReducerDispatcher<Workspace>,
}

#[component]
pub(super) fn Editor(props: &EditorProps) -> Html {
    let EditorProps {
        facts,
        draft,
        texts: t,
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
        let base = facts.survey.revision;
        Callback::from(move |_| {
            apply.emit((
                Edit::Revise {
                    base,
                    survey: survey.clone(),
                },
                S::SurveySaved,
            ))
        })
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Edit(DraftEdit::Undo)))
    };
    let changed = *draft != facts.survey;
    let count = draft.questions.len();
    let control = |c: Control| c.name();
    html! {
        <section class="card" data-testid="editor" {onclick} {onchange}>
            <h2>{ t.fill(S::QuestionsRevision, &[("revision", &facts.survey.revision.to_string())]) }</h2>
            if facts.any_answers {
                <p class="hint">{ t.get(S::AnsweredAlready) }</p>
            }
            { languages_fieldset(t, &facts.survey, draft) }
            { for draft.dimensions.iter().map(|dimension| html! {
                <fieldset class="dimension-edit">
                    <legend lang={draft.language.clone()}>{ dimension.name.clone() }</legend>
                    { for translation_fields(t, draft, &Part::Dimension(dimension.id.clone()), S::NameIn) }
                    <ol class="questions-edit">
                        { for draft.questions.iter().filter(|q| q.dimension == dimension.id).map(|q| {
                            let has_answers = facts.has_answers(&q.id);
                            html! {
                                <li class={if q.retired { "question-edit retired" } else { "question-edit" }} data-testid={format!("edit-{}", q.id)}>
                                    <label class="field">{ t.fill(S::QuestionNamed, &[("id", &q.id)]) }
                                        <input type="text" value={q.text.clone()} maxlength="300" lang={draft.language.clone()} dir="auto"
                                               data-edit={control(Control::Text)} data-subject={q.id.clone()} />
                                    </label>
                                    if !q.retired {
                                        { for translation_fields(t, draft, &Part::Question(q.id.clone()), S::QuestionIn) }
                                    }
                                    <div class="row tight">
                                        <label class="check">
                                            <input type="checkbox" checked={q.reverse} disabled={has_answers}
                                                   data-edit={control(Control::Reverse)} data-subject={q.id.clone()} />
                                            { t.get(S::ReverseKeyed) }
                                        </label>
                                    </div>
                                    <div class="row tight">
                                        <button type="button" class="button secondary small" data-testid={format!("retire-{}", q.id)}
                                                data-edit={control(Control::Retire)} data-subject={q.id.clone()}>
                                            { t.get(if q.retired { S::AskAgain } else { S::Retire }) }
                                        </button>
                                        if !has_answers {
                                            <button type="button" class="button secondary small" data-testid={format!("delete-{}", q.id)}
                                                    data-edit={control(Control::Delete)} data-subject={q.id.clone()}>{ t.get(S::Delete) }</button>
                                        }
                                        <button type="button" class="button secondary small" aria-label={t.fill(S::MoveUp, &[("id", &q.id)])}
                                                data-edit={control(Control::Up)} data-subject={q.id.clone()}>{ "↑" }</button>
                                        <button type="button" class="button secondary small" aria-label={t.fill(S::MoveDown, &[("id", &q.id)])}
                                                data-edit={control(Control::Down)} data-subject={q.id.clone()}>{ "↓" }</button>
                                    </div>
                                </li>
                            }
                        }) }
                    </ol>
                    <button type="button" class="button secondary small" data-testid={format!("add-{}", dimension.id)}
                            data-edit={control(Control::Add)} data-subject={dimension.id.clone()}>{ t.get(S::AddQuestion) }</button>
                </fieldset>
            }) }
            <fieldset class="field">
                <legend>{ t.get(S::AnonymityAndRate) }</legend>
                <label class="field">{ t.get(S::SmallestGroup) }
                    <input type="number" min="3" max="50" value={draft.min_group.to_string()}
                           data-edit={control(Control::MinGroup)} />
                </label>
                <label class="field">{ t.get(S::CommentsShownFrom) }
                    <input type="number" min="3" max="100" value={draft.min_group_comments.to_string()}
                           data-edit={control(Control::MinGroupComments)} />
                </label>
                <label class="field">{ t.get(S::TeamSize) }
                    <input type="number" min="1" max="10000" value={draft.team_size.map(|n| n.to_string()).unwrap_or_default()}
                           data-edit={control(Control::TeamSize)} />
                </label>
            </fieldset>
            <div class="row">
                <button class="button" disabled={!changed} onclick={save} data-testid="save-survey">
                    { t.fill(S::SaveSurvey, &[("count", &count.to_string())]) }
                </button>
                <button class="button secondary" disabled={!changed} onclick={undo}>{ t.get(S::UndoChanges) }</button>
            </div>
        </section>
    }
}

/// The survey's languages: its first, each further one with what is left to translate (and
/// its title), and the languages it could also be asked in.
fn languages_fieldset(t: &Texts<S>, saved: &Survey, draft: &Survey) -> Html {
    let first = i18n::name_of(&draft.language).to_owned();
    let control = |c: Control| c.name();
    let addable = templates::LANGUAGES
        .into_iter()
        .filter(|code| draft.languages().all(|l| l != *code));
    html! {
        <fieldset class="field languages-edit" data-testid="languages-edit">
            <legend>{ t.get(S::Languages) }</legend>
            <p class="hint">{ with_language(t.get(S::WrittenIn), &draft.language) }</p>
            // Offered for a survey saved as English and not translated: what a file from
            // before languages were recorded reads as. Any other survey's language was chosen
            // when it was made, and renaming it would mislabel its questions.
            if saved.language == crate::model::DEFAULT_LANGUAGE && saved.translations.is_empty() {
                { first_language(t, draft) }
            }
            { for draft.translations.keys().map(|code| {
                let name = i18n::name_of(code).to_owned();
                let missing = draft.untranslated(code);
                let state = if missing.is_empty() {
                    t.get(S::TranslationComplete).to_owned()
                } else {
                    t.fill(
                        S::TranslationIncomplete,
                        &[("left", &left_to_translate(t, &missing)), ("language", &t.name(&first))],
                    )
                };
                html! {
                    <div class="language-edit" data-testid={format!("language-{code}")}>
                        <p><strong lang={code.clone()}>{ name }</strong>{ ": " }
                           <span data-testid={format!("untranslated-{code}")}>{ state }</span></p>
                        { translation_field(t, draft, code, &Part::Title, S::TitleIn) }
                        <button type="button" class="button secondary small"
                                data-edit={control(Control::RemoveLanguage)} data-subject={code.clone()}>
                            <span>{ with_language(t.get(S::StopAskingIn), code) }</span>
                        </button>
                    </div>
                }
            }) }
            <div class="row tight">
                { for addable.map(|code| html! {
                    <button type="button" class="button secondary small" data-testid={format!("add-language-{code}")}
                            data-edit={control(Control::AddLanguage)} data-subject={code}>
                        <span>{ with_language(t.get(S::AlsoAskIn), code) }</span>
                    </button>
                }) }
            </div>
        </fieldset>
    }
}

/// Which language the questions are written in: a file from before languages were recorded
/// says English, and its facilitator can say otherwise. Only the name changes; a language the
/// draft is translated into is not offered.
fn first_language(t: &Texts<S>, draft: &Survey) -> Html {
    let mut choices: Vec<&str> = templates::LANGUAGES.to_vec();
    if !choices.contains(&draft.language.as_str()) {
        choices.push(&draft.language);
    }
    choices.retain(|code| !draft.translations.contains_key(code));
    html! {
        <label class="field">{ t.get(S::QuestionsLanguage) }
            <select data-edit={Control::FirstLanguage.name()} data-testid="first-language">
                { for choices.into_iter().map(|code| html! {
                    <option value={code.to_owned()} lang={code.to_owned()} selected={code == draft.language}>
                        { i18n::name_of(code).to_owned() }
                    </option>
                }) }
            </select>
        </label>
    }
}

/// A text of the page with a language's own name in place of `{language}`, the name marked
/// with its `lang` (so a screen reader says "Deutsch" the German way).
fn with_language(text: &str, code: &str) -> Html {
    let (before, after) = text.split_once("{language}").unwrap_or((text, ""));
    html! {
        <>
            { before.to_owned() }
            <span lang={code.to_owned()}>{ i18n::name_of(code).to_owned() }</span>
            { after.to_owned() }
        </>
    }
}

/// "texts to translate: 6 (the title, the name of safety, question s1, question s2, 2 more)".
fn left_to_translate(t: &Texts<S>, missing: &[Part]) -> String {
    const NAMED: usize = 4;
    let mut names: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|part| match part {
            Part::Title => t.get(S::TheTitle).to_owned(),
            Part::Dimension(id) => t.fill(S::NameOfDimension, &[("dimension", id)]),
            Part::Question(id) => t.fill(S::QuestionId, &[("id", id)]),
        })
        .collect();
    if missing.len() > NAMED {
        let more = (missing.len() - NAMED).to_string();
        names.push(t.fill(S::More, &[("count", &more)]));
    }
    t.fill(
        S::LeftToTranslate,
        &[
            ("count", &missing.len().to_string()),
            ("list", &names.join(", ")),
        ],
    )
}

/// The fields for `part` in each further language (`label`: "In {language}").
fn translation_fields(t: &Texts<S>, draft: &Survey, part: &Part, label: S) -> Vec<Html> {
    draft
        .translations
        .keys()
        .map(|code| translation_field(t, draft, code, part, label))
        .collect()
}

/// One translation's field; an untranslated one is marked (by class and placeholder).
fn translation_field(t: &Texts<S>, draft: &Survey, code: &str, part: &Part, label: S) -> Html {
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
            <span>{ with_language(t.get(label), code) }</span>
            <input type="text" {value} maxlength={max} lang={code.to_owned()} dir="auto"
                   placeholder={t.get(S::NotTranslatedYet).to_owned()}
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
        let t = Texts::english();
        assert_eq!(
            left_to_translate(&t, &[Part::Title]),
            "texts to translate: 1 (the title)"
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
            left_to_translate(&t, &many),
            "texts to translate: 6 (the title, the name of safety, question s1, question s2, 2 more)"
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
        assert_eq!(
            Control::FirstLanguage.edit(String::new(), "de", false),
            Some(DraftEdit::FirstLanguage("de".into()))
        );
    }
}
