//! Sharing a survey (pure): the respondent link, its QR code as SVG, and the iframe snippet an
//! intranet admin pastes into a page.
//!
//! The team file's URL travels in the link's fragment (`#/take?src=…`), which browsers never
//! send to a server, so it stays out of web server logs.

use qrcodegen::{QrCode, QrCodeEcc};

use crate::chart::{Markup, SafeHtml, escape};
use crate::route::{Bundle, Page, Route};

/// The address of the results page for the team file `src`, seen from a page at `page_href`
/// of `bundle`, with the results key `key` in the fragment (the key holder's link).
pub fn results_link(
    page_href: &str,
    bundle: Bundle,
    src: Option<&str>,
    key: Option<&str>,
) -> String {
    let page = page_href.split('#').next().unwrap_or_default();
    let base = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let base = base.strip_suffix(bundle.folder()).unwrap_or(base);
    let route = Route {
        page: Page::Results,
        src: src.map(str::to_owned),
        embed: false,
        key: key.map(str::to_owned),
    };
    format!("{base}{}{}", Bundle::Results.folder(), route.to_hash())
}

/// The address of the respondent page for the team file `src` (`None`: this device's store),
/// seen from a page at `page_href` of `bundle`. `embed` adds the parameter that hides
/// Candor's header inside an iframe.
pub fn respondent_link(page_href: &str, bundle: Bundle, src: Option<&str>, embed: bool) -> String {
    let page = page_href.split('#').next().unwrap_or_default();
    // Drop the file name (index.html) and the page's own folder.
    let base = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let base = base.strip_suffix(bundle.folder()).unwrap_or(base);
    let route = Route {
        page: Page::Take,
        src: src.map(str::to_owned),
        embed,
        key: None,
    };
    format!("{base}{}", route.to_hash())
}

/// A QR code of `text` as an `<svg>` (one path, a 4-module quiet zone), or `None` when the
/// text is too long for any QR code. Medium error correction survives a glare on a projector.
pub fn qr_svg(text: &str, label: &str) -> Option<SafeHtml> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    let side = (size + 8).to_string();
    let mut m = Markup::new();
    m.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "qr"),
            ("viewBox", &format!("0 0 {side} {side}")),
            ("shape-rendering", "crispEdges"),
            ("role", "img"),
            ("aria-label", label),
        ],
    )
    .empty(
        "rect",
        &[("width", &side), ("height", &side), ("fill", "#fff")],
    )
    .empty("path", &[("d", &path), ("fill", "#000")])
    .close("svg");
    Some(m.finish())
}

/// The HTML an admin pastes into an intranet page: a sandboxed iframe of the survey that
/// grows to its content, and the few lines of script that listen for its height.
pub fn iframe_snippet(link: &str, origin: &str) -> String {
    let link = escape(link);
    let origin_js = origin.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "<iframe id=\"candor-survey\" src=\"{link}\" title=\"Team pulse survey\" \
width=\"100%\" height=\"640\" style=\"border:0\" loading=\"lazy\" referrerpolicy=\"origin\" \
sandbox=\"allow-scripts allow-same-origin allow-forms allow-popups allow-downloads\" \
allow=\"clipboard-write; web-share\"></iframe>\n\
<script>\n\
addEventListener(\"message\", function (e) {{\n\
  if (e.origin !== \"{origin_js}\" || !e.data || typeof e.data.candorHeight !== \"number\") return;\n\
  document.getElementById(\"candor-survey\").height = Math.ceil(e.data.candorHeight);\n\
}});\n\
</script>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_respondent_page_with_the_file_in_the_fragment() {
        let team = "https://intranet.example/tools/candor/setup/#/setup?src=x";
        let src = "https://dav.example/teams/platform team.json";
        let link = respondent_link(team, Bundle::Setup, Some(src), false);
        assert_eq!(
            link,
            "https://intranet.example/tools/candor/#/take?src=https%3A%2F%2Fdav.example%2Fteams%2Fplatform%20team.json"
        );
        assert_eq!(
            Route::parse(&link[link.find('#').unwrap()..])
                .src
                .as_deref(),
            Some(src)
        );
        let from_root = respondent_link(
            "http://127.0.0.1:8080/index.html",
            Bundle::Respond,
            None,
            true,
        );
        assert_eq!(from_root, "http://127.0.0.1:8080/#/take?embed=1");
        let team_index = respondent_link(
            "http://h/setup/index.html#/setup",
            Bundle::Setup,
            None,
            false,
        );
        assert_eq!(team_index, "http://h/#/take");
    }

    #[test]
    fn the_key_holders_link_opens_the_results_with_the_key_in_the_fragment() {
        let setup =
            "https://intranet.example/candor/setup/#/setup?src=https%3A%2F%2Fdav.example%2Ft.json";
        let link = results_link(
            setup,
            Bundle::Setup,
            Some("https://dav.example/t.json"),
            Some("abc-_1"),
        );
        assert_eq!(
            link,
            "https://intranet.example/candor/results/#/results?src=https%3A%2F%2Fdav.example%2Ft.json&key=abc-_1"
        );
        let (address, fragment) = link.split_once('#').unwrap();
        assert!(
            !address.contains("abc"),
            "the key never leaves the fragment"
        );
        assert_eq!(Route::parse(fragment).key.as_deref(), Some("abc-_1"));
        assert_eq!(
            results_link("http://h/setup/index.html", Bundle::Setup, None, None),
            "http://h/results/#/results"
        );
    }

    #[test]
    fn qr_codes_scale_with_the_link_and_refuse_the_impossible() {
        let short = qr_svg("https://a.example/#/take", "QR")
            .unwrap()
            .into_string();
        assert!(
            short.starts_with("<svg") && short.contains("viewBox=\"0 0 33 33\""),
            "{short}"
        );
        let long_link = format!("https://a.example/#/take?src={}", "x".repeat(400));
        let long = qr_svg(&long_link, "QR").unwrap().into_string();
        assert!(long.len() > short.len());
        assert!(qr_svg(&"x".repeat(5000), "QR").is_none());
    }

    #[test]
    fn the_snippet_escapes_the_link_and_checks_the_origin() {
        let snippet = iframe_snippet(
            "https://a.example/#/take?src=x&embed=1\"",
            "https://a.example",
        );
        assert!(snippet.contains("src=\"https://a.example/#/take?src=x&amp;embed=1&quot;\""));
        assert!(snippet.contains("e.origin !== \"https://a.example\""));
        assert!(snippet.contains("sandbox=\"allow-scripts allow-same-origin allow-forms"));
    }
}
