//! The new-survey form's fields: title, the questions' language and further ones, question
//! sets from the templates, scale, minimums, team size, and where the team file lives (this
//! browser, a file on this computer, or a URL, whose server can be checked first), and what
//! that check found, in words.
//!
//! Written as markup (pure), like the cards: an ordinary HTML form that the browser keeps
//! what is typed in, read by the page once, when it is submitted (the desk then makes the
//! survey file: [`super::make`]).

use crate::chart::Markup;
use crate::i18n::{DeskMsg as S, Texts};
use crate::model::{self, templates};
use crate::storage::protocol::LocationCheck;

/// Where a new team file goes: the values of the form's `where` choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    Device,
    Disk,
    Url,
}

impl Where {
    const ALL: [(Self, &'static str, S); 3] = [
        (Self::Device, "device", S::WhereDevice),
        (Self::Disk, "disk", S::WhereDisk),
        (Self::Url, "url", S::WhereUrl),
    ];

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, name, _)| *name == value)
            .map(|(w, _, _)| *w)
    }
}

/// The interface languages the templates are written in, with their own names.
fn languages_of_templates() -> impl Iterator<Item = &'static crate::i18n::Language> {
    templates::LANGUAGES
        .into_iter()
        .filter_map(crate::i18n::language)
}

/// The question sets offered: id, name in each language and number of questions (the
/// questions themselves are the desk's, which makes the survey: [`crate::desk::make`]).
const SETS: [(&str, templates::Words, usize); 3] = [
    set(&templates::SAFETY),
    set(&templates::ALIGNMENT),
    set(&templates::FAILURE),
];

const fn set(t: &templates::Template) -> (&'static str, templates::Words, usize) {
    (t.id, t.name, t.questions.len())
}

/// The form's fields above its status line. `url`: the page was opened for a shared file
/// at this address (empty if not), which is then the chosen place and the field's value.
pub fn write_fields(m: &mut Markup, t: &Texts<S>, url: &str) {
    m.fixed("<h1>")
        .text(t.get(S::SetUpSurvey))
        .fixed("</h1><p>")
        .text(t.get(S::SetUpIntro))
        .fixed("</p><label class=\"field\">")
        .text(t.get(S::SurveyTitle))
        .fixed("<input type=\"text\" name=\"title\" value=\"")
        // The suggested title in the page's language (a suggestion left as it is follows
        // the survey's language when the survey is made).
        .text(
            templates::in_language(&templates::TITLE, t.language().code)
                .unwrap_or(templates::TITLE[0]),
        )
        .fixed("\" maxlength=\"120\" required></label><label class=\"field\">")
        .text(t.get(S::QuestionsLanguage))
        .fixed("<select name=\"language\" data-testid=\"survey-language\">");
    // The questions' language starts as the page's, where the templates are written in it.
    let first = languages_of_templates()
        .find(|l| l.code == t.language().code)
        .map_or(model::DEFAULT_LANGUAGE, |l| l.code);
    for language in languages_of_templates() {
        m.fixed("<option value=\"")
            .text(language.code)
            .fixed("\" lang=\"")
            .text(language.code)
            .fixed(if language.code == first {
                "\" selected>"
            } else {
                "\">"
            })
            .text(language.name)
            .fixed("</option>");
    }
    m.fixed("</select></label><fieldset class=\"field\"><legend>")
        .text(t.get(S::AlsoAskInLegend))
        .fixed("</legend><p class=\"hint\">")
        .text(t.get(S::AlsoAskInHint))
        .fixed("</p><div class=\"row tight\">");
    // The questions' own language is no further language: its box is off until another is
    // chosen for the questions (`follow_language`).
    for language in languages_of_templates() {
        m.fixed("<label class=\"check\"><input type=\"checkbox\" name=\"also\" value=\"")
            .text(language.code)
            .fixed("\" data-testid=\"also-")
            .text(language.code)
            .fixed(if language.code == first {
                "\" disabled"
            } else {
                "\""
            })
            .fixed("><span lang=\"")
            .text(language.code)
            .fixed("\">")
            .text(language.name)
            .fixed("</span></label>");
    }
    m.fixed("</div></fieldset><fieldset class=\"field\"><legend>")
        .text(t.get(S::QuestionSets))
        .fixed("</legend>");
    for (i, (id, names, count)) in SETS.iter().enumerate() {
        let name = templates::in_language(names, t.language().code).unwrap_or(names[0]);
        // Safety and alignment are asked by default.
        m.fixed("<label class=\"check\"><input type=\"checkbox\" name=\"template\" value=\"")
            .text(id)
            .fixed("\" data-testid=\"template-")
            .text(id)
            .fixed(if i < 2 { "\" checked>" } else { "\">" })
            .text(&t.fill(
                S::QuestionSet,
                &[("name", name), ("count", &count.to_string())],
            ))
            .fixed("</label>");
    }
    m.fixed("</fieldset><fieldset class=\"field\"><legend>")
        .text(t.get(S::AnswerScale))
        .fixed(
            "</legend><label class=\"check\"><input type=\"radio\" name=\"scale\" value=\"7\" \
             checked>",
        )
        .text(t.get(S::ScaleOfSeven))
        .fixed("</label><label class=\"check\"><input type=\"radio\" name=\"scale\" value=\"5\">")
        .text(t.get(S::ScaleOfFive))
        .fixed("</label></fieldset><label class=\"field\">")
        .text(t.get(S::SmallestGroup))
        .fixed(
            "<input type=\"number\" name=\"min-group\" min=\"3\" max=\"50\" value=\"5\"></label>\
             <label class=\"field\">",
        )
        .text(t.get(S::TeamSizeForRate))
        .fixed(
            "<input type=\"number\" name=\"team-size\" min=\"1\" max=\"10000\"></label>\
             <fieldset class=\"field\"><legend>",
        )
        .text(t.get(S::WhereLegend))
        .fixed("</legend>");
    let remote = !url.is_empty();
    for (place, value, text) in Where::ALL {
        let chosen = place == if remote { Where::Url } else { Where::Device };
        m.fixed("<label class=\"check\"><input type=\"radio\" name=\"where\" value=\"")
            .text(value)
            .fixed("\" data-testid=\"where-")
            .text(value)
            .fixed(if chosen { "\" checked>" } else { "\">" })
            .text(t.get(text))
            .fixed("</label>");
    }
    // Shown (and enabled, so its field is required) only while "At a URL" is chosen.
    m.fixed(if remote {
        "<fieldset class=\"url-only\">"
    } else {
        "<fieldset class=\"url-only\" hidden disabled>"
    })
    .fixed("<label class=\"field\">")
    .text(t.get(S::FileUrl))
    .fixed(
        "<input type=\"url\" name=\"url\" placeholder=\"https://files.example/teams/platform.json\" \
         required data-testid=\"file-url\" dir=\"ltr\" value=\"",
    )
    .text(url)
    .fixed(
        "\"></label><button type=\"button\" class=\"button secondary\" data-check \
         data-testid=\"check-storage\">",
    )
    .text(t.get(S::CheckLocation))
    .fixed("</button></fieldset></fieldset>");
}

/// Whether the server checked (`check`) is safe for a shared file, in words (`true`: safe):
/// the conditional writes that keep simultaneous answers, then each folder setting that lets
/// more than team files in or out (and what to change), then what a browser could not check.
pub fn location_said(t: &Texts<S>, check: &LocationCheck) -> (bool, String) {
    // The server's findings name its settings in the words of the storage guide (English).
    let not_checked: Vec<&str> = check.not_checked().iter().map(|s| s.words()).collect();
    let unchecked = if not_checked.is_empty() {
        String::new()
    } else {
        // "whether it allows deleting files, whether it lists …": what could not be checked,
        // in the words of the storage guide.
        let list = format!("whether it {}", not_checked.join(", whether it "));
        format!("\n{}", t.fill(S::NotCheckedHere, &[("list", &list)]))
    };
    let left = if check.other_probe_left {
        format!(
            "\n{}",
            t.fill(
                S::ProbeLeft,
                &[("name", &crate::i18n::isolate(&check.other_probe))]
            )
        )
    } else {
        String::new()
    };
    if check.is_safe() {
        let safe = if not_checked.is_empty() {
            S::LocationSafe
        } else {
            S::LocationSafeAsFarAsChecked
        };
        return (true, format!("{}{unchecked}", t.get(safe)));
    }
    let mut faults: Vec<String> = [
        (!check.etag, S::NoEtag),
        (!check.refuses_second_create, S::NoCreateRefusal),
        (!check.accepts_current_etag, S::RefusesCurrentEtag),
        (!check.refuses_stale_etag, S::AcceptsStaleEtag),
    ]
    .iter()
    .filter(|(failed, _)| *failed)
    .map(|(_, text)| t.get(*text).to_owned())
    .collect();
    faults.extend(check.unsafe_settings().into_iter().map(|setting| {
        t.fill(
            S::UnsafeSetting,
            &[
                ("setting", setting.words()),
                ("evidence", &check.evidence(setting)),
                ("fix", setting.fix()),
            ],
        )
    }));
    // One finding a line (the status keeps line breaks).
    (
        false,
        format!(
            "{}\n– {}.\n{}{unchecked}{left}",
            t.get(S::NotSafe),
            faults.join(";\n– "),
            t.get(S::UseSafeServer)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_offers_the_question_sets_the_desk_makes() {
        let offered: Vec<_> = SETS.iter().map(|(id, _, count)| (*id, *count)).collect();
        let made: Vec<_> = crate::desk::make::TEMPLATES
            .iter()
            .map(|t| (t.id, t.questions.len()))
            .collect();
        assert_eq!(offered, made);
    }

    #[test]
    fn the_form_offers_every_template_and_place_with_sensible_defaults() {
        let mut m = Markup::new();
        write_fields(&mut m, &Texts::english(), "");
        let html = m.finish().into_string();
        for (id, _, _) in SETS {
            assert!(html.contains(&format!("data-testid=\"template-{id}\"")));
        }
        assert_eq!(html.matches("name=\"where\"").count(), 3);
        assert_eq!(
            html.matches(" checked>").count(),
            4,
            "two sets, 7 points, here"
        );
        assert_eq!(html.matches("name=\"also\"").count(), 4);
        // The questions' language is not offered again as a further one.
        assert!(html.contains("data-testid=\"also-en\" disabled>"));
        assert_eq!(html.matches(" disabled><span").count(), 1);
        assert!(html.contains("<option value=\"en\" lang=\"en\" selected>English</option>"));
        assert!(html.contains("<option value=\"ar\" lang=\"ar\">العربية</option>"));
        assert!(html.contains("value=\"device\" data-testid=\"where-device\" checked>"));
        assert!(html.contains("class=\"url-only\" hidden disabled>"));
        let mut m = Markup::new();
        write_fields(
            &mut m,
            &Texts::english(),
            "https://files.example/\"x\".json",
        );
        let html = m.finish().into_string();
        assert!(html.contains("<fieldset class=\"url-only\">"));
        assert!(html.contains("value=\"https://files.example/&quot;x&quot;.json\""));
        assert!(html.contains("value=\"url\" data-testid=\"where-url\" checked>"));
    }

    #[test]
    fn the_form_in_each_language_says_nothing_in_english() {
        use crate::chart::markup::{assert_none_of, words_of};
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang");
        let form = |t: &Texts<S>| {
            let mut m = Markup::new();
            write_fields(&mut m, t, "https://files.example/team.json");
            words_of(m.finish().as_str())
        };
        assert!(form(&Texts::english()).contains("Question sets"));
        for code in ["de", "es", "ar"] {
            let json = std::fs::read_to_string(folder.join(format!("{code}.json"))).expect("file");
            let (t, gaps) = Texts::<S>::parse(&json).expect("a language file");
            assert!(gaps.is_empty(), "{code}: {gaps:?}");
            assert_none_of(
                code,
                &form(&t),
                &[
                    " the ",
                    " of ",
                    " and ",
                    " to ",
                    "Question sets",
                    "Survey title",
                    " file",
                ],
            );
        }
    }
}

#[cfg(test)]
mod location_tests {
    use super::*;

    fn safe_server() -> LocationCheck {
        LocationCheck {
            probe: "https://files.example/t.candor-probe.json".into(),
            etag: true,
            refuses_second_create: true,
            accepts_current_etag: true,
            refuses_stale_etag: true,
            other_probe: "https://files.example/t.candor-probe.html".into(),
            accepts_other_files: Some(false),
            other_probe_left: false,
            allows_delete: Some(false),
            allows_listing: Some(false),
            cors_any_origin: Some(false),
        }
    }

    #[test]
    fn a_safe_server_is_said_safe_and_each_fault_is_named() {
        let t = Texts::english();
        let (safe, said) = location_said(&t, &safe_server());
        assert!(safe, "{said}");
        assert!(
            !said.contains("whether it"),
            "everything was checked: {said}"
        );
        let unchecked = LocationCheck {
            allows_listing: None,
            ..safe_server()
        };
        let (safe, said) = location_said(&t, &unchecked);
        assert!(safe && said.contains("whether it"), "{said}");
        let overwrites = LocationCheck {
            refuses_stale_etag: false,
            accepts_other_files: Some(true),
            other_probe_left: true,
            ..safe_server()
        };
        let (safe, said) = location_said(&t, &overwrites);
        assert!(!safe);
        // One finding a line: the stale write, the other files, and the probe left behind.
        assert_eq!(said.matches("\n– ").count(), 2, "{said}");
        assert!(said.contains("t.candor-probe.html"), "{said}");
    }
}
