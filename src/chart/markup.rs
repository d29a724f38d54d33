//! A tiny writer of escaped HTML/SVG markup, and [`SafeHtml`], the only kind of markup the
//! app puts on a page as it is.
//!
//! Charts and tables with hundreds of elements are written as one string and inserted as a
//! single node: in wasm that is several times smaller and faster than building each element
//! through the framework's virtual DOM. Every text and attribute value goes through
//! [`escape`], and tag and attribute names are `&'static str` (the program's own constants),
//! so survey text (titles, labels, comments) can never become markup. [`SafeHtml`] can only be
//! made by this writer (or, at the one trust boundary, from the reader worker's reply, which
//! the same writer produced in the same program), so unescaped text cannot reach the page by
//! accident: the type checker says so.

/// `text` safe inside an element or a double- or single-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Markup written by [`Markup`]: every text and attribute value in it is escaped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SafeHtml(String);

impl SafeHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// Markup that came back from the results page's reader worker, which wrote it with
    /// [`Markup`] in this same program (see `crate::reader`): the one place where a string
    /// becomes safe markup without passing through the writer here.
    pub(crate) fn from_own_worker(markup: String) -> Self {
        Self(markup)
    }
}

/// An element's attributes: names are the program's constants, values are escaped.
pub type Attrs<'a> = &'a [(&'static str, &'a str)];

/// Markup under construction.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    pub fn new() -> Self {
        Self::default()
    }

    /// `<tag name="value" ...>`.
    pub fn open(&mut self, tag: &'static str, attrs: Attrs) -> &mut Self {
        self.start(tag, attrs);
        self.0.push('>');
        self
    }

    /// A self-closing element (SVG shapes).
    pub fn empty(&mut self, tag: &'static str, attrs: Attrs) -> &mut Self {
        self.start(tag, attrs);
        self.0.push_str("/>");
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Escaped text content.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(&escape(text));
        self
    }

    /// An element with attributes and escaped text inside.
    pub fn element(&mut self, tag: &'static str, attrs: Attrs, text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// Markup that is part of the program: a string literal of fixed tags, attributes and
    /// words, with nothing from a file or a person in it (those go through [`Self::text`] and
    /// attribute values). One call for a run of fixed markup is a fraction of the wasm that
    /// element-by-element calls cost.
    pub fn fixed(&mut self, markup: &'static str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Markup this writer made earlier (e.g. a chart), inside this one.
    pub fn safe(&mut self, markup: &SafeHtml) -> &mut Self {
        self.0.push_str(&markup.0);
        self
    }

    pub fn finish(self) -> SafeHtml {
        SafeHtml(self.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The markup written so far, leaving the writer empty: one piece of a page drawn in
    /// several parts.
    pub fn take(&mut self) -> SafeHtml {
        SafeHtml(std::mem::take(&mut self.0))
    }

    fn start(&mut self, tag: &'static str, attrs: Attrs) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            self.0.push_str(&escape(value));
            self.0.push('"');
        }
    }
}

/// What a person is told by `html` (for tests): its text without the tags, then the values
/// of the attributes read out (`aria-label`, `placeholder`), the escapes undone.
#[cfg(test)]
pub(crate) fn words_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' | '>' => {
                in_tag = c == '<';
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    for attribute in ["aria-label=\"", "placeholder=\""] {
        for (at, found) in html.match_indices(attribute) {
            out.push('\n');
            out.push_str(
                html[at + found.len()..]
                    .split('"')
                    .next()
                    .unwrap_or_default(),
            );
        }
    }
    [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(out, |text, (entity, c)| text.replace(entity, c))
}

/// Fails (for tests) when `text`, read in language `code`, holds one of the `english` words,
/// showing where.
#[cfg(test)]
pub(crate) fn assert_none_of(code: &str, text: &str, english: &[&str]) {
    for word in english {
        if let Some(at) = text.find(word) {
            let around: String = text[at.saturating_sub(120)..].chars().take(240).collect();
            panic!("{code}: {word:?} in {around}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_and_attributes_stay_text() {
        let mut m = Markup::new();
        m.element(
            "td",
            &[("title", "\"><img src=x onerror=alert(1)>")],
            "<script>alert('x')</script> & co",
        );
        let out = m.finish();
        assert_eq!(
            out.as_str(),
            "<td title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</td>"
        );
        assert_eq!(out.as_str().matches('<').count(), 2);
    }

    #[test]
    fn nests_and_self_closes() {
        let mut m = Markup::new();
        m.open("svg", &[("viewBox", "0 0 10 10")])
            .empty("circle", &[("r", "2")])
            .close("svg");
        assert_eq!(
            m.finish().as_str(),
            "<svg viewBox=\"0 0 10 10\"><circle r=\"2\"/></svg>"
        );
    }

    #[test]
    fn safe_markup_nests_as_written_and_take_empties_the_writer() {
        let mut inner = Markup::new();
        inner.element("b", &[], "<i>");
        let inner = inner.finish();
        let mut m = Markup::new();
        m.open("p", &[]).safe(&inner).close("p");
        assert_eq!(m.take().as_str(), "<p><b>&lt;i&gt;</b></p>");
        assert!(m.is_empty());
    }
}
