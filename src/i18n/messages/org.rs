//! The organisation page's texts (`org.`): making an organisation file and its pooled view.
//!
//! The pooled view is drawn in the reader worker (`dashboard::org`), which writes its
//! decimals, percentages and the team's names with the results page's texts (`results.`),
//! shared rather than copied: the build puts the `results.` keys into the organisation
//! page's part of each language file too (`lang/<code>.org.json`, scripts/finish-build.py).

use crate::i18n::Texts;

catalog! {
    /// The organisation page's texts: the page, its worker's answers and the pooled view's
    /// cards.
    OrgMsg = "org" {
        // Numbers.
        ThousandsSeparator = "org.thousands_separator": ",",

        // The page around the view.
        Language = "org.language": "Language",
        ReadingOrgFile = "org.reading_org_file": "Reading the organisation file…",
        ReadingTeams = "org.reading_teams": "Reading the teams' results",
        TeamsRead = "org.teams_read": "{read} of {total} teams read",
        TeamsReadSomeNot = "org.teams_read_some_not": "{read} of {total} teams read; {unread} could not be (listed at the end)",
        CannotShow = "org.cannot_show": "The organisation cannot be shown",
        ReaderStopped = "org.reader_stopped": "The file reader could not start or stopped.",
        ReaderMalformed = "org.reader_malformed": "The file reader sent an answer Candor cannot use.",
        RequestMalformed = "org.request_malformed": "The page sent the file reader a request it cannot use.",
        NotAnAddress = "org.not_an_address": "{address} is not a web address.",
        PeriodKind = "org.period_kind": "Line rounds up by",
        Month = "org.month": "month",
        Quarter = "org.quarter": "quarter",
        Period = "org.period": "Period",
        DownloadCsv = "org.download_csv": "Download CSV",
        DownloadJson = "org.download_json": "Download JSON",
        Print = "org.print": "Print",

        // The file reader's answers (a problem of a file or of the server, `{why}`, comes as
        // it is, in English).
        OrgFileUnreadable = "org.org_file_unreadable": "The organisation file cannot be read: {why}.",
        OrgFileInvalid = "org.org_file_invalid": "The organisation file is not valid: {why}.",
        NothingReadYet = "org.nothing_read_yet": "No organisation has been read yet.",
        ExportFailed = "org.export_failed": "The export could not be made.",
        WouldNotBeValid = "org.would_not_be_valid": "The organisation file would not be valid: {why}.",
        NotWritten = "org.not_written": "The organisation file was not written: {why}.",

        // The view's cards: nothing released yet.
        NothingReleasedTitle = "org.nothing_released_title": "Nothing released yet",
        NothingReleased = "org.nothing_released": "Teams listed: {count}. None has released the results of a round yet. A team's results appear here once one of its rounds has closed with enough answers and its key holder has released it.",

        // The heatmap of teams by dimension.
        TeamsIn = "org.teams_in": "Teams in {period}",
        HeatmapHint = "org.heatmap_hint": "Each team's released mean (higher is better) with how many answered it, and how many of the team answered the round (where the team's size is known). ▲ ▼: a change from the team's previous period that its own answers support. Too few: the team released nothing for this period, so it shows no number and adds to no total.",
        Lowest = "org.lowest": "lowest",
        Middle = "org.middle": "middle",
        Highest = "org.highest": "highest",
        TooFew = "org.too_few": "too few",
        // Joins the names along a group's path ("Product › Payments"), spaces included.
        GroupSeparator = "org.group_separator": " › ",
        NoGroup = "org.no_group": "Teams in no group",
        HeatCaption = "org.heat_caption": "{group}, {period}",
        TeamColumn = "org.team_column": "Team",
        AnsweredColumn = "org.answered_column": "Answered",
        AnsweredOf = "org.answered_of": "{answered} of {size}",
        CellLabel = "org.cell_label": "{team}, {dimension}: {mean} (n = {n})",
        CellLabelUp = "org.cell_label_up": "{team}, {dimension}: {mean} (n = {n}), up from its previous period",
        CellLabelDown = "org.cell_label_down": "{team}, {dimension}: {mean} (n = {n}), down from its previous period",
        CellN = "org.cell_n": "n={n}",

        // Trends of the pooled means.
        OverTime = "org.over_time": "{scope} over time",
        TrendHint = "org.trend_hint": "Pooled mean of the teams that released results, with its 95% interval; a gap where none did.",
        TrendTitle = "org.trend_title": "{dimension}, {scope}: pooled mean by period",
        TrendPoint = "org.trend_point": "{period}: {mean} (n = {n}; covers {teams} of {total} teams)",
        TrendGap = "org.trend_gap": "{period}: no team released results",

        // Totals.
        TotalsIn = "org.totals_in": "Totals in {period}",
        TotalsHint = "org.totals_hint": "Pooled from the results teams released: a team below its minimum adds nothing, so no hidden team can be worked out from a total and the teams beside it.",
        Totals = "org.totals": "Totals",
        PooledOver = "org.pooled_over": "Pooled over",
        TotalInterval = "org.total_interval": "(95% CI {low}–{high})",
        Covers = "org.covers": "n={n}; covers {teams} of {total} teams",
        NoneReleased = "org.none_released": "no team released; teams: {total}",

        // Where the differences lie (ICC(1) in words).
        Differences = "org.differences": "Where the differences are",
        IccWithin = "org.icc_within": "{dimension}: {share} of the differences in scores lie between teams; the differences are within teams, much the same everywhere: act across the whole group",
        IccSomewhat = "org.icc_somewhat": "{dimension}: {share} of the differences in scores lie between teams; teams differ somewhat: look at the lowest teams, and at what all teams share",
        IccALot = "org.icc_a_lot": "{dimension}: {share} of the differences in scores lie between teams; teams differ a lot: act with the teams that score lowest",
        NothingToCompare = "org.nothing_to_compare": "{dimension}: fewer than two teams released results, so nothing to compare",

        // Teams whose files could not be used.
        ProblemsTitle = "org.problems_title": "Teams that could not be read: {count}",
        Problem = "org.problem": "{team}: {why}",

        // Making an organisation file.
        MakeTitle = "org.make_title": "See many teams together",
        MakeIntro = "org.make_intro": "An organisation file lists teams by the links to their team files, in groups such as departments. Its view shows every team's released results side by side and pooled totals; it reads only what each team has released, so it shows nothing a team's own results page does not.",
        OrgName = "org.org_name": "Name of the organisation",
        Links = "org.links": "Links to the teams' files, one per line",
        LinksExample = "org.links_example": "https://dav.example.org/teams/checkout.json",
        AddTeams = "org.add_teams": "Add these teams",
        OpenLabel = "org.open_label": "Or change an organisation file made before: its address",
        AddressExample = "org.address_example": "https://dav.example.org/teams/organisation.json",
        OpenIt = "org.open_it": "Open it",
        NeedLinks = "org.need_links": "Paste at least one link to a team file.",
        NeedAddress = "org.need_address": "Give the address of the organisation file to change.",
        ReadingTeamFiles = "org.reading_team_files": "Reading the team files…",
        ConfirmReplace = "org.confirm_replace": "Replace the teams listed here with those of the file you open?",
        MakingOrgFile = "org.making_org_file": "Making the organisation file…",
        WritingOrgFile = "org.writing_org_file": "Writing the organisation file…",
        Unread = "org.unread": "Team files that could not be read: {count}. Their links are still in the box:",
        UnreadLink = "org.unread_link": "{link}: {why}",
        NotRead = "org.not_read": "not read",
        Replaced = "org.replaced": "The organisation file there was replaced.",
        Written = "org.written": "The organisation file was written.",
        OpenView = "org.open_view": "Open the organisation view",
        TeamsListed = "org.teams_listed": "Teams ({count})",
        NamesHint = "org.names_hint": "Names come from the teams' surveys; change them if you like. Put teams in groups with a path such as \u{201c}Product / Payments\u{201d}: teams with the same path share a group, and \u{201c}/\u{201d} nests one group in another.",
        TeamField = "org.team_field": "Team",
        GroupField = "org.group_field": "Group",
        GroupExample = "org.group_example": "e.g. Product / Payments",
        Remove = "org.remove": "Remove",
        RemoveTeam = "org.remove_team": "Remove {team}",
        DownloadOrgFile = "org.download_org_file": "Download the organisation file",
        WriteLabel = "org.write_label": "Or write it to an address on your file server",
        WriteThere = "org.write_there": "Write it there",
    }
}

/// Counts as the organisation page writes them in its language.
impl Texts<OrgMsg> {
    /// A whole number with the language's thousands separator ("1,000", "1.000").
    pub fn count(&self, n: usize) -> String {
        let grouped = crate::chart::thousands(n);
        match self.get(OrgMsg::ThousandsSeparator) {
            "," => grouped,
            separator => grouped.replace(',', separator),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{ResultsMsg, Texts};

    /// A German file with a few of the organisation page's and the results page's texts.
    const SOURCE: &str = r#"{"language": {"code": "de"}, "messages": {
        "org.thousands_separator": ".", "org.teams_read": "{read} von {total} Teams gelesen",
        "results.decimal_separator": ",", "results.percent": "{value} %"}}"#;

    /// The organisation page's built language file: its own texts and the results page's
    /// (scripts/finish-build.py).
    fn part() -> String {
        crate::i18n::BuiltFile::from_source(SOURCE)
            .with::<OrgMsg>()
            .with::<ResultsMsg>()
            .json()
    }

    #[test]
    fn counts_group_thousands_the_languages_way() {
        let english = Texts::<OrgMsg>::english();
        assert_eq!(english.count(7), "7");
        assert_eq!(english.count(1_000), "1,000");
        let german = Texts::<OrgMsg>::from_part(&part()).expect("a German part");
        assert_eq!(german.count(1_234_567), "1.234.567");
        assert_eq!(german.count(999), "999");
    }

    #[test]
    fn the_organisation_part_gives_both_catalogs_their_texts_and_no_gap_for_the_other() {
        let org = Texts::<OrgMsg>::from_part(&part()).expect("a part");
        let results = Texts::<ResultsMsg>::from_part(&part()).expect("a part");
        assert_eq!(
            org.fill(OrgMsg::TeamsRead, &[("read", "3"), ("total", "4")]),
            "3 von 4 Teams gelesen"
        );
        assert_eq!(results.number(3.25, 2), "3,25");
        assert_eq!(results.percent(0.3), "30 %");
        // In the source file, the other catalog's keys are not this one's unknown texts.
        let (_, org_gaps) = Texts::<OrgMsg>::parse(SOURCE).expect("a source file");
        let (_, results_gaps) = Texts::<ResultsMsg>::parse(SOURCE).expect("a source file");
        assert!(
            !org_gaps
                .iter()
                .chain(&results_gaps)
                .any(|g| matches!(g, crate::i18n::Gap::Unknown(_))),
            "{org_gaps:?} {results_gaps:?}"
        );
    }
}
