//! The built-in question sets a facilitator starts from, written for a 7-point
//! "strongly disagree .. strongly agree" scale.
//!
//! The psychological-safety set covers the seven constructs of Edmondson's (1999) team
//! psychological-safety scale, in our own words; three of them are reverse-keyed, as in the
//! original. Reverse-keyed items keep respondents reading rather than ticking down a column.
//! Every template is written in each interface language ([`LANGUAGES`]).

use super::document::{Dimension, Question, Survey};
use super::translation::Part;

/// The languages every template is written in, in the order of a [`Words`] entry: the
/// interface's languages, so a survey can start in any language a respondent can read Candor in.
pub const LANGUAGES: [&str; 4] = ["en", "de", "es", "ar"];

/// One text in each of [`LANGUAGES`], in that order. Our own translations, written for this
/// product: each says what the English item measures in words natural to its readers, not
/// word for word.
pub type Words = [&'static str; 4];

/// The text of `words` in `language`, when the templates are written in it.
pub fn in_language(words: &Words, language: &str) -> Option<&'static str> {
    let at = LANGUAGES.iter().position(|&l| l == language)?;
    words.get(at).copied()
}

/// One template: a dimension and its questions as (id, text, reverse-keyed).
pub struct Template {
    pub id: &'static str,
    pub name: Words,
    pub questions: &'static [(&'static str, Words, bool)],
}

/// The title a new survey gets when the facilitator gives none.
pub const TITLE: Words = ["Team pulse", "Team-Puls", "Pulso del equipo", "نبض الفريق"];

pub const SAFETY: Template = Template {
    id: "safety",
    name: [
        "Psychological safety",
        "Psychologische Sicherheit",
        "Seguridad psicológica",
        "الأمان النفسي",
    ],
    questions: &[
        (
            "safety-1",
            [
                "If I make a mistake on this team, it is often held against me.",
                "Wenn ich in diesem Team einen Fehler mache, wird er mir oft vorgehalten.",
                "Si cometo un error en este equipo, a menudo se me echa en cara.",
                "إذا ارتكبتُ خطأً في هذا الفريق، فغالبًا ما يُحسب ضدي.",
            ],
            true,
        ),
        (
            "safety-2",
            [
                "People on this team can bring up problems and tough issues.",
                "In diesem Team kann man Probleme und schwierige Themen ansprechen.",
                "En este equipo se pueden plantear problemas y temas difíciles.",
                "يستطيع أعضاء هذا الفريق طرح المشكلات والقضايا الصعبة.",
            ],
            false,
        ),
        (
            "safety-3",
            [
                "People on this team sometimes reject others for being different.",
                "In diesem Team werden andere manchmal abgelehnt, weil sie anders sind.",
                "En este equipo a veces se rechaza a otras personas por ser diferentes.",
                "يرفض أعضاء هذا الفريق أحيانًا الآخرين لأنهم مختلفون.",
            ],
            true,
        ),
        (
            "safety-4",
            [
                "It is safe to take a risk on this team.",
                "In diesem Team kann man gefahrlos ein Risiko eingehen.",
                "En este equipo es seguro asumir riesgos.",
                "من الآمن المجازفة في هذا الفريق.",
            ],
            false,
        ),
        (
            "safety-5",
            [
                "It is difficult to ask other members of this team for help.",
                "Es ist schwierig, andere Mitglieder dieses Teams um Hilfe zu bitten.",
                "Es difícil pedir ayuda a otros miembros de este equipo.",
                "من الصعب طلب المساعدة من أعضاء آخرين في هذا الفريق.",
            ],
            true,
        ),
        (
            "safety-6",
            [
                "No one on this team would deliberately act in a way that undermines my efforts.",
                "Niemand in diesem Team würde absichtlich so handeln, dass meine Bemühungen untergraben werden.",
                "Nadie en este equipo actuaría a propósito de forma que socave mis esfuerzos.",
                "لا أحد في هذا الفريق يتصرف عمدًا بطريقة تُقوِّض جهودي.",
            ],
            false,
        ),
        (
            "safety-7",
            [
                "Working with this team, my skills and talents are valued and put to use.",
                "In der Arbeit mit diesem Team werden meine Fähigkeiten und Talente geschätzt und genutzt.",
                "Trabajando con este equipo, mis habilidades y talentos se valoran y se aprovechan.",
                "في العمل مع هذا الفريق، تُقدَّر مهاراتي ومواهبي ويُستفاد منها.",
            ],
            false,
        ),
    ],
};

pub const ALIGNMENT: Template = Template {
    id: "alignment",
    name: [
        "Alignment",
        "Gemeinsame Ausrichtung",
        "Alineación",
        "التوافق",
    ],
    questions: &[
        (
            "align-1",
            [
                "I know what the team's top priorities are right now.",
                "Ich weiß, was gerade die wichtigsten Prioritäten des Teams sind.",
                "Sé cuáles son ahora mismo las principales prioridades del equipo.",
                "أعرف ما هي أهم أولويات الفريق في الوقت الحالي.",
            ],
            false,
        ),
        (
            "align-2",
            [
                "I can see how my work connects to the team's goals.",
                "Ich sehe, wie meine Arbeit mit den Zielen des Teams zusammenhängt.",
                "Veo cómo se relaciona mi trabajo con los objetivos del equipo.",
                "أرى كيف يرتبط عملي بأهداف الفريق.",
            ],
            false,
        ),
        (
            "align-3",
            [
                "We agree on what success looks like for this team.",
                "Wir sind uns einig, wie Erfolg für dieses Team aussieht.",
                "Estamos de acuerdo en qué significa el éxito para este equipo.",
                "نتفق على ما يعنيه النجاح لهذا الفريق.",
            ],
            false,
        ),
        (
            "align-4",
            [
                "Written or recorded updates keep me informed without needing extra meetings.",
                "Schriftliche oder aufgezeichnete Updates halten mich ohne zusätzliche Meetings auf dem Laufenden.",
                "Las novedades por escrito o grabadas me mantienen al día sin necesidad de reuniones adicionales.",
                "تُبقيني التحديثات المكتوبة أو المسجَّلة على اطلاع دون الحاجة إلى اجتماعات إضافية.",
            ],
            false,
        ),
        (
            "align-5",
            [
                "My one-on-ones help me stay aligned with the team.",
                "Meine Einzelgespräche helfen mir, mit dem Team auf einer Linie zu bleiben.",
                "Mis reuniones individuales me ayudan a mantenerme en sintonía con el equipo.",
                "تساعدني لقاءاتي الفردية على مواكبة توجهات الفريق.",
            ],
            false,
        ),
        (
            "align-6",
            [
                "I have the autonomy to decide how I do my work.",
                "Ich kann selbst entscheiden, wie ich meine Arbeit erledige.",
                "Tengo autonomía para decidir cómo hago mi trabajo.",
                "لديّ الاستقلالية لأقرر كيف أؤدي عملي.",
            ],
            false,
        ),
        (
            "align-7",
            [
                "When plans are disrupted, we get back on the same page quickly.",
                "Wenn Pläne durcheinandergeraten, sind wir schnell wieder auf einem gemeinsamen Stand.",
                "Cuando los planes se ven alterados, volvemos a ponernos de acuerdo rápidamente.",
                "عندما تتعطل الخطط، نعود بسرعة إلى فهم مشترك.",
            ],
            false,
        ),
    ],
};

pub const FAILURE: Template = Template {
    id: "failure",
    name: [
        "Learning from failure",
        "Aus Fehlern lernen",
        "Aprender de los errores",
        "التعلّم من الإخفاق",
    ],
    questions: &[
        (
            "fail-1",
            [
                "We talk openly about failures so that we can learn from them.",
                "Wir sprechen offen über Fehlschläge, um aus ihnen zu lernen.",
                "Hablamos abiertamente de los fracasos para poder aprender de ellos.",
                "نتحدث بصراحة عن الإخفاقات لنتعلّم منها.",
            ],
            false,
        ),
        (
            "fail-2",
            [
                "We try experiments even when they might not work.",
                "Wir probieren Neues aus, auch wenn es scheitern könnte.",
                "Probamos cosas nuevas aunque puedan no funcionar.",
                "نجرّب أفكارًا جديدة حتى لو لم تنجح.",
            ],
            false,
        ),
        (
            "fail-3",
            [
                "I get regular feedback and recognition for my work.",
                "Ich bekomme regelmäßig Feedback und Anerkennung für meine Arbeit.",
                "Recibo con regularidad comentarios y reconocimiento por mi trabajo.",
                "أتلقى ملاحظات وتقديرًا منتظمين على عملي.",
            ],
            false,
        ),
    ],
};

/// All templates, in the order they are offered.
pub const ALL: [&Template; 3] = [&SAFETY, &ALIGNMENT, &FAILURE];

/// The template with this id, if any.
pub fn find(id: &str) -> Option<&'static Template> {
    ALL.into_iter().find(|t| t.id == id)
}

/// A new English survey (revision 1, 7-point scale, default minimums) from the given
/// templates; see [`survey_in`].
pub fn survey_from(id: &str, title: &str, templates: &[&Template]) -> Survey {
    survey_in(id, title, templates, "en", &[])
}

/// A new survey (revision 1, 7-point scale, default minimums) from the given templates,
/// written in `language` and translated into each of `also` (the templates' texts; the title
/// is the facilitator's own and is left for them to translate, unless it is the default
/// [`TITLE`]). A language the templates are not written in falls back to English. It has no
/// results key yet: the caller creates one (`seal::ResultsKey::generate`) and sets it.
pub fn survey_in(
    id: &str,
    title: &str,
    templates: &[&Template],
    language: &str,
    also: &[&str],
) -> Survey {
    let language = if LANGUAGES.contains(&language) {
        language
    } else {
        "en"
    };
    let text = |words: &Words| in_language(words, language).unwrap_or(words[0]).to_owned();
    let mut survey = Survey {
        id: id.to_owned(),
        title: title.to_owned(),
        language: language.to_owned(),
        revision: 1,
        scale: 7,
        min_group: 5,
        min_group_comments: 8,
        team_size: None,
        dimensions: templates
            .iter()
            .map(|t| Dimension {
                id: t.id.to_owned(),
                name: text(&t.name),
            })
            .collect(),
        questions: templates
            .iter()
            .flat_map(|t| {
                t.questions
                    .iter()
                    .map(move |(id, words, reverse)| Question {
                        id: (*id).to_owned(),
                        dimension: t.id.to_owned(),
                        text: text(words),
                        reverse: *reverse,
                        retired: false,
                    })
            })
            .collect(),
        translations: Default::default(),
        results_key: None,
    };
    let default_title = in_language(&TITLE, language) == Some(title);
    for &other in also
        .iter()
        .filter(|&&l| l != language && LANGUAGES.contains(&l))
    {
        survey.add_language(other);
        let put = |survey: &mut Survey, part: Part, words: &Words| {
            if let Some(text) = in_language(words, other) {
                survey.set_translation(other, &part, text);
            }
        };
        if default_title {
            put(&mut survey, Part::Title, &TITLE);
        }
        for template in templates {
            put(
                &mut survey,
                Part::Dimension(template.id.to_owned()),
                &template.name,
            );
            for (id, words, _) in template.questions {
                put(&mut survey, Part::Question((*id).to_owned()), words);
            }
        }
    }
    survey
}

/// English month names, for round labels.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `round`'s label in `language`: a label made from the month it opened in ("December 2026",
/// as [`monthly_round`] makes it) is that month named in `language` by `month` (the page's
/// calendar names: `month(opened, language)`); a label the team wrote stays as written, and
/// so does every label in English.
pub fn label_in(
    round: &super::document::Round,
    language: &str,
    month: fn(&str, &str) -> Option<String>,
) -> String {
    let made_from_month = monthly_round(&round.opened).is_some_and(|m| m.label == round.label);
    if language == "en" || !made_from_month {
        return round.label.clone();
    }
    month(&round.opened, language).unwrap_or_else(|| round.label.clone())
}

/// A round for the month of `date` (YYYY-MM-DD), e.g. id "2026-11", label "November 2026".
/// `None` when the date is not a valid day.
pub fn monthly_round(date: &str) -> Option<super::document::Round> {
    if !super::validate::is_iso_date(date) {
        return None;
    }
    let month: usize = date.get(5..7)?.parse().ok()?;
    Some(super::document::Round {
        id: date[..7].to_owned(),
        label: format!("{} {}", MONTHS.get(month.checked_sub(1)?)?, &date[..4]),
        opened: date.to_owned(),
        closed: false,
    })
}

/// The round to open on `date` (YYYY-MM-DD) next to the rounds already `taken`: this month's
/// round (see [`monthly_round`]), or for a second round in the same month id "2026-11-2" and
/// label "November 2026 (2)", then "-3" and "(3)", and so on, so every round keeps its own id.
/// A `label` that is not blank after trimming replaces the label. `None` when the date is not
/// a valid day.
pub fn next_round(
    taken: &[super::document::Round],
    date: &str,
    label: Option<&str>,
) -> Option<super::document::Round> {
    let mut round = monthly_round(date)?;
    let is_taken = |id: &str| taken.iter().any(|r| r.id == id);
    if is_taken(&round.id) {
        // At most `taken.len()` ids can be taken, so the search ends within that many steps.
        let n = (2..).find(|n| !is_taken(&format!("{}-{n}", round.id)))?;
        round.id = format!("{}-{n}", round.id);
        round.label = format!("{} ({n})", round.label);
    }
    if let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) {
        round.label = label.to_owned();
    }
    Some(round)
}

/// A ready-to-use file for a team starting from nothing: psychological safety and alignment,
/// with this month's round open.
pub fn starter(date: &str) -> Option<super::document::Document> {
    let mut doc =
        super::document::Document::new(survey_from("team", TITLE[0], &[&SAFETY, &ALIGNMENT]));
    doc.rounds.push(monthly_round(date)?);
    Some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_rounds_and_the_starter_file() {
        let round = monthly_round("2026-11-21").unwrap();
        assert_eq!(
            (round.id.as_str(), round.label.as_str()),
            ("2026-11", "November 2026")
        );
        assert!(monthly_round("2026-13-01").is_none());
        let doc = starter("2026-01-05").unwrap();
        assert_eq!(
            doc.open_round().map(|r| r.label.as_str()),
            Some("January 2026")
        );
        assert!(crate::model::validate(&doc).is_empty());
    }

    #[test]
    fn a_second_round_in_a_month_gets_its_own_id() {
        let first = next_round(&[], "2026-11-02", None).unwrap();
        assert_eq!(
            (
                first.id.as_str(),
                first.label.as_str(),
                first.opened.as_str()
            ),
            ("2026-11", "November 2026", "2026-11-02")
        );
        let mut taken = vec![first];
        let second = next_round(&taken, "2026-11-20", None).unwrap();
        assert_eq!(
            (second.id.as_str(), second.label.as_str()),
            ("2026-11-2", "November 2026 (2)")
        );
        taken.push(second);
        let third = next_round(&taken, "2026-11-28", Some("  Offsite  ")).unwrap();
        assert_eq!(
            (third.id.as_str(), third.label.as_str()),
            ("2026-11-3", "Offsite")
        );
        // Only "-3" there (say the month's first rounds were in another copy): the base id is free.
        let gap = [next_round(&taken, "2026-11-28", None).unwrap()];
        assert_eq!(gap[0].id, "2026-11-3");
        assert_eq!(next_round(&gap, "2026-11-29", None).unwrap().id, "2026-11");
        // Other months' rounds do not count; a blank label keeps the month's name.
        let december = next_round(&taken, "2026-12-01", Some(" ")).unwrap();
        assert_eq!(
            (december.id.as_str(), december.label.as_str()),
            ("2026-12", "December 2026")
        );
        assert!(next_round(&taken, "2026-02-30", None).is_none());
    }

    #[test]
    fn next_rounds_can_be_opened_one_after_another() {
        let mut doc = starter("2026-11-02").unwrap();
        for _ in 0..3 {
            let open = doc.open_round().map(|r| r.id.clone()).unwrap();
            doc.change(&crate::model::Change::CloseRound(open)).unwrap();
            let round = next_round(&doc.rounds, "2026-11-20", None).unwrap();
            assert_eq!(
                doc.change(&crate::model::Change::OpenRound(round)),
                Ok(true)
            );
        }
        let ids: Vec<&str> = doc.rounds.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["2026-11", "2026-11-2", "2026-11-3", "2026-11-4"]);
    }
}
