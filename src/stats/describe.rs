//! Descriptive building blocks: mean, sample variance, Student's t quantile and the 95%
//! confidence interval of a mean, with the finite-population correction for small teams.

use super::special::{beta_reg, ln_gamma};

/// Arithmetic mean; `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// Sample variance (divisor n - 1); `None` below two values. Two-pass for accuracy.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    let sum_sq: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    Some(sum_sq / (values.len() - 1) as f64)
}

/// Sample standard deviation; `None` below two values.
pub fn sample_sd(values: &[f64]) -> Option<f64> {
    sample_variance(values).map(f64::sqrt)
}

/// The 0.975 quantile of Student's t with `df` degrees of freedom (the multiplier of a
/// two-sided 95% interval), to 1e-12 of scipy's `t.ppf` (tests/stats.rs). `None` when `df` is
/// not positive and finite.
pub fn t975(df: f64) -> Option<f64> {
    if df.is_nan() || df <= 0.0 || df.is_infinite() {
        return None;
    }
    if df >= 1e4 {
        // The Cornish-Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5) is exact to
        // rounding here, and needs no iteration.
        let z: f64 = 1.959_963_984_540_054;
        let (z3, z5, z7, z9) = (z.powi(3), z.powi(5), z.powi(7), z.powi(9));
        let g1 = (z3 + z) / 4.0;
        let g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
        let g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
        let g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
        return Some(z + g1 / df + g2 / df.powi(2) + g3 / df.powi(3) + g4 / df.powi(4));
    }
    upper_tail_quantile(0.025, df)
}

/// The t value whose upper tail probability is `p` (0 < p < 0.5), by Newton's method on the
/// tail P(T > t) = I_{df/(df+t^2)}(df/2, 1/2) / 2, kept inside a bracket that bisection
/// falls back to.
fn upper_tail_quantile(p: f64, df: f64) -> Option<f64> {
    let half_df = df / 2.0;
    let tail =
        |t: f64| -> Option<f64> { beta_reg(half_df, 0.5, df / (df + t * t)).map(|i| i / 2.0) };
    // log of the density's constant: Γ((df+1)/2) / (sqrt(df π) Γ(df/2))
    let log_norm =
        ln_gamma(half_df + 0.5) - ln_gamma(half_df) - 0.5 * (df * std::f64::consts::PI).ln();
    let density = |t: f64| (log_norm - (half_df + 0.5) * (t * t / df).ln_1p()).exp();

    let (mut lo, mut hi) = (0.0_f64, 2.0_f64);
    while tail(hi)? > p {
        lo = hi;
        hi *= 2.0;
        if hi > 1e300 {
            return None;
        }
    }
    let mut t = (lo + hi) / 2.0;
    for _ in 0..200 {
        let excess = tail(t)? - p;
        if excess > 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        // The tail falls as t grows: its derivative is minus the density.
        let newton = t + excess / density(t);
        let next = if newton > lo && newton < hi {
            newton
        } else {
            (lo + hi) / 2.0
        };
        if (next - t).abs() <= 4.0 * f64::EPSILON * t {
            return Some(next);
        }
        t = next;
    }
    Some(t)
}

/// The 95% confidence interval of the mean of `values`: mean +- t(0.975, n - 1) * sd / sqrt(n).
///
/// When the team size N is known the interval is narrowed by the finite-population correction
/// sqrt((N - n) / (N - 1)): if everyone on a team of 6 answered, the team's mean is known
/// exactly. The correction applies only when N > 1 and n <= N; when more people answered than
/// the recorded team size, the size is out of date and no correction is made. `None` below
/// two values.
pub fn ci95(values: &[f64], team_size: Option<u32>) -> Option<(f64, f64)> {
    let n = values.len();
    let m = mean(values)?;
    let sd = sample_sd(values)?;
    let t = t975((n - 1) as f64)?;
    let mut half = t * sd / (n as f64).sqrt();
    if let Some(size) = team_size {
        let (big, small) = (f64::from(size), n as f64);
        if size > 1 && small <= big {
            half *= ((big - small) / (big - 1.0)).sqrt();
        }
    }
    Some((m - half, m + half))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_tables() {
        // Classic table values of t(0.975, df).
        let table = [
            (1.0, 12.706_204_736_174_7),
            (2.0, 4.302_652_729_749_464),
            (4.0, 2.776_445_105_197_793),
            (30.0, 2.042_272_456_301_238),
        ];
        for (df, expected) in table {
            let got = t975(df).unwrap();
            assert!(
                (got - expected).abs() < 1e-9,
                "df {df}: {got} vs {expected}"
            );
        }
        assert_eq!(t975(0.0), None);
        assert_eq!(t975(f64::NAN), None);
    }

    #[test]
    fn whole_team_answering_gives_a_zero_width_interval() {
        let values = [4.0, 5.0, 6.0, 5.0, 7.0];
        let (low, high) = ci95(&values, Some(5)).unwrap();
        assert_eq!(low, high);
        assert_eq!(low, 5.4);
    }

    #[test]
    fn undefined_below_two_values() {
        assert_eq!(mean(&[]), None);
        assert_eq!(sample_sd(&[3.0]), None);
        assert_eq!(ci95(&[3.0], None), None);
    }
}
