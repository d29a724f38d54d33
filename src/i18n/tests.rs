use super::*;

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// The language files in assets/lang/, read from the tree (not the build's list, so a file
/// the build missed is still checked).
fn language_files() -> Vec<(String, String)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/lang");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("assets/lang is readable")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            (name, std::fs::read_to_string(&p).expect("a language file"))
        })
        .collect();
    files.sort();
    files
}

/// Every text of catalog `C` in the file `code.json`, with English's placeholders, none
/// empty, and no key of `C`'s part that `C` does not have.
fn complete<C: Catalog + std::fmt::Debug>(code: &str, json: &str) {
    let (texts, gaps) =
        Texts::<C>::parse(json).unwrap_or_else(|e| panic!("{code}.json ({}): {e}", C::PART));
    assert_eq!(
        texts.language().code,
        code,
        "{code}.json names another language"
    );
    assert!(gaps.is_empty(), "{code}.json ({}): {gaps:?}", C::PART);
    for &msg in C::ALL {
        assert!(
            !texts.get(msg).trim().is_empty() || msg.english().trim().is_empty(),
            "{code}: {} is empty",
            msg.key()
        );
    }
}

#[test]
fn every_language_file_has_every_text_with_the_same_placeholders() {
    let files = language_files();
    assert!(
        files.len() >= 3,
        "at least three languages besides English, found {files:?}"
    );
    for (code, json) in &files {
        complete::<Msg>(code, json);
        complete::<ResultsMsg>(code, json);
        complete::<SetupMsg>(code, json);
        complete::<DeskMsg>(code, json);
        complete::<OrgMsg>(code, json);
        complete::<ErrorMsg>(code, json);
        // Every key belongs to a catalog's part (the build splits the file by it).
        let parsed: serde_json::Value = serde_json::from_str(json).expect("JSON");
        for key in parsed["messages"].as_object().expect("messages").keys() {
            let part = key.split('.').next().unwrap_or_default();
            assert!(
                [
                    Msg::PART,
                    ResultsMsg::PART,
                    SetupMsg::PART,
                    DeskMsg::PART,
                    OrgMsg::PART,
                    ErrorMsg::PART
                ]
                .contains(&part),
                "{code}.json: {key} belongs to no page"
            );
        }
    }
    // The build lists exactly these files.
    let listed: Vec<&str> = LANGUAGES_IN_FILES.iter().map(|l| l.code).collect();
    let found: Vec<&str> = files.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(listed, found);
}

#[test]
fn at_least_one_language_is_written_right_to_left() {
    assert!(languages().any(|l| l.dir == Dir::Rtl));
}

fn keys_of<C: Catalog>() -> Vec<&'static str> {
    for (i, &msg) in C::ALL.iter().enumerate() {
        assert_eq!(msg.index(), i);
        assert!(!msg.english().is_empty());
        assert!(
            msg.key().starts_with(&format!("{}.", C::PART)),
            "{} is not in its part",
            msg.key()
        );
    }
    C::ALL.iter().map(|m| m.key()).collect()
}

#[test]
fn keys_are_unique_and_every_english_text_is_there() {
    let mut keys = keys_of::<Msg>();
    keys.extend(keys_of::<ResultsMsg>());
    keys.extend(keys_of::<SetupMsg>());
    keys.extend(keys_of::<DeskMsg>());
    keys.extend(keys_of::<OrgMsg>());
    keys.extend(keys_of::<ErrorMsg>());
    keys.sort_unstable();
    let count = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), count, "a key is used twice");
}

#[test]
fn numbers_and_lists_follow_the_language() {
    let english = Texts::<ResultsMsg>::english();
    assert_eq!(english.number(3.456, 2), "3.46");
    assert_eq!(english.percent(0.889), "89%");
    let german = r#"{"language": {"code": "de"}, "messages": {
        "results.decimal_separator": ",", "results.percent": "{value} %",
        "results.list_and": "{first} und {last}"}}"#;
    let (german, _) = Texts::<ResultsMsg>::parse(german).expect("a German file");
    assert_eq!(german.number(3.456, 2), "3,46");
    assert_eq!(german.number(-0.5, 1), "-0,5");
    assert_eq!(german.percent(0.889), "89 %");
    let parts = ["a", "b", "c"].map(String::from);
    assert_eq!(german.list(&parts), "a, b und c");
    assert_eq!(english.list(&parts), "a, b and c");
}

#[test]
fn a_file_gives_each_catalog_its_own_texts_only() {
    let file = r#"{"language": {"code": "es"}, "messages": {
        "take.thank_you": "Gracias", "results.comments": "Comentarios",
        "results.no_such_text": "x"}}"#;
    let (take, take_gaps) = Texts::<Msg>::parse(file).expect("a file");
    let (results, results_gaps) = Texts::<ResultsMsg>::parse(file).expect("a file");
    assert_eq!(take.get(Msg::ThankYou), "Gracias");
    assert_eq!(results.get(ResultsMsg::Comments), "Comentarios");
    // A key of the other page is no gap of this one's; an unknown key of this page's is.
    assert!(!take_gaps.iter().any(|g| matches!(g, Gap::Unknown(_))));
    assert!(results_gaps.contains(&Gap::Unknown("results.no_such_text".into())));
    assert_eq!(results.source(), Some(file));
}

#[test]
fn the_language_chosen_here_wins_then_the_browsers_then_english() {
    let code = |l: &Language| l.code;
    let de = || strings(&["de-AT", "en"]);
    assert_eq!(code(negotiate(None, &de())), "de");
    assert_eq!(code(negotiate(Some("ar"), &de())), "ar");
    // A choice of a language since removed, or nonsense, is ignored.
    assert_eq!(code(negotiate(Some("xx"), &de())), "de");
    // The first preferred language Candor has, by primary subtag and any case.
    assert_eq!(
        code(negotiate(None, &strings(&["fr-FR", "ES-mx", "de"]))),
        "es"
    );
    assert_eq!(code(negotiate(None, &strings(&["fr", "ja"]))), "en");
    assert_eq!(code(negotiate(None, &[])), "en");
    assert_eq!(code(negotiate(None, &strings(&["ar_EG"]))), "ar");
}

#[test]
fn placeholders_are_found_and_filled() {
    assert_eq!(placeholders("{a} of {b_c}, {a}"), vec!["a", "b_c"]);
    assert_eq!(placeholders("no {Caps} or {} or {open"), Vec::<&str>::new());
    assert_eq!(
        fill(
            "{answered} of {total}",
            &[("answered", "3"), ("total", "12")]
        ),
        "3 of 12"
    );
    // An unknown name and a stray brace are left as they are; values are not read again.
    assert_eq!(fill("{x} {y", &[("x", "{y}")]), "{y} {y");
    assert_eq!(fill("{a}{a}", &[("a", "é")]), "éé");
}

#[test]
fn a_file_with_gaps_falls_back_to_english_text_by_text() {
    let Some(other) = LANGUAGES_IN_FILES.first() else {
        return;
    };
    let json = format!(
        r#"{{"language": {{"code": "{}", "name": "x", "dir": "ltr"}},
            "messages": {{"take.send": "SEND", "take.progress": "{{answered}} only",
                          "take.no_such_text": "?"}}}}"#,
        other.code
    );
    let (texts, gaps) = Texts::<Msg>::parse(&json).expect("a file of the right shape");
    assert_eq!(texts.get(Msg::Send), "SEND");
    // Placeholders that differ from English's: English is shown, never a broken text.
    assert_eq!(texts.get(Msg::Progress), Msg::Progress.english());
    assert!(gaps.contains(&Gap::Placeholders("take.progress")));
    assert!(gaps.contains(&Gap::Unknown("take.no_such_text".into())));
    assert!(gaps.contains(&Gap::Missing("take.thank_you")));
    assert_eq!(texts.get(Msg::ThankYou), "Thank you");
}

#[test]
fn a_file_for_no_listed_language_or_of_another_shape_is_refused() {
    let unknown = r#"{"language": {"code": "xx", "name": "x", "dir": "ltr"}, "messages": {}}"#;
    assert_eq!(
        Texts::<Msg>::parse(unknown).err(),
        Some(LanguageFileError::UnknownLanguage("xx".into()))
    );
    // "de-AT" is not a file's code, even though the page would pick German for it.
    let regional = r#"{"language": {"code": "de-AT", "name": "x", "dir": "ltr"}, "messages": {}}"#;
    assert!(Texts::<Msg>::parse(regional).is_err());
    for bad in ["", "[]", "{\"messages\": {}}", "<html>"] {
        assert!(
            matches!(
                Texts::<Msg>::parse(bad),
                Err(LanguageFileError::Shape { .. })
            ),
            "{bad}"
        );
    }
}
