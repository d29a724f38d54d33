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

/// Every catalog with its source file's name under src/i18n/messages/.
fn catalogs() -> Vec<(&'static str, &'static str, Vec<&'static str>, u32)> {
    fn one<C: Catalog>(file: &'static str) -> (&'static str, &'static str, Vec<&'static str>, u32) {
        (file, C::PART, keys_of::<C>(), C::ORDER)
    }
    vec![
        one::<Msg>("take.rs"),
        one::<ResultsMsg>("results.rs"),
        one::<SetupMsg>("setup.rs"),
        one::<DeskMsg>("desk.rs"),
        one::<OrgMsg>("org.rs"),
        one::<ErrorMsg>("error.rs"),
    ]
}

#[test]
fn the_build_reads_each_catalogs_keys_in_the_programs_order() {
    // scripts/finish-build.py lists each catalog's keys by reading its source file: every
    // line that starts (after spaces) with a variant name, " = \"", its key and "\":". The
    // same reading here must give exactly the catalog's keys, in order, so the built files'
    // lists match the wasm's.
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/messages");
    for (file, part, keys, order) in catalogs() {
        let source = std::fs::read_to_string(folder.join(file)).expect("a catalog's source");
        let read: Vec<&str> = source
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let (variant, rest) = line.split_once(" = \"")?;
                let first = variant.chars().next()?;
                let is_variant = first.is_ascii_uppercase()
                    && variant.chars().all(|c| c.is_ascii_alphanumeric());
                let (key, after) = rest.split_once('"')?;
                // The build's pattern: `[a-z]+` "." `[a-z0-9_.]+`.
                let (part, name) = key.split_once('.')?;
                let well_formed = !part.is_empty()
                    && part.bytes().all(|b| b.is_ascii_lowercase())
                    && !name.is_empty()
                    && name.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.".contains(&b)
                    });
                (is_variant && after.starts_with(':') && well_formed).then_some(key)
            })
            .collect();
        assert_eq!(read, keys, "{file}");
        assert!(
            keys.iter().all(|k| k.starts_with(&format!("{part}."))),
            "{file}"
        );
        assert_eq!(order_of(&read), order, "{file}");
    }
}

#[test]
fn the_order_fingerprint_is_fnv_1a_over_each_key_and_a_line_feed() {
    // The value scripts/finish-build.py computes for the same keys (its `order_of`).
    assert_eq!(order_of(&[]), 0x811c_9dc5);
    assert_eq!(order_of(&["a"]), 0x2524_c6d2);
    assert_ne!(order_of(&["a", "b"]), order_of(&["b", "a"]));
    assert_ne!(order_of(&["ab"]), order_of(&["a", "b"]));
}

#[test]
fn a_built_part_gives_the_same_texts_as_the_source_file() {
    for (code, json) in language_files() {
        let built = BuiltFile::from_source(&json)
            .with::<Msg>()
            .with::<ErrorMsg>()
            .with::<ResultsMsg>()
            .json();
        let from_source = Texts::<Msg>::parse(&json).expect("source").0;
        let from_part = Texts::<Msg>::from_part(&built).expect("built");
        for &msg in Msg::ALL {
            assert_eq!(from_part.get(msg), from_source.get(msg), "{code}: {msg:?}");
        }
        assert_eq!(from_part.language(), from_source.language());
        assert_eq!(from_part.source(), Some(built.as_str()));
        let errors = Texts::<ErrorMsg>::from_part(&built).expect("built");
        for &msg in ErrorMsg::ALL {
            assert_eq!(
                errors.get(msg),
                Texts::<ErrorMsg>::parse(&json).expect("source").0.get(msg)
            );
        }
        // The keys are not in the built file: only texts.
        assert!(!built.contains("\"take."), "{code}");
        // A part the file does not carry is refused, not read as English text by text.
        assert_eq!(
            Texts::<SetupMsg>::from_part(&built),
            Err(LanguageFileError::OtherBuild("setup"))
        );
    }
}

#[test]
fn a_part_from_another_build_is_refused_whole_and_a_slip_is_english() {
    let german = language_files()
        .into_iter()
        .find(|(code, _)| code == "de")
        .expect("German")
        .1;
    let built = BuiltFile::from_source(&german).with::<Msg>().json();
    let mut file: serde_json::Value = serde_json::from_str(&built).expect("JSON");
    // Another order (a catalog changed since the file was built).
    let mut other = file.clone();
    other["take"]["order"] = serde_json::json!(Msg::ORDER.wrapping_add(1));
    assert_eq!(
        Texts::<Msg>::from_part(&other.to_string()),
        Err(LanguageFileError::OtherBuild("take"))
    );
    // One text too few.
    let mut short = file.clone();
    short["take"]["texts"].as_array_mut().expect("a list").pop();
    assert_eq!(
        Texts::<Msg>::from_part(&short.to_string()),
        Err(LanguageFileError::OtherBuild("take"))
    );
    // A text with another placeholder, and one missing: English there, the rest German.
    let texts = file["take"]["texts"].as_array_mut().expect("a list");
    texts[Msg::NotFoundText.index()] = serde_json::json!("Keine Datei unter {adresse}");
    texts[Msg::Send.index()] = serde_json::Value::Null;
    let t = Texts::<Msg>::from_part(&file.to_string()).expect("usable");
    assert_eq!(t.get(Msg::NotFoundText), Msg::NotFoundText.english());
    assert_eq!(t.get(Msg::Send), Msg::Send.english());
    assert_ne!(t.get(Msg::Loading), Msg::Loading.english());
    // Not JSON, or for no listed language.
    assert!(matches!(
        Texts::<Msg>::from_part("{\"language\": "),
        Err(LanguageFileError::Shape { .. })
    ));
    let mut klingon = file.clone();
    klingon["language"]["code"] = serde_json::json!("tlh");
    assert_eq!(
        Texts::<Msg>::from_part(&klingon.to_string()),
        Err(LanguageFileError::UnknownLanguage("tlh".into()))
    );
}
