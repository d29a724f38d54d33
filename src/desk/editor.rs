//! The question editor: reword, reverse-key, retire, delete, reorder and add questions,
//! translate the survey's texts, and set the anonymity minimums and the team size, on a
//! working copy (the draft, which the [`super::Desk`] keeps) saved as a new survey revision.
//! Questions that already have answers can be reworded or retired but not deleted or turned
//! around.
//!
//! Written as markup (pure), like the other cards: each control names its [`Control`] and
//! its subject (a question, a dimension, a language) in the markup, and the page sends back
//! what was done to it, read through the same definitions ([`Control::edit`]).

#[cfg(test)]
use super::command::COMMAND_ATTR;
use super::command::{Command, SUBJECT_ATTR};
use crate::chart::Markup;
use crate::i18n::{self, DeskMsg as S, Texts};
use crate::model::{DEFAULT_LANGUAGE, Document, Part, Question, Survey, free_id, templates};

/// The attribute naming a control's [`Control`] (its subject is in [`SUBJECT_ATTR`]).
pub const CONTROL_ATTR: &str = "data-edit";

named_enum!(
    /// A control of the question editor. Buttons act when clicked, fields when changed.
    pub enum Control {
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
        Undo = "undo",
    }
);

/// A change to the question editor's working copy.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftEdit {
    Text(String, String),
    Reverse(String, bool),
    ToggleRetired(String),
    /// Only a question without answers can be deleted (the model refuses otherwise).
    Delete(String),
    /// One place up or down among its dimension's questions.
    Up(String),
    Down(String),
    /// A new, empty question at the end of a dimension.
    Add(String),
    MinGroup(u32),
    MinGroupComments(u32),
    TeamSize(Option<u32>),
    /// The language the survey's own texts are written in (only its name changes).
    FirstLanguage(String),
    /// Ask the survey in one more language too (its texts to be translated).
    AddLanguage(String),
    RemoveLanguage(String),
    /// A text's translation into a language (blank: untranslated).
    Translate {
        language: String,
        part: Part,
        text: String,
    },
    /// Back to the survey as saved.
    Undo,
}

impl Control {
    /// The draft edit this control makes, given its subject and the input's value and
    /// checked state (`None` when the value is not a number where one is needed, or the
    /// subject names nothing).
    pub fn edit(self, subject: String, value: &str, checked: bool) -> Option<DraftEdit> {
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
            Self::Undo => DraftEdit::Undo,
        })
    }
}

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

/// The draft after `edit` (`saved`: the survey as the file has it, for undo).
pub fn edited(saved: &Survey, draft: &Survey, edit: DraftEdit) -> Survey {
    let mut s = draft.clone();
    let at = |s: &Survey, id: &str| s.questions.iter().position(|q| q.id == id);
    match edit {
        DraftEdit::Text(id, text) => {
            if let Some(i) = at(&s, &id)
                && s.questions[i].text != text
            {
                s.questions[i].text = text;
                // A reworded question no longer says what its translations say.
                s.forget_translations_of(&Part::Question(id));
            }
        }
        DraftEdit::Reverse(id, on) => {
            if let Some(i) = at(&s, &id) {
                s.questions[i].reverse = on;
            }
        }
        DraftEdit::ToggleRetired(id) => {
            if let Some(i) = at(&s, &id) {
                s.questions[i].retired = !s.questions[i].retired;
            }
        }
        DraftEdit::Delete(id) => {
            s.questions.retain(|q| q.id != id);
            s.drop_stale_translations();
        }
        DraftEdit::Up(id) => move_within_dimension(&mut s, &id, true),
        DraftEdit::Down(id) => move_within_dimension(&mut s, &id, false),
        DraftEdit::Add(dimension) => {
            // Only into a dimension the survey has: the subject comes from the page.
            if s.dimensions.iter().any(|d| d.id == dimension) {
                let id = free_id(&dimension, |id| s.questions.iter().any(|q| q.id == id));
                s.questions.push(Question {
                    id,
                    dimension,
                    text: String::new(),
                    reverse: false,
                    retired: false,
                });
            }
        }
        DraftEdit::MinGroup(n) => {
            s.min_group = n;
            s.min_group_comments = s.min_group_comments.max(n);
        }
        DraftEdit::MinGroupComments(n) => s.min_group_comments = n,
        DraftEdit::TeamSize(n) => s.team_size = n.filter(|n| *n > 0),
        DraftEdit::FirstLanguage(language) => s.name_first_language(&language),
        DraftEdit::AddLanguage(language) => s.add_language(&language),
        DraftEdit::RemoveLanguage(language) => s.remove_language(&language),
        DraftEdit::Translate {
            language,
            part,
            text,
        } => s.set_translation(&language, &part, &text),
        DraftEdit::Undo => s = saved.clone(),
    }
    s
}

/// Swaps question `id` with its neighbour among its own dimension's questions (the editor
/// lists them by dimension, so that is the neighbour the person sees).
fn move_within_dimension(s: &mut Survey, id: &str, up: bool) {
    let Some(i) = s.questions.iter().position(|q| q.id == id) else {
        return;
    };
    let neighbour = {
        let dimension = &s.questions[i].dimension;
        let same = |j: &usize| s.questions[*j].dimension == *dimension;
        if up {
            (0..i).rev().find(same)
        } else {
            (i + 1..s.questions.len()).find(same)
        }
    };
    if let Some(j) = neighbour {
        s.questions.swap(i, j);
    }
}

/// A small button of the editor: `control` on `subject`.
fn control_button(
    m: &mut Markup,
    control: Control,
    subject: &str,
    testid: Option<&str>,
    aria_label: Option<&str>,
) {
    // The attribute names are CONTROL_ATTR and SUBJECT_ATTR (a test checks they agree).
    m.fixed("<button type=\"button\" class=\"button secondary small\" data-edit=\"")
        .text(control.name())
        .fixed("\" data-subject=\"")
        .text(subject);
    if let Some(testid) = testid {
        m.fixed("\" data-testid=\"").text(testid);
    }
    if let Some(label) = aria_label {
        m.fixed("\" aria-label=\"").text(label);
    }
    m.fixed("\">");
}

/// The question editor's card for `doc`'s survey, showing `draft` (the working copy).
pub fn editor_card(m: &mut Markup, t: &Texts<S>, doc: &Document, draft: &Survey) {
    let saved = &doc.survey;
    m.fixed("<section class=\"card\" data-testid=\"editor\"><h2>")
        .text(&t.fill(
            S::QuestionsRevision,
            &[("revision", &saved.revision.to_string())],
        ))
        .fixed("</h2>");
    if doc.has_any_answers() {
        m.element("p", &[("class", "hint")], t.get(S::AnsweredAlready));
    }
    languages_fieldset(m, t, saved, draft);
    for dimension in &draft.dimensions {
        m.fixed("<fieldset class=\"dimension-edit\">").element(
            "legend",
            &[("lang", &draft.language)],
            &dimension.name,
        );
        translation_fields(
            m,
            t,
            draft,
            &Part::Dimension(dimension.id.clone()),
            S::NameIn,
        );
        m.fixed("<ol class=\"questions-edit\">");
        for q in draft
            .questions
            .iter()
            .filter(|q| q.dimension == dimension.id)
        {
            question(m, t, doc.has_answers(&q.id), draft, q);
        }
        m.fixed("</ol>");
        control_button(
            m,
            Control::Add,
            &dimension.id,
            Some(&format!("add-{}", dimension.id)),
            None,
        );
        m.text(t.get(S::AddQuestion)).fixed("</button></fieldset>");
    }
    m.fixed("<fieldset class=\"field\">")
        .element("legend", &[], t.get(S::AnonymityAndRate));
    let team_size = draft.team_size.map(|n| n.to_string()).unwrap_or_default();
    for (label, control, min, max, value) in [
        (
            S::SmallestGroup,
            Control::MinGroup,
            "3",
            "50",
            draft.min_group.to_string(),
        ),
        (
            S::CommentsShownFrom,
            Control::MinGroupComments,
            "3",
            "100",
            draft.min_group_comments.to_string(),
        ),
        (S::TeamSize, Control::TeamSize, "1", "10000", team_size),
    ] {
        m.open("label", &[("class", "field")])
            .text(t.get(label))
            .empty(
                "input",
                &[
                    ("type", "number"),
                    ("min", min),
                    ("max", max),
                    ("value", &value),
                    (CONTROL_ATTR, control.name()),
                ],
            )
            .close("label");
    }
    m.fixed("</fieldset><div class=\"row\">");
    // Never disabled: the last field's change may still be on its way to the desk when the
    // button is pressed (it arrives first; a save with nothing changed says so).
    // The attribute name is COMMAND_ATTR (a test checks they agree).
    m.fixed("<button type=\"button\" class=\"button\" data-command=\"")
        .text(Command::SaveSurvey.name())
        .fixed("\" data-testid=\"save-survey\">")
        .text(&t.fill(
            S::SaveSurvey,
            &[("count", &draft.questions.len().to_string())],
        ))
        .fixed("</button><button type=\"button\" class=\"button secondary\" data-edit=\"")
        .text(Control::Undo.name())
        .fixed("\" data-testid=\"undo-changes\">")
        .text(t.get(S::UndoChanges))
        .fixed("</button></div></section>");
}

/// One question's row: its text, translations, reverse keying and buttons.
fn question(m: &mut Markup, t: &Texts<S>, has_answers: bool, draft: &Survey, q: &Question) {
    let class = if q.retired {
        "question-edit retired"
    } else {
        "question-edit"
    };
    m.open(
        "li",
        &[("class", class), ("data-testid", &format!("edit-{}", q.id))],
    )
    .open("label", &[("class", "field")])
    .text(&t.fill(S::QuestionNamed, &[("id", &q.id)]))
    .empty(
        "input",
        &[
            ("type", "text"),
            ("value", &q.text),
            ("maxlength", "300"),
            ("lang", &draft.language),
            ("dir", "auto"),
            (CONTROL_ATTR, Control::Text.name()),
            (SUBJECT_ATTR, &q.id),
        ],
    )
    .close("label");
    if !q.retired {
        translation_fields(m, t, draft, &Part::Question(q.id.clone()), S::QuestionIn);
    }
    m.fixed("<div class=\"row tight\"><label class=\"check\"><input type=\"checkbox\"");
    if q.reverse {
        m.fixed(" checked");
    }
    if has_answers {
        m.fixed(" disabled");
    }
    m.fixed(" data-edit=\"")
        .text(Control::Reverse.name())
        .fixed("\" data-subject=\"")
        .text(&q.id)
        .fixed("\">")
        .text(t.get(S::ReverseKeyed))
        .fixed("</label></div><div class=\"row tight\">");
    control_button(
        m,
        Control::Retire,
        &q.id,
        Some(&format!("retire-{}", q.id)),
        None,
    );
    m.text(t.get(if q.retired { S::AskAgain } else { S::Retire }))
        .fixed("</button>");
    if !has_answers {
        control_button(
            m,
            Control::Delete,
            &q.id,
            Some(&format!("delete-{}", q.id)),
            None,
        );
        m.text(t.get(S::Delete)).fixed("</button>");
    }
    control_button(
        m,
        Control::Up,
        &q.id,
        None,
        Some(&t.fill(S::MoveUp, &[("id", &q.id)])),
    );
    m.fixed("↑</button>");
    control_button(
        m,
        Control::Down,
        &q.id,
        None,
        Some(&t.fill(S::MoveDown, &[("id", &q.id)])),
    );
    m.fixed("↓</button></div></li>");
}

/// The survey's languages: its first, each further one with what is left to translate (and
/// its title), and the languages it could also be asked in.
fn languages_fieldset(m: &mut Markup, t: &Texts<S>, saved: &Survey, draft: &Survey) {
    m.fixed("<fieldset class=\"field languages-edit\" data-testid=\"languages-edit\">")
        .element("legend", &[], t.get(S::Languages))
        .fixed("<p class=\"hint\">");
    with_language(m, t.get(S::WrittenIn), &draft.language);
    m.fixed("</p>");
    // Offered for a survey saved as English and not translated: what a file from before
    // languages were recorded reads as. Any other survey's language was chosen when it was
    // made, and renaming it would mislabel its questions.
    if saved.language == DEFAULT_LANGUAGE && saved.translations.is_empty() {
        first_language(m, t, draft);
    }
    let first = i18n::name_of(&draft.language);
    for code in draft.translations.keys() {
        let missing = draft.untranslated(code);
        let state = if missing.is_empty() {
            t.get(S::TranslationComplete).to_owned()
        } else {
            t.fill(
                S::TranslationIncomplete,
                &[
                    ("left", &left_to_translate(t, &missing)),
                    ("language", &t.name(first)),
                ],
            )
        };
        m.open(
            "div",
            &[
                ("class", "language-edit"),
                ("data-testid", &format!("language-{code}")),
            ],
        )
        .fixed("<p>")
        .element("strong", &[("lang", code)], i18n::name_of(code))
        .text(": ")
        .element(
            "span",
            &[("data-testid", &format!("untranslated-{code}"))],
            &state,
        )
        .fixed("</p>");
        translation_field(m, t, draft, code, &Part::Title, S::TitleIn);
        control_button(m, Control::RemoveLanguage, code, None, None);
        m.fixed("<span>");
        with_language(m, t.get(S::StopAskingIn), code);
        m.fixed("</span></button></div>");
    }
    m.fixed("<div class=\"row tight\">");
    for code in templates::LANGUAGES
        .into_iter()
        .filter(|code| draft.languages().all(|l| l != *code))
    {
        control_button(
            m,
            Control::AddLanguage,
            code,
            Some(&format!("add-language-{code}")),
            None,
        );
        m.fixed("<span>");
        with_language(m, t.get(S::AlsoAskIn), code);
        m.fixed("</span></button>");
    }
    m.fixed("</div></fieldset>");
}

/// Which language the questions are written in: a file from before languages were recorded
/// says English, and its facilitator can say otherwise. Only the name changes; a language the
/// draft is translated into is not offered.
fn first_language(m: &mut Markup, t: &Texts<S>, draft: &Survey) {
    let mut choices: Vec<&str> = templates::LANGUAGES.to_vec();
    if !choices.contains(&draft.language.as_str()) {
        choices.push(&draft.language);
    }
    choices.retain(|code| !draft.translations.contains_key(code));
    m.open("label", &[("class", "field")])
        .text(t.get(S::QuestionsLanguage))
        .open(
            "select",
            &[
                (CONTROL_ATTR, Control::FirstLanguage.name()),
                ("data-testid", "first-language"),
            ],
        );
    for code in choices {
        m.fixed("<option value=\"")
            .text(code)
            .fixed("\" lang=\"")
            .text(code)
            .fixed("\"");
        if code == draft.language {
            m.fixed(" selected");
        }
        m.fixed(">").text(i18n::name_of(code)).fixed("</option>");
    }
    m.close("select").close("label");
}

/// A text of the page with a language's own name in place of `{language}`, the name marked
/// with its `lang` (so a screen reader says "Deutsch" the German way).
fn with_language(m: &mut Markup, text: &str, code: &str) {
    let (before, after) = text.split_once("{language}").unwrap_or((text, ""));
    m.text(before)
        .element("span", &[("lang", code)], i18n::name_of(code))
        .text(after);
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
fn translation_fields(m: &mut Markup, t: &Texts<S>, draft: &Survey, part: &Part, label: S) {
    for code in draft.translations.keys() {
        translation_field(m, t, draft, code, part, label);
    }
}

/// One translation's field; an untranslated one is marked (by class and placeholder).
fn translation_field(
    m: &mut Markup,
    t: &Texts<S>,
    draft: &Survey,
    code: &str,
    part: &Part,
    label: S,
) {
    let max = if matches!(part, Part::Question(_)) {
        "300"
    } else {
        "120"
    };
    let value = draft.translated(code, part).unwrap_or_default();
    let class = if value.is_empty() {
        "field translation untranslated"
    } else {
        "field translation"
    };
    m.open("label", &[("class", class)]).fixed("<span>");
    with_language(m, t.get(label), code);
    m.fixed("</span>")
        .empty(
            "input",
            &[
                ("type", "text"),
                ("value", value),
                ("maxlength", max),
                ("lang", code),
                ("dir", "auto"),
                ("placeholder", t.get(S::NotTranslatedYet)),
                (CONTROL_ATTR, Control::Translate.name()),
                (SUBJECT_ATTR, &translation_subject(code, part)),
            ],
        )
        .close("label");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::templates::starter;

    fn saved() -> Survey {
        starter("2026-11-30").expect("a starter file").survey
    }

    fn ids_of(s: &Survey, dimension: &str) -> Vec<String> {
        s.questions
            .iter()
            .filter(|q| q.dimension == dimension)
            .map(|q| q.id.clone())
            .collect()
    }

    /// `draft` after each of `edits` in turn.
    fn after(saved: &Survey, draft: Survey, edits: impl IntoIterator<Item = DraftEdit>) -> Survey {
        edits
            .into_iter()
            .fold(draft, |draft, edit| edited(saved, &draft, edit))
    }

    #[test]
    fn every_control_reads_back_from_its_name() {
        for &control in Control::ALL {
            assert_eq!(Control::parse(control.name()), Some(control));
        }
        assert_eq!(Control::parse("Text"), None);
        assert_eq!(SUBJECT_ATTR, "data-subject");
        assert_eq!(COMMAND_ATTR, "data-command");
        assert_eq!(CONTROL_ATTR, "data-edit");
    }

    #[test]
    fn questions_move_among_their_own_dimension_only() {
        let saved = saved();
        let dimension = saved.questions[0].dimension.clone();
        let before = ids_of(&saved, &dimension);
        let second = before[1].clone();
        let draft = edited(&saved, &saved, DraftEdit::Up(second.clone()));
        let moved = ids_of(&draft, &dimension);
        assert_eq!(moved[0], second);
        assert_eq!(moved[1], before[0]);
        // The first stays first; the last of a dimension never jumps into the next one.
        let draft = edited(&saved, &draft, DraftEdit::Up(second.clone()));
        assert_eq!(ids_of(&draft, &dimension)[0], second);
        let last = before.last().expect("questions").clone();
        let others = |s: &Survey| -> Vec<String> {
            s.questions
                .iter()
                .filter(|q| q.dimension != dimension)
                .map(|q| q.id.clone())
                .collect()
        };
        let moved_down = edited(&saved, &draft, DraftEdit::Down(last.clone()));
        assert_eq!(ids_of(&moved_down, &dimension).last(), Some(&last));
        assert_eq!(others(&draft), others(&moved_down));
    }

    #[test]
    fn edits_change_the_draft_until_undone() {
        let saved = saved();
        let id = saved.questions[0].id.clone();
        let dimension = saved.questions[0].dimension.clone();
        let draft = after(
            &saved,
            saved.clone(),
            [
                DraftEdit::Text(id.clone(), "Reworded".into()),
                DraftEdit::Reverse(id.clone(), true),
                DraftEdit::ToggleRetired(id.clone()),
                DraftEdit::Add(dimension.clone()),
                DraftEdit::MinGroup(7),
                // A dimension the survey does not have gets no question.
                DraftEdit::Add("no-such-dimension".into()),
            ],
        );
        let q = &draft.questions[0];
        assert_eq!(
            (q.text.as_str(), q.reverse, q.retired),
            ("Reworded", true, true)
        );
        assert_eq!(draft.questions.len(), saved.questions.len() + 1);
        let added = draft.questions.last().expect("added").clone();
        assert_eq!(added.dimension, dimension);
        assert!(added.text.is_empty());
        assert_ne!(added.id, id);
        // The comment minimum follows the group minimum up, never below it.
        assert_eq!(draft.min_group, 7);
        assert!(draft.min_group_comments >= 7);
        let draft = edited(&saved, &draft, DraftEdit::Delete(added.id.clone()));
        assert!(!draft.questions.iter().any(|q| q.id == added.id));
        assert_eq!(edited(&saved, &draft, DraftEdit::Undo), saved);
        let draft = edited(&saved, &draft, DraftEdit::TeamSize(Some(0)));
        assert_eq!(draft.team_size, None);
    }

    #[test]
    fn translations_are_added_typed_and_forgotten_when_the_original_changes() {
        let saved = saved();
        let id = saved.questions[0].id.clone();
        let part = Part::Question(id.clone());
        let translate = |text: &str| DraftEdit::Translate {
            language: "de".into(),
            part: part.clone(),
            text: text.into(),
        };
        let draft = after(
            &saved,
            saved.clone(),
            [
                DraftEdit::AddLanguage("de".into()),
                translate("  Übersetzt  "),
            ],
        );
        assert_eq!(draft.translated("de", &part), Some("Übersetzt"));
        assert_eq!(
            draft.untranslated("de").len(),
            draft.parts_shown().len() - 1
        );
        // The same text again changes nothing; a new one drops the translation.
        let text = draft.questions[0].text.clone();
        let draft = edited(&saved, &draft, DraftEdit::Text(id.clone(), text));
        assert_eq!(draft.translated("de", &part), Some("Übersetzt"));
        let draft = edited(
            &saved,
            &draft,
            DraftEdit::Text(id.clone(), "Reworded".into()),
        );
        assert_eq!(draft.translated("de", &part), None);
        // A blank translation is none; the language stays until removed.
        let draft = after(&saved, draft, [translate("Neu"), translate("   ")]);
        assert_eq!(draft.translated("de", &part), None);
        assert_eq!(draft.languages().collect::<Vec<_>>(), ["en", "de"]);
        let draft = edited(&saved, &draft, DraftEdit::RemoveLanguage("de".into()));
        assert_eq!(draft.languages().collect::<Vec<_>>(), ["en"]);
        // The first language is not a translation of itself.
        let draft = edited(&saved, &draft, DraftEdit::AddLanguage("en".into()));
        assert!(draft.translations.is_empty());
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
        assert_eq!(
            Control::Translate.edit("de answer".into(), "x", false),
            None
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
        assert_eq!(
            Control::Undo.edit(String::new(), "", false),
            Some(DraftEdit::Undo)
        );
    }
}
