//! Is a round different from the one before? Welch's comparison of two independent samples.
//!
//! Anonymous rounds cannot be paired (nobody's answers are linked across rounds), so the
//! rounds are independent samples with possibly unequal variances. A change is only called a
//! change when the 95% interval of the difference excludes zero.

use super::describe::{mean, sample_variance, t975};

/// The engine's verdict on a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Up,
    Down,
    NoClearChange,
}

impl Verdict {
    /// The verdict as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Up => "up",
            Self::Down => "down",
            Self::NoClearChange => "no clear change",
        }
    }
}

/// Difference of two means with its interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Welch {
    pub diff: f64,
    pub ci95: (f64, f64),
    pub df: f64,
    pub verdict: Verdict,
}

/// Welch's comparison of `before` and `after`: diff = mean(after) - mean(before),
/// se = sqrt(s_a^2 / n_a + s_b^2 / n_b), Welch-Satterthwaite degrees of freedom,
/// ci95 = diff +- t(0.975, df) * se. `None` when either side has fewer than two values.
/// When both sides have no spread at all (se = 0) the difference is exact: the interval has
/// zero width and df is reported as infinite.
pub fn welch(before: &[f64], after: &[f64]) -> Option<Welch> {
    let summary = |values: &[f64]| {
        Some(Summary {
            n: values.len(),
            mean: mean(values)?,
            variance: sample_variance(values),
        })
    };
    welch_summary(summary(before)?, summary(after)?)
}

/// What Welch's comparison needs of one side: published results carry exactly this (n, mean,
/// and the SD whose square is the variance), so changes between released rounds are computed
/// without the answers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    /// Sample variance; `None` below two values.
    pub variance: Option<f64>,
}

/// [`welch`] from the two sides' summaries.
pub fn welch_summary(before: Summary, after: Summary) -> Option<Welch> {
    let (na, nb) = (before.n as f64, after.n as f64);
    let (va, vb) = (before.variance?, after.variance?);
    let diff = after.mean - before.mean;
    let (qa, qb) = (va / na, vb / nb);
    let se = (qa + qb).sqrt();
    let (df, half) = if se == 0.0 {
        (f64::INFINITY, 0.0)
    } else {
        let df = (qa + qb).powi(2) / (qa * qa / (na - 1.0) + qb * qb / (nb - 1.0));
        (df, t975(df)? * se)
    };
    let ci95 = (diff - half, diff + half);
    let verdict = if ci95.0 > 0.0 {
        Verdict::Up
    } else if ci95.1 < 0.0 {
        Verdict::Down
    } else {
        Verdict::NoClearChange
    };
    Some(Welch {
        diff,
        ci95,
        df,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_rise_is_up_and_noise_is_not() {
        let before = [3.0, 3.5, 3.0, 2.5, 3.0];
        let after = [5.5, 6.0, 5.0, 6.0, 5.5];
        assert_eq!(welch(&before, &after).unwrap().verdict, Verdict::Up);
        assert_eq!(welch(&after, &before).unwrap().verdict, Verdict::Down);
        let noisy = [1.0, 7.0, 4.0, 2.0, 6.0];
        let noisy_after = [2.0, 7.0, 5.0, 1.0, 6.0];
        assert_eq!(
            welch(&noisy, &noisy_after).unwrap().verdict,
            Verdict::NoClearChange
        );
    }

    #[test]
    fn needs_two_values_each_side() {
        assert_eq!(welch(&[4.0], &[5.0, 6.0]), None);
    }

    #[test]
    fn constant_rounds_give_an_exact_difference() {
        let w = welch(&[4.0, 4.0, 4.0], &[5.0, 5.0]).unwrap();
        assert_eq!(w.ci95, (1.0, 1.0));
        assert_eq!(w.verdict, Verdict::Up);
    }
}
