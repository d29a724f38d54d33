//! The next round, for the team's calendar and chat (pure): the day it opens at the chosen
//! cadence, an iCalendar file (RFC 5545) with the answer link, and a short invitation and
//! reminder to paste into chat or email. Candor sends nothing and records nobody: the
//! facilitator adds the file to the team's calendar and posts the texts where the team reads.

use std::fmt::Write as _;

/// How often the team answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cadence {
    Fortnightly,
    Monthly,
    Quarterly,
}

impl Cadence {
    pub const ALL: [Self; 3] = [Self::Fortnightly, Self::Monthly, Self::Quarterly];

    /// The name in forms and files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Fortnightly => "fortnightly",
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The recurrence rule (RFC 5545, 3.3.10) from a first round on `start`. A month has no
    /// 29th to 31st in every month, and a plain monthly rule skips the months without that
    /// day; so from the 29th on, each month takes that day or, where there is none, its last
    /// (`BYMONTHDAY=30,-1;BYSETPOS=1`: the first of the two that exist).
    fn rule(self, start: Day) -> String {
        let months = match self {
            Self::Fortnightly => return "FREQ=WEEKLY;INTERVAL=2".to_owned(),
            Self::Monthly => "FREQ=MONTHLY",
            Self::Quarterly => "FREQ=MONTHLY;INTERVAL=3",
        };
        if start.day > 28 {
            format!("{months};BYMONTHDAY={},-1;BYSETPOS=1", start.day)
        } else {
            months.to_owned()
        }
    }
}

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// Reads "YYYY-MM-DD" (a real day of the Gregorian calendar).
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return None;
        }
        let day = Self {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let real = (1..=12).contains(&day.month)
            && (1..=days_in_month(day.year, day.month)).contains(&day.day);
        real.then_some(day)
    }

    /// "YYYY-MM-DD".
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "YYYYMMDD", iCalendar's DATE.
    fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (the proleptic Gregorian calendar's day count, after the
    /// civil-from-days formulas).
    pub fn number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `n` days after 1970-01-01 (the inverse of [`Day::number`]).
    pub fn from_number(n: i64) -> Self {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    fn plus_days(self, days: i64) -> Self {
        Self::from_number(self.number() + days)
    }

    /// The same day `months` later, or the month's last day when it is shorter (31 January
    /// plus one month is 28 or 29 February).
    fn plus_months(self, months: u32) -> Self {
        let index = self.year * 12 + self.month as i32 - 1 + months as i32;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        Self {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// The next day at `cadence` after this one.
    pub fn next(self, cadence: Cadence) -> Self {
        match cadence {
            Cadence::Fortnightly => self.plus_days(14),
            Cadence::Monthly => self.plus_months(1),
            Cadence::Quarterly => self.plus_months(3),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// When the next round opens: one cadence after the latest round opened, but never before
/// `today` (a team that skipped a round starts again from today).
pub fn next_round_day(latest_opened: Option<&str>, today: &str, cadence: Cadence) -> Option<Day> {
    let today = Day::parse(today)?;
    let next = latest_opened.and_then(Day::parse).map(|d| d.next(cadence));
    Some(next.filter(|&d| d > today).unwrap_or(today))
}

/// What the calendar entry and the texts say.
pub struct Invite<'a> {
    /// The survey's title.
    pub title: &'a str,
    /// The respondent link.
    pub link: &'a str,
    pub day: Day,
    pub cadence: Cadence,
    /// Used, with the link, in the entry's unique id.
    pub survey_id: &'a str,
    /// When the file was made, UTC, as "YYYYMMDDTHHMMSSZ" (iCalendar's DTSTAMP).
    pub stamp: &'a str,
    /// Whether the survey's answers are sealed (what the invitation may promise).
    pub sealed: bool,
    /// The survey's language: the entry's texts are in it (see [`text_language`]).
    pub language: &'a str,
    /// About how long answering takes, as the survey page says it
    /// ([`crate::respond::survey_minutes`]).
    pub minutes: usize,
}

/// The texts of the invitation, the reminder and the calendar entry in one language. `{title}`
/// and `{link}` are filled in. Our own wording for each language, in the register the survey
/// page uses with respondents.
struct Wording {
    language: &'static str,
    /// The calendar entry's title.
    opens: &'static str,
    /// `{duration}` is [`Wording::one_minute`] or [`Wording::minutes`].
    open: &'static str,
    one_minute: &'static str,
    /// `{minutes}` is a number above one.
    minutes: &'static str,
    /// The promise of a sealed survey.
    sealed: &'static str,
    /// What every survey keeps: the minimum group.
    grouped: &'static str,
    answer_here: &'static str,
    reminder: &'static str,
}

const WORDINGS: [Wording; 4] = [
    Wording {
        language: "en",
        opens: "{title}: a new round opens",
        open: "{title}: a new round is open. It takes about {duration}.",
        one_minute: "one minute",
        minutes: "{minutes} minutes",
        sealed: "It is anonymous: answers are sealed on your device, nobody sees who answered \
                 what, and results are shown only for groups large enough that no one can be \
                 singled out.",
        grouped: "Results are shown only for groups large enough that no one can be singled out.",
        answer_here: "Answer here: {link}",
        reminder: "{title}: a reminder that the round is still open. If you have not answered \
                   yet, it takes about {duration}. The more of us answer, the more the \
                   results say.",
    },
    Wording {
        language: "de",
        opens: "{title}: Eine neue Runde beginnt",
        open: "{title}: Eine neue Runde ist offen. Sie dauert etwa {duration}.",
        one_minute: "eine Minute",
        minutes: "{minutes} Minuten",
        sealed: "Sie ist anonym: Die Antworten werden auf Ihrem Gerät versiegelt, niemand \
                 sieht, wer was geantwortet hat, und Ergebnisse werden nur für Gruppen gezeigt, \
                 die groß genug sind, dass niemand herausgegriffen werden kann.",
        grouped: "Ergebnisse werden nur für Gruppen gezeigt, die groß genug sind, dass niemand \
                  herausgegriffen werden kann.",
        answer_here: "Hier antworten: {link}",
        reminder: "{title}: Zur Erinnerung: Die Runde ist noch offen. Wer noch nicht \
                   geantwortet hat: Es dauert etwa {duration}. Je mehr von uns antworten, \
                   desto mehr sagen die Ergebnisse.",
    },
    Wording {
        language: "es",
        opens: "{title}: se abre una nueva ronda",
        open: "{title}: hay una nueva ronda abierta. Lleva aproximadamente {duration}.",
        one_minute: "un minuto",
        minutes: "{minutes} minutos",
        sealed: "Es anónima: las respuestas se sellan (se cifran) en tu dispositivo, nadie ve quién \
                 respondió qué y los resultados solo se muestran para grupos lo bastante \
                 grandes como para que nadie pueda ser identificado.",
        grouped: "Los resultados solo se muestran para grupos lo bastante grandes como para que \
                  nadie pueda ser identificado.",
        answer_here: "Responde aquí: {link}",
        reminder: "{title}: un recordatorio de que la ronda sigue abierta. Si aún no has \
                   respondido, lleva aproximadamente {duration}. Cuantos más respondamos, más dirán \
                   los resultados.",
    },
    Wording {
        language: "ar",
        opens: "{title}: تبدأ جولة جديدة",
        // A whole clause each (as on the survey page), which keeps Arabic's number agreement
        // out of the sentence around it.
        open: "{title}: بدأت جولة جديدة. {duration}",
        one_minute: "يستغرق الأمر نحو دقيقة واحدة.",
        minutes: "المدة التقريبية بالدقائق: {minutes}.",
        sealed: "الاستبيان مجهول الهوية: تُختم الإجابات على جهازك، ولا يرى أحد من أجاب بماذا، \
                 ولا تُعرض النتائج إلا لمجموعات كبيرة بما يكفي كي لا يمكن تمييز أي شخص.",
        grouped: "لا تُعرض النتائج إلا لمجموعات كبيرة بما يكفي كي لا يمكن تمييز أي شخص.",
        answer_here: "رابط الإجابة: {link}",
        reminder: "{title}: تذكير بأن الجولة ما زالت مفتوحة. لمن لم يُجب بعد: {duration} \
                   كلما زاد عدد من يجيب منا، زادت دلالة النتائج.",
    },
];

impl Wording {
    /// About `minutes` minutes (at least one), in words.
    fn duration(&self, minutes: usize) -> String {
        match minutes {
            0 | 1 => self.one_minute.to_owned(),
            n => self.minutes.replace("{minutes}", &n.to_string()),
        }
    }
}

/// The wording in `language`, else English (a survey may be written in a language Candor's
/// texts are not).
fn wording(language: &str) -> &'static Wording {
    WORDINGS
        .iter()
        .find(|w| w.language == language)
        .unwrap_or(&WORDINGS[0])
}

/// The language the texts for a survey in `language` are written in: it, when Candor has
/// them in it, else English.
pub fn text_language(language: &str) -> &'static str {
    wording(language).language
}

/// The invitation to post in chat or email on the day the round opens (so it names no day:
/// the calendar entry does), in the survey's `language`. It promises sealed answers only for a
/// sealed survey: the answers of a survey from before sealing can be read by anyone with the
/// link. (The title goes in first, so `{title}` inside a title stays as typed.)
pub fn invitation(title: &str, link: &str, sealed: bool, language: &str, minutes: usize) -> String {
    let w = wording(language);
    let promise = if sealed { w.sealed } else { w.grouped };
    let answer = w.answer_here.replace("{link}", link);
    let open = w.open.replace("{duration}", &w.duration(minutes));
    format!("{} {promise}\n\n{answer}", open.replace("{title}", title))
}

/// The reminder, for a day or two before the round closes, in the survey's `language`.
pub fn reminder(title: &str, link: &str, language: &str, minutes: usize) -> String {
    let w = wording(language);
    let answer = w.answer_here.replace("{link}", link);
    let reminder = w.reminder.replace("{duration}", &w.duration(minutes));
    format!("{}\n\n{answer}", reminder.replace("{title}", title))
}

/// The calendar file: one all-day entry on the day the round opens, repeating at the
/// cadence, with the answer link. Lines end in CRLF and are folded at 75 octets, as RFC 5545
/// asks.
pub fn calendar(invite: &Invite) -> String {
    let language = text_language(invite.language);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Candor//Team pulse//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        // The same id for the same survey and link every time (a calendar that honours ids
        // keeps one entry when the file is imported again), and another for another team's
        // survey of the same name.
        format!(
            "UID:{}-{:016x}@candor.invalid",
            invite.survey_id,
            fnv1a(invite.link.as_bytes())
        ),
        format!("DTSTAMP:{}", invite.stamp),
        format!("DTSTART;VALUE=DATE:{}", invite.day.compact()),
        format!("DTEND;VALUE=DATE:{}", invite.day.plus_days(1).compact()),
        format!("RRULE:{}", invite.cadence.rule(invite.day)),
        // The title first: a calendar row shows only its start.
        format!(
            "SUMMARY;LANGUAGE={language}:{}",
            text(
                &wording(invite.language)
                    .opens
                    .replace("{title}", invite.title)
            )
        ),
        format!(
            "DESCRIPTION;LANGUAGE={language}:{}",
            text(&invitation(
                invite.title,
                invite.link,
                invite.sealed,
                invite.language,
                invite.minutes
            ))
        ),
        format!("URL:{}", uri(invite.link)),
        "TRANSP:TRANSPARENT".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut out = String::new();
    for line in lines.drain(..) {
        fold(&mut out, &line);
    }
    out
}

/// A URI value: nothing in a link may end the line or start a new property, so control
/// characters and spaces (never in a link Candor makes) are percent-encoded.
fn uri(link: &str) -> String {
    let mut out = String::with_capacity(link.len());
    for c in link.chars() {
        if c.is_control() || c == ' ' {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// FNV-1a, 64 bits: a short, stable fingerprint of the link for the entry's id (not a
/// secret, and not a security boundary).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` folded into lines of at most 75 octets (continuations start with a space),
/// never splitting a character, each ended by CRLF.
fn fold(out: &mut String, line: &str) {
    let mut room = 75;
    for c in line.chars() {
        if c.len_utf8() > room {
            out.push_str("\r\n ");
            room = 74;
        }
        out.push(c);
        room -= c.len_utf8();
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("a day")
    }

    #[test]
    fn days_count_like_the_calendar() {
        assert_eq!(day("1970-01-01").number(), 0);
        assert_eq!(day("2000-03-01").number(), 11_017);
        for text in ["1999-12-31", "2024-02-29", "2026-12-01", "2100-02-28"] {
            assert_eq!(Day::from_number(day(text).number()).iso(), text);
        }
        assert_eq!(day("2026-12-25").plus_days(14).iso(), "2027-01-08");
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "2026-01-32",
            "x",
            "2026-01-01-01",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_next_round_follows_the_cadence_and_never_lies_in_the_past() {
        assert_eq!(day("2026-01-31").next(Cadence::Monthly).iso(), "2026-02-28");
        assert_eq!(day("2024-01-31").next(Cadence::Monthly).iso(), "2024-02-29");
        assert_eq!(
            day("2026-11-15").next(Cadence::Quarterly).iso(),
            "2027-02-15"
        );
        assert_eq!(
            day("2026-11-20").next(Cadence::Fortnightly).iso(),
            "2026-12-04"
        );
        let next = |latest, today| next_round_day(latest, today, Cadence::Monthly).map(Day::iso);
        assert_eq!(
            next(Some("2026-11-01"), "2026-11-20").as_deref(),
            Some("2026-12-01")
        );
        // A team that skipped rounds starts again from today, not in the past.
        assert_eq!(
            next(Some("2026-06-01"), "2026-11-20").as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(next(None, "2026-11-20").as_deref(), Some("2026-11-20"));
        assert_eq!(next(None, "today"), None);
    }

    #[test]
    fn the_texts_say_how_long_this_survey_takes() {
        let both = |language: &str, minutes: usize| {
            (
                invitation("T", "L", true, language, minutes),
                reminder("T", "L", language, minutes),
            )
        };
        for (language, one, three) in [
            ("en", "about one minute", "about 3 minutes"),
            ("de", "etwa eine Minute", "etwa 3 Minuten"),
            (
                "es",
                "aproximadamente un minuto",
                "aproximadamente 3 minutos",
            ),
            ("ar", "نحو دقيقة واحدة", "بالدقائق: 3"),
        ] {
            for (minutes, says) in [(1, one), (3, three)] {
                let (invitation, reminder) = both(language, minutes);
                for text in [&invitation, &reminder] {
                    assert!(text.contains(says), "{language} {minutes}: {text}");
                    assert!(!text.contains('{'), "{language}: a blank left in {text}");
                }
            }
        }
    }

    #[test]
    fn a_round_late_in_the_month_repeats_on_that_day_or_the_months_last() {
        assert_eq!(Cadence::Monthly.rule(day("2026-12-15")), "FREQ=MONTHLY");
        assert_eq!(
            Cadence::Monthly.rule(day("2027-01-31")),
            "FREQ=MONTHLY;BYMONTHDAY=31,-1;BYSETPOS=1"
        );
        assert_eq!(
            Cadence::Quarterly.rule(day("2026-11-30")),
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=30,-1;BYSETPOS=1"
        );
        assert_eq!(
            Cadence::Fortnightly.rule(day("2026-12-31")),
            "FREQ=WEEKLY;INTERVAL=2"
        );
        assert_eq!(
            uri("https://x.example/a b\r\nX-EVIL:1"),
            "https://x.example/a%20b%0D%0AX-EVIL:1"
        );
        assert_ne!(fnv1a(b"https://a.example/"), fnv1a(b"https://b.example/"));
    }

    #[test]
    fn only_a_sealed_survey_is_promised_sealed_answers() {
        assert!(invitation("T", "L", true, "en", 2).contains("sealed on your device"));
        assert!(!invitation("T", "L", false, "en", 2).contains("sealed"));
        assert!(!invitation("T", "L", false, "en", 2).contains("anonymous"));
        assert!(invitation("T", "L", true, "de", 2).contains("versiegelt"));
        assert!(invitation("T", "L", true, "fr", 2).contains("sealed on your device"));
        assert!(!invitation("T", "L", false, "de", 2).contains("anonym"));
        assert!(!invitation("T", "L", false, "es", 2).contains("anónima"));
        assert!(!invitation("T", "L", false, "ar", 2).contains("مجهول"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        fold(&mut out, &format!("DESCRIPTION:{}", "é".repeat(80)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "é".repeat(80)));
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn every_wording_names_the_title_and_link_where_english_does() {
        for w in &WORDINGS {
            for text in [w.opens, w.open, w.reminder] {
                assert_eq!(text.matches("{title}").count(), 1, "{}: {text}", w.language);
                assert!(text.starts_with("{title}"), "{}: {text}", w.language);
            }
            assert_eq!(w.answer_here.matches("{link}").count(), 1, "{}", w.language);
            for text in [w.sealed, w.grouped, w.open, w.opens, w.reminder] {
                assert!(
                    !text.contains("{link}") && !text.contains("  "),
                    "{}: {text}",
                    w.language
                );
            }
        }
        let arabic = reminder("Team", "https://x.example/#/take", "ar", 2);
        assert!(arabic.starts_with("Team: ") && arabic.ends_with("https://x.example/#/take"));
        assert_eq!(text_language("ar"), "ar");
        assert_eq!(text_language("fr"), "en");
    }
}
