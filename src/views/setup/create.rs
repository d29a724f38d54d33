//! The new-survey form: title, question sets from the templates, scale, minimums, team size,
//! and where the team file lives (this browser, a file on this computer, or a URL, whose
//! server can be checked first).
//!
//! An ordinary HTML form, written by the markup writer and read once, when it is submitted
//! (the desk turns its fields into a survey file: [`crate::desk::make`]): the browser
//! keeps what is typed, and the page holds no state per field.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::desk_link::DeskLink;
use super::state::{Home, Status};
use super::{Opened, markup, today};
use crate::chart::Markup;
use crate::desk::make::Blueprint;
use crate::i18n::{SetupMsg as S, Texts};
use crate::model::{self, templates};
use crate::sealer::Sealer;
use crate::storage::disk::{self, DiskFile};
use crate::storage::{Source, browser};
use crate::views::error::UiError;
use crate::views::files::download;

/// Where a new team file goes: the values of the form's `where` choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Where {
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

    fn parse(value: &str) -> Option<Self> {
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

/// The form's fields as typed, read when it is submitted.
#[derive(Clone, Debug, Default, PartialEq)]
struct Fields {
    /// The survey (checked and made by the desk).
    plan: Blueprint,
    place: String,
    url: String,
}

/// The form's fields, from the form element.
fn fields_of(form: &Element) -> Fields {
    let inputs = |selector: &str| -> Vec<HtmlInputElement> {
        let Ok(list) = form.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    };
    let value = |name: &str| {
        inputs(&format!(
            "input[name={name}]:not([type=radio]), input[name={name}]:checked"
        ))
        .first()
        .map(HtmlInputElement::value)
        .unwrap_or_default()
    };
    let language = form
        .query_selector("select[name=language]")
        .ok()
        .flatten()
        .and_then(|select| select.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|select| select.value())
        .unwrap_or_default();
    Fields {
        plan: Blueprint {
            title: value("title"),
            language,
            also: inputs("input[name=also]:checked")
                .iter()
                .map(HtmlInputElement::value)
                .collect(),
            templates: inputs("input[name=template]:checked")
                .iter()
                .map(HtmlInputElement::value)
                .collect(),
            scale: value("scale"),
            min_group: value("min-group"),
            team_size: value("team-size"),
        },
        place: value("where"),
        url: value("url"),
    }
}

/// The form's fields above its status line. `url`: the page was opened for a shared file
/// at this address (empty if not), which is then the chosen place and the field's value.
pub(super) fn write_fields(m: &mut Markup, t: &Texts<S>, url: &str) {
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

#[derive(Properties, PartialEq)]
pub(super) struct CreateProps {
    pub source: Source,
    /// The page's texts.
    pub texts: Rc<Texts<S>>,
    /// Told the new file and where it now lives.
    pub created: Callback<Opened>,
    /// The page's desk, which opens the new file.
    pub desk: Rc<DeskLink>,
}

#[component]
pub(super) fn Create(props: &CreateProps) -> Html {
    let status = use_state(|| None::<Status>);
    let url = match &props.source {
        Source::Remote(url) => url.clone(),
        Source::Device => String::new(),
    };
    // Choosing where the file lives shows or hides the URL field in place: the fields keep
    // what was typed (the page draws the form once its language has settled).
    let onchange = Callback::from(|e: Event| {
        if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            follow_language(&select);
            return;
        }
        let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
            return;
        };
        if input.name() != "where" {
            return;
        }
        let url_only = input
            .form()
            .and_then(|form| form.query_selector(".url-only").ok().flatten());
        if let Some(url_only) = url_only {
            let hide = input.value() != "url";
            let _ = url_only.toggle_attribute_with_force("hidden", hide);
            let _ = url_only.toggle_attribute_with_force("disabled", hide);
        }
    });
    let onclick = {
        let (status, texts) = (status.clone(), props.texts.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target_dyn_into::<Element>() else {
                return;
            };
            if target.closest("[data-check]").ok().flatten().is_none() {
                return;
            }
            let Some(form) = target.closest("form").ok().flatten() else {
                return;
            };
            let url = fields_of(&form).url.trim().to_owned();
            let (status, texts) = (status.clone(), texts.clone());
            status.set(Some(Status::Done(texts.get(S::Checking).to_owned())));
            spawn_local(async move { status.set(Some(check(&texts, &url).await)) });
        })
    };
    let onsubmit = {
        let (status, created, texts, desk) = (
            status.clone(),
            props.created.clone(),
            props.texts.clone(),
            props.desk.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<Element>() else {
                return;
            };
            create(fields_of(&form), &texts, &status, &created, &desk);
        })
    };
    let mut fields = Markup::new();
    write_fields(&mut fields, &props.texts, &url);
    html! {
        <form class="card" data-testid="create-survey" {onsubmit} {onchange} {onclick}>
            { markup(fields) }
            <p class="status" role="status" aria-live="polite" data-testid="create-status">
                { super::status_text(&props.texts, status.as_ref()) }
            </p>
            <button type="submit" class="button" data-testid="create">{ props.texts.get(S::Create) }</button>
        </form>
    }
}

/// The questions' language chosen in `select`: its "also ask in" box is turned off (and
/// cleared), every other one on.
fn follow_language(select: &web_sys::HtmlSelectElement) {
    if select.name() != "language" {
        return;
    }
    let Some(boxes) = select
        .form()
        .and_then(|form| form.query_selector_all("input[name=also]").ok())
    else {
        return;
    };
    let chosen = select.value();
    for i in 0..boxes.length() {
        if let Some(input) = boxes
            .item(i)
            .and_then(|b| b.dyn_into::<HtmlInputElement>().ok())
        {
            let own = input.value() == chosen;
            input.set_disabled(own);
            if own {
                input.set_checked(false);
            }
        }
    }
}

/// The worker that does key work for set-up: the results page's reader worker (it holds the
/// cryptography; the respondent's sealer worker only seals).
pub(super) const KEY_WORKER_URL: &str = "../results/candor-reader_loader.js";

/// Makes the survey's results key (WebCrypto, else the key worker), writes the new file where the person
/// chose, and tells the page. Only the key's public half goes into the file; the secret is
/// shown once on the key card, and kept in this browser unless it collects answers itself.
fn create(
    fields: Fields,
    texts: &Rc<Texts<S>>,
    status: &UseStateHandle<Option<Status>>,
    created: &Callback<Opened>,
    desk: &Rc<DeskLink>,
) {
    let Fields { plan, place, url } = fields;
    let place = Where::parse(&place).unwrap_or(Where::Device);
    let url = url.trim().to_owned();
    let (status, created, texts, desk) =
        (status.clone(), created.clone(), texts.clone(), desk.clone());
    spawn_local(async move {
        let date = today();
        // The fields are checked before a key is made for them.
        if let Err(e) = desk.make(&plan, &date, None).await {
            return status.set(Some(Status::Failed(e)));
        }
        status.set(Some(Status::Done(texts.get(S::MakingKey).to_owned())));
        let made_key = async {
            if let Some(key) = crate::sealer::webcrypto_key().await {
                return Ok(key);
            }
            let mut sealer = Sealer::start(KEY_WORKER_URL)?;
            sealer.new_key().await
        };
        let (secret, public) = match made_key.await {
            Ok(key) => key,
            Err(e) => return status.set(Some(Status::Failed(e.into()))),
        };
        let (text, facts) = match desk.make(&plan, &date, Some(public)).await {
            Ok(made) => made,
            Err(e) => return status.set(Some(Status::Failed(e))),
        };
        let survey = &facts.survey.id;
        let name = format!("{survey}.json");
        super::remember_new_key(survey, &secret);
        // A browser passed from hand to hand to collect answers never keeps the key.
        if place != Where::Device {
            let _ = browser::keep_key(survey, Some(&secret));
        }
        status.set(None);
        let home = match place {
            Where::Disk if disk::has_file_access() => match disk::save_as(&name, &text).await {
                Ok(Some(file)) => Ok(Home::Disk(file)),
                Ok(None) => return,
                Err(e) => Err(e.into()),
            },
            // No way to write files in place: the file is downloaded, and later changes are
            // saved by downloading it again.
            Where::Disk => {
                download(&name, "application/json", text.as_bytes());
                Ok(Home::Disk(DiskFile::read_only(&name)))
            }
            Where::Device | Where::Url => {
                let source = if place == Where::Url {
                    Source::Remote(url)
                } else {
                    Source::Device
                };
                browser::create(&source, &text)
                    .await
                    .map(|()| Home::Store(source))
                    .map_err(UiError::from)
            }
        };
        let opened = match home {
            Ok(home) => desk.kept().await.map(|facts| Opened {
                facts,
                home,
                said: Some(texts.get(S::Created).to_owned()),
            }),
            Err(e) => Err(e),
        };
        match opened {
            Ok(opened) => created.emit(opened),
            Err(e) => status.set(Some(Status::Failed(e))),
        }
    });
}

/// Whether the server at `url` is safe for a shared file, in words: the conditional writes
/// that keep simultaneous answers, then each folder setting that lets more than team files in
/// or out (and what to change), then what a browser could not check from here.
async fn check(t: &Texts<S>, url: &str) -> Status {
    let check = match browser::check_location(url).await {
        Ok(check) => check,
        Err(e) => return Status::Failed(e.into()),
    };
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
        return Status::Done(format!("{}{unchecked}", t.get(safe)));
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
    Status::Failed(UiError::Invalid(format!(
        "{}\n– {}.\n{}{unchecked}{left}",
        t.get(S::NotSafe),
        faults.join(";\n– "),
        t.get(S::UseSafeServer)
    )))
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
