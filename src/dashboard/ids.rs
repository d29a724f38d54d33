//! The element ids the dashboard derives from a dimension's id, each written and read by one
//! function here (the page's listeners find a chart's readout through them).

const CHART: &str = "chart-";
const READOUT: &str = "readout-";
const HEADING: &str = "h-";

/// The trend chart's `<svg>` of a dimension (also its point ids' prefix).
pub fn chart(dimension: &str) -> String {
    format!("{CHART}{dimension}")
}

/// The dimension whose chart has the element id `chart_id`.
pub fn dimension_of_chart(chart_id: &str) -> Option<&str> {
    chart_id.strip_prefix(CHART).filter(|d| !d.is_empty())
}

/// The live region under a dimension's chart that reads out the focused round.
pub fn readout(dimension: &str) -> String {
    format!("{READOUT}{dimension}")
}

/// The heading that names a dimension's card.
pub fn heading(dimension: &str) -> String {
    format!("{HEADING}{dimension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_id_leads_back_to_its_dimension_and_readout() {
        for dimension in ["safety", "chart-x", "a-b-c"] {
            let id = chart(dimension);
            assert_eq!(dimension_of_chart(&id), Some(dimension));
            assert_eq!(readout(dimension), format!("readout-{dimension}"));
        }
        assert_eq!(dimension_of_chart("readout-safety"), None);
        assert_eq!(dimension_of_chart("chart-"), None);
    }
}
