//! Hash routes: `#/take`, `#/results`, `#/setup`, `#/org` with optional query parameters.
//!
//! Hash routing works on any static host and inside an iframe, and keeps parameters such as
//! the shared file's URL (`?src=`) in the fragment, which browsers never send to a server.

/// A place in the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Take,
    Results,
    Setup,
    /// Many teams at once: the organisation view of an organisation file (`src`), or, without
    /// one, the page that makes an organisation file.
    Org,
    /// A released round presented to the team on a shared screen, one card at a time
    /// (drawn by the results page).
    Retro,
    NotFound(String),
}

/// A parsed location: the page and its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// URL of the shared file (`src`); `None` means this device's store.
    pub src: Option<String>,
    /// Shown inside another page's iframe, without Candor's own header (`embed`).
    pub embed: bool,
    /// The results key (`key`), in a results link made for the key holder: it stays in the
    /// fragment, which browsers never send, and no link to another view carries it.
    pub key: Option<String>,
}

impl Route {
    /// Parses `location.hash`, e.g. `#/take?src=https%3A%2F%2Fdav.example%2Fteam.json`.
    pub fn parse(hash: &str) -> Self {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let path = path.trim_end_matches('/');
        let page = match path {
            "" | "/" => Page::Home,
            "/take" => Page::Take,
            "/results" => Page::Results,
            "/setup" => Page::Setup,
            "/org" => Page::Org,
            "/retro" => Page::Retro,
            other => Page::NotFound(other.to_owned()),
        };
        let mut route = Self {
            page,
            src: None,
            embed: false,
            key: None,
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "src" => route.src = percent_decode(value).filter(|s| !s.is_empty()),
                "embed" => route.embed = !matches!(value, "0" | "false"),
                "key" => route.key = percent_decode(value).filter(|s| !s.is_empty()),
                _ => {}
            }
        }
        route
    }

    /// The hash for this route, the inverse of [`Route::parse`].
    pub fn to_hash(&self) -> String {
        let path = match &self.page {
            Page::Home => "/",
            Page::Take => "/take",
            Page::Results => "/results",
            Page::Setup => "/setup",
            Page::Org => "/org",
            Page::Retro => "/retro",
            Page::NotFound(path) => path.as_str(),
        };
        let mut params = Vec::new();
        if let Some(src) = &self.src {
            params.push(format!("src={}", percent_encode(src)));
        }
        if self.embed {
            params.push("embed=1".to_owned());
        }
        if let Some(key) = &self.key {
            params.push(format!("key={}", percent_encode(key)));
        }
        if params.is_empty() {
            format!("#{path}")
        } else {
            format!("#{path}?{}", params.join("&"))
        }
    }

    /// The same parameters on another page (links keep the file and embed mode, never the
    /// key).
    pub fn with_page(&self, page: Page) -> Self {
        Self {
            page,
            key: None,
            ..self.clone()
        }
    }
}

/// Candor ships as four pages, each with its own wasm, so a phone that only answers the
/// survey never downloads the dashboard or the editor: the respondent page at the site's root
/// (start page and `#/take`), the results page in `results/`, the set-up page in `setup/` and
/// the organisation page in `org/` (opened by the few who look after many teams, so no team's
/// results page carries it). Routes are the same on all four; a link to a view drawn by
/// another page goes there (`results/#/org?src=…` opens the organisation page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    Respond,
    Results,
    Setup,
    Org,
}

impl Bundle {
    /// The page that draws `page` (`None` for "not found", which every page draws).
    fn of(page: &Page) -> Option<Self> {
        match page {
            Page::Home | Page::Take => Some(Self::Respond),
            Page::Results | Page::Retro => Some(Self::Results),
            Page::Setup => Some(Self::Setup),
            Page::Org => Some(Self::Org),
            Page::NotFound(_) => None,
        }
    }

    /// The page's folder, relative to the site's root.
    pub fn folder(self) -> &'static str {
        match self {
            Self::Respond => "",
            Self::Results => "results/",
            Self::Setup => "setup/",
            Self::Org => "org/",
        }
    }

    /// Whether this page draws `page`.
    pub fn draws(self, page: &Page) -> bool {
        Self::of(page).is_none_or(|b| b == self)
    }

    /// The link to `route` from this page: a bare hash when it is drawn here, else the other
    /// page's relative address with the same hash. A relative file address (`src=demo.json`)
    /// is rewritten to point at the same file from the other page's folder.
    pub fn href(self, route: &Route) -> String {
        match Self::of(&route.page) {
            Some(target) if target != self => {
                let up = if self == Self::Respond { "" } else { "../" };
                let mut route = route.clone();
                if let Some(src) = route.src.as_mut().filter(|s| is_relative(s)) {
                    let down = if target == Self::Respond { "" } else { "../" };
                    *src = format!("{down}{}{src}", self.folder());
                }
                format!("{up}{}{}", target.folder(), route.to_hash())
            }
            _ => route.to_hash(),
        }
    }
}

/// A URL relative to the page's folder (no scheme, not from the site's root).
fn is_relative(url: &str) -> bool {
    !url.contains("://") && !url.starts_with('/')
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as space); `None` on a broken escape or invalid UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pages() {
        assert_eq!(Route::parse("").page, Page::Home);
        assert_eq!(Route::parse("#/").page, Page::Home);
        assert_eq!(Route::parse("#/take").page, Page::Take);
        assert_eq!(Route::parse("#/results/").page, Page::Results);
        assert_eq!(Route::parse("#/setup?embed=1").page, Page::Setup);
        assert_eq!(Route::parse("#/org?src=o.json").page, Page::Org);
        assert_eq!(Route::parse("#/nope").page, Page::NotFound("/nope".into()));
    }

    #[test]
    fn src_round_trips() {
        let url = "https://dav.example/teams/platform team.json?x=1&y=2";
        let route = Route {
            page: Page::Take,
            src: Some(url.into()),
            embed: true,
            key: None,
        };
        let hash = route.to_hash();
        assert!(!hash[1..].contains(['#', ' ']), "{hash}");
        assert_eq!(Route::parse(&hash), route);
    }

    #[test]
    fn a_results_key_stays_on_its_link_and_never_travels_to_another_view() {
        let route =
            Route::parse("#/results?src=team.json&key=8G1tVguk1drg4YAMOayEjkTEyoWg2x1v-ZPn_uBvcWE");
        assert_eq!(
            route.key.as_deref(),
            Some("8G1tVguk1drg4YAMOayEjkTEyoWg2x1v-ZPn_uBvcWE")
        );
        assert_eq!(Route::parse(&route.to_hash()), route);
        for page in [Page::Take, Page::Setup, Page::Results, Page::Home] {
            let other = route.with_page(page);
            assert_eq!(other.key, None);
            assert!(!Bundle::Results.href(&other).contains("key="));
        }
    }

    #[test]
    fn links_cross_between_the_pages() {
        let take = Route::parse("#/take?src=https%3A%2F%2Ff.example%2Fa.json");
        let results = take.with_page(Page::Results);
        let setup = take.with_page(Page::Setup);
        let src = "src=https%3A%2F%2Ff.example%2Fa.json";
        assert_eq!(Bundle::Respond.href(&take), format!("#/take?{src}"));
        assert_eq!(
            Bundle::Respond.href(&results),
            format!("results/#/results?{src}")
        );
        assert_eq!(Bundle::Results.href(&results), format!("#/results?{src}"));
        assert_eq!(Bundle::Results.href(&take), format!("../#/take?{src}"));
        assert_eq!(
            Bundle::Results.href(&setup),
            format!("../setup/#/setup?{src}")
        );
        assert_eq!(
            Bundle::Setup.href(&results),
            format!("../results/#/results?{src}")
        );
        assert_eq!(
            Bundle::Setup.href(&take.with_page(Page::Home)),
            format!("../#/?{src}")
        );
        // A file next to one page is found from the others.
        let demo = Route::parse("#/results?src=demo.json");
        assert_eq!(
            Bundle::Results.href(&demo.with_page(Page::Take)),
            "../#/take?src=results%2Fdemo.json"
        );
        assert_eq!(
            Bundle::Results.href(&demo.with_page(Page::Setup)),
            "../setup/#/setup?src=..%2Fresults%2Fdemo.json"
        );
        let absolute = Route::parse("#/take?src=%2Fdata%2Fteam.json");
        assert_eq!(
            Bundle::Respond.href(&absolute.with_page(Page::Results)),
            "results/#/results?src=%2Fdata%2Fteam.json"
        );
        let lost = Route::parse("#/nowhere");
        assert!(Bundle::Respond.draws(&lost.page) && Bundle::Setup.draws(&lost.page));
    }

    #[test]
    fn the_organisation_page_is_reached_from_every_page() {
        let org = Route::parse("#/org");
        // The set-up page's file card writes this link as it is.
        assert_eq!(Bundle::Setup.href(&org), "../org/#/org");
        assert_eq!(Bundle::Respond.href(&org), "org/#/org");
        let shared = Route::parse("#/org?src=https%3A%2F%2Fs3.example%2Fo.json");
        assert_eq!(
            Bundle::Results.href(&shared),
            "../org/#/org?src=https%3A%2F%2Fs3.example%2Fo.json"
        );
        assert_eq!(Bundle::Org.href(&shared), shared.to_hash());
        // A file next to the organisation page stays the same file from another page.
        let relative = Route::parse("#/org?src=o.json");
        assert_eq!(
            Bundle::Org.href(&relative.with_page(Page::Results)),
            "../results/#/results?src=..%2Forg%2Fo.json"
        );
    }

    #[test]
    fn retro_mode_is_drawn_by_the_results_page() {
        let retro = Route::parse("#/retro?src=demo.json");
        assert_eq!(retro.page, Page::Retro);
        assert_eq!(retro.to_hash(), "#/retro?src=demo.json");
        assert!(Bundle::Results.draws(&retro.page));
        assert_eq!(Bundle::Results.href(&retro), "#/retro?src=demo.json");
        assert_eq!(
            Bundle::Setup.href(&retro.with_page(Page::Retro)),
            "../results/#/retro?src=..%2Fsetup%2Fdemo.json"
        );
    }

    #[test]
    fn broken_escapes_are_ignored_not_fatal() {
        assert_eq!(Route::parse("#/take?src=%zz").src, None);
        assert_eq!(Route::parse("#/take?src=%e2%28").src, None);
        assert_eq!(Route::parse("#/take?src=%4").src, None);
    }
}
