//! Numbers and labels as people read them in charts and tables.

use crate::model::templates::MONTHS;

/// `value` rounded to `decimals` places (at most 6), written without exponent: `fixed(3.456, 2)`
/// is `"3.46"`, `fixed(-0.04, 1)` is `"0.0"` (no negative zero). Non-finite values are `"–"`.
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let decimals = decimals.min(6);
    let factor = 10_i64.pow(decimals);
    // Values in charts are small (coordinates, scores); clamp so the cast cannot wrap.
    let scaled = super::bounded((value * factor as f64).round(), -9e15, 9e15) as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    let whole = magnitude / factor as u64;
    if decimals == 0 {
        return format!("{sign}{whole}");
    }
    let fraction = magnitude % factor as u64;
    format!(
        "{sign}{whole}.{fraction:0width$}",
        width = decimals as usize
    )
}

/// A count with thousands separated: `thousands(1000)` is `"1,000"`.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A share (0..=1) as a whole percentage: `percent(0.666)` is `"67%"`.
pub fn percent(share: f64) -> String {
    format!("{}%", fixed(share * 100.0, 0))
}

/// The months as the browser names them in Candor's other interface languages (German,
/// Spanish, Arabic): a round named after its month in the reader's language is shortened like
/// an English one; a team's own label ("Offsite 2026") is not taken for a month.
const OTHER_MONTHS: [&str; 36] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// A round's label short enough for an axis. A month and year, in English or another
/// interface language ("November 2026", "noviembre de 2026", "ديسمبر 2026"), becomes the month's first three letters and
/// the year's last two ("Nov 26", "nov 26"; an Arabic month keeps its whole name, as Arabic
/// does not abbreviate them); any other label longer than 8 characters is cut with an
/// ellipsis.
pub fn short_label(label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    if let [month, between @ .., year] = words.as_slice()
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && between.len() <= 1
        && (MONTHS.contains(month) || OTHER_MONTHS.contains(month))
        && month.chars().count() >= 3
        && words[..words.len() - 1]
            .iter()
            .all(|w| w.chars().all(char::is_alphabetic))
    {
        let arabic = month
            .chars()
            .all(|c| ('\u{0600}'..='\u{06ff}').contains(&c));
        let short: String = if arabic {
            (*month).to_owned()
        } else {
            month.chars().take(3).collect()
        };
        return format!("{short} {}", &year[2..]);
    }
    if label.chars().count() <= 8 {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(7).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(412), "412");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn fixed_rounds_half_away_from_zero_and_pads() {
        assert_eq!(fixed(3.456, 2), "3.46");
        assert_eq!(fixed(3.0, 2), "3.00");
        assert_eq!(fixed(0.05, 1), "0.1");
        assert_eq!(fixed(-1.25, 1), "-1.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(12.0, 0), "12");
        assert_eq!(fixed(0.007, 2), "0.01");
        assert_eq!(fixed(f64::NAN, 2), "–");
        assert_eq!(fixed(f64::INFINITY, 1), "–");
        assert_eq!(fixed(1e300, 1), "900000000000000.0");
    }

    #[test]
    fn fixed_agrees_with_std_formatting_where_std_rounds_the_same() {
        // Near an exact decimal half the two may round differently (std rounds the binary
        // value exactly); everywhere else they must agree.
        for i in 0..2000 {
            let v = f64::from(i) * 0.0137 - 9.0;
            let scaled = (v * 1000.0).abs();
            if (scaled - scaled.floor() - 0.5).abs() < 1e-6 {
                continue;
            }
            assert_eq!(
                fixed(v, 3),
                format!("{v:.3}").replace("-0.000", "0.000"),
                "{v}"
            );
        }
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(0.666), "67%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn short_labels() {
        assert_eq!(short_label("November 2026"), "Nov 26");
        assert_eq!(short_label("May 2030"), "May 30");
        assert_eq!(short_label("Q3"), "Q3");
        assert_eq!(short_label("Sprint 42 retro"), "Sprint …");
        assert_eq!(short_label("Novembre 2026"), "Novembr…");
        assert_eq!(short_label("Offsite 2026"), "Offsite…");
        assert_eq!(short_label("Dezember 2026"), "Dez 26");
        assert_eq!(short_label("noviembre de 2026"), "nov 26");
        assert_eq!(short_label("ديسمبر 2026"), "ديسمبر 26");
        assert_eq!(short_label("Round 12 of 2026"), "Round 1…");
        assert_eq!(short_label("Ünïcødé ßtrings"), "Ünïcødé…");
    }
}
