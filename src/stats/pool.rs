//! Pooling teams' released numbers into totals for a group of teams, and how much of the spread
//! lies between teams (ICC(1)), from each team's n, mean and SD alone.
//!
//! A total is made only from what teams have released: a team below its minimum released
//! nothing and so adds nothing, and no hidden team can be found by subtracting its neighbours
//! from a total. The pooled numbers are exact, the same as if every respondent's score had been
//! pooled: with N = sum n_i and M = sum n_i m_i / N,
//!
//! - within-team sum of squares  SSW = sum (n_i - 1) s_i^2,
//! - between-team sum of squares SSB = sum n_i (m_i - M)^2,
//! - pooled SD = sqrt((SSW + SSB) / (N - 1)), 95% interval M +- t(0.975, N - 1) SD / sqrt(N);
//! - ICC(1) = (MSB - MSW) / (MSB + (k0 - 1) MSW), MSB = SSB / (g - 1), MSW = SSW / (N - g),
//!   k0 = (N - sum n_i^2 / N) / (g - 1) (one-way ANOVA with unequal team sizes).

use super::describe::t975;

/// One team's released numbers for one dimension and period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TeamNumbers {
    pub n: u32,
    pub mean: f64,
    /// Sample SD; `None` only for a team of one (which a minimum of three never releases).
    pub sd: Option<f64>,
}

/// The numbers of several teams pooled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pooled {
    /// Respondents, over all the teams pooled.
    pub n: u64,
    /// Teams pooled (those that released numbers).
    pub teams: usize,
    pub mean: f64,
    /// `None` below two respondents.
    pub sd: Option<f64>,
    /// 95% confidence interval of the mean; `None` below two respondents.
    pub ci95: Option<(f64, f64)>,
}

/// Sums of the one-way analysis: N, g, M, SSW and SSB (`None` for no respondents).
fn sums(teams: &[TeamNumbers]) -> Option<(f64, usize, f64, f64, f64)> {
    let teams: Vec<&TeamNumbers> = teams.iter().filter(|t| t.n > 0).collect();
    let n: f64 = teams.iter().map(|t| f64::from(t.n)).sum();
    if n == 0.0 {
        return None;
    }
    let mean = teams.iter().map(|t| f64::from(t.n) * t.mean).sum::<f64>() / n;
    let within: f64 = teams
        .iter()
        .map(|t| (f64::from(t.n) - 1.0) * t.sd.unwrap_or(0.0).powi(2))
        .sum();
    let between: f64 = teams
        .iter()
        .map(|t| f64::from(t.n) * (t.mean - mean).powi(2))
        .sum();
    Some((n, teams.len(), mean, within, between))
}

/// The teams' numbers pooled; `None` when no team released any.
pub fn pool(teams: &[TeamNumbers]) -> Option<Pooled> {
    let (n, groups, mean, within, between) = sums(teams)?;
    let sd = (n >= 2.0).then(|| ((within + between) / (n - 1.0)).sqrt());
    let ci95 = sd.and_then(|sd| {
        let half = t975(n - 1.0)? * sd / n.sqrt();
        Some((mean - half, mean + half))
    });
    Some(Pooled {
        n: n as u64,
        teams: groups,
        mean,
        sd,
        ci95,
    })
}

/// ICC(1): the share of the variance of scores that lies between teams rather than within
/// them. `None` with fewer than two teams, no more respondents than teams, or no variance at
/// all. Can be slightly negative when teams differ less than chance alone would make them.
pub fn icc1(teams: &[TeamNumbers]) -> Option<f64> {
    let (n, groups, _, within, between) = sums(teams)?;
    if groups < 2 || n <= groups as f64 {
        return None;
    }
    let g = groups as f64;
    let msb = between / (g - 1.0);
    let msw = within / (n - g);
    let sum_sq: f64 = teams.iter().map(|t| f64::from(t.n).powi(2)).sum();
    let k0 = (n - sum_sq / n) / (g - 1.0);
    let denominator = msb + (k0 - 1.0) * msw;
    (denominator > 0.0).then(|| (msb - msw) / denominator)
}

/// How much teams differ, by ICC(1), in the bands a leader acts on (the organisation view
/// says each in words): below 5% the differences lie within teams, much the same everywhere;
/// below 15% teams differ somewhat; above that, a lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    WithinTeams,
    Somewhat,
    ALot,
}

/// The band of an ICC(1) (see [`Spread`]).
pub fn spread(icc: f64) -> Spread {
    if icc < 0.05 {
        Spread::WithinTeams
    } else if icc < 0.15 {
        Spread::Somewhat
    } else {
        Spread::ALot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(scores: &[f64]) -> TeamNumbers {
        TeamNumbers {
            n: scores.len() as u32,
            mean: super::super::mean(scores).unwrap(),
            sd: super::super::sample_sd(scores),
        }
    }

    #[test]
    fn pooling_summaries_equals_pooling_the_scores() {
        let a = [3.0, 4.5, 5.0, 6.0];
        let b = [2.0, 2.5, 4.0, 3.5, 5.5, 6.5];
        let all: Vec<f64> = a.iter().chain(&b).copied().collect();
        let pooled = pool(&[describe(&a), describe(&b)]).unwrap();
        let direct = describe(&all);
        assert_eq!(pooled.n, 10);
        assert_eq!(pooled.teams, 2);
        assert!((pooled.mean - direct.mean).abs() < 1e-12);
        assert!((pooled.sd.unwrap() - direct.sd.unwrap()).abs() < 1e-12);
        let (lo, hi) = super::super::ci95(&all, None).unwrap();
        let (plo, phi) = pooled.ci95.unwrap();
        assert!((plo - lo).abs() < 1e-12 && (phi - hi).abs() < 1e-12);
    }

    #[test]
    fn icc_is_one_when_teams_differ_and_agree_inside_and_none_for_one_team() {
        let same = |x: f64| TeamNumbers {
            n: 5,
            mean: x,
            sd: Some(0.0),
        };
        assert_eq!(icc1(&[same(2.0), same(6.0)]), Some(1.0));
        assert_eq!(icc1(&[same(2.0)]), None);
        assert_eq!(pool(&[]), None);
        assert_eq!(spread(-0.01), Spread::WithinTeams);
        assert_eq!(spread(0.02), Spread::WithinTeams);
        assert_eq!(spread(0.05), Spread::Somewhat);
        assert_eq!(spread(0.3), Spread::ALot);
    }
}
