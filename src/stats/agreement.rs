//! Agreement and reliability of a dimension's items: r_wg(J) and Cronbach's alpha.
//!
//! Alignment is about whether people see things the same way, which a mean hides: a mean of 4
//! can be everyone answering 4 or half answering 1 and half 7. r_wg(J) (James, Demaree & Wolf,
//! 1984) compares the observed spread with the spread of random answering on the scale.

use super::describe::sample_variance;

/// r_wg(J) for J items on an A-point scale. `items` holds each item's answers (recoded);
/// items with fewer than two answers are left out. The null variance is that of a uniform
/// distribution over 1..=A, (A^2 - 1) / 12. The index is truncated to [0, 1]: observed
/// variance at or above random means no agreement. `None` when no item has two answers.
pub fn rwg_j(items: &[Vec<f64>], scale: u8) -> Option<f64> {
    let variances: Vec<f64> = items.iter().filter_map(|a| sample_variance(a)).collect();
    if variances.is_empty() {
        return None;
    }
    let j = variances.len() as f64;
    let mean_variance = variances.iter().sum::<f64>() / j;
    let a = f64::from(scale);
    let expected = (a * a - 1.0) / 12.0;
    let ratio = mean_variance / expected;
    if ratio >= 1.0 {
        return Some(0.0);
    }
    Some(j * (1.0 - ratio) / (j * (1.0 - ratio) + ratio))
}

/// Cronbach's alpha over complete cases. `rows` holds, row after row, the k answers of each
/// respondent who answered every item (a flat row-major matrix: one allocation however many
/// respondents). Needs k >= 2 items and at least 3 rows; `None` when the variance of the totals
/// is zero (alpha is undefined, not perfect).
pub fn cronbach_alpha(rows: &[f64], k: usize) -> Option<f64> {
    if k < 2 || !rows.len().is_multiple_of(k) || rows.len() / k < 3 {
        return None;
    }
    let item_variance_sum: f64 = (0..k)
        .map(|i| {
            let column: Vec<f64> = rows.iter().skip(i).step_by(k).copied().collect();
            sample_variance(&column).unwrap_or(0.0)
        })
        .sum();
    let totals: Vec<f64> = rows.chunks_exact(k).map(|r| r.iter().sum()).collect();
    let total_variance = sample_variance(&totals)?;
    if total_variance == 0.0 {
        return None;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - item_variance_sum / total_variance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_agreement_is_one_and_random_spread_is_zero() {
        assert_eq!(
            rwg_j(&[vec![5.0, 5.0, 5.0], vec![6.0, 6.0, 6.0]], 7),
            Some(1.0)
        );
        // Answers at the two ends: variance far above the uniform null.
        assert_eq!(rwg_j(&[vec![1.0, 7.0, 1.0, 7.0]], 7), Some(0.0));
        assert_eq!(rwg_j(&[vec![4.0]], 7), None);
    }

    #[test]
    fn alpha_needs_three_complete_rows_and_spread() {
        assert_eq!(cronbach_alpha(&[1.0, 2.0, 2.0, 3.0], 2), None);
        assert_eq!(cronbach_alpha(&[4.0; 6], 2), None);
        let perfectly_parallel = [1.0, 1.0, 3.0, 3.0, 5.0, 5.0];
        assert!((cronbach_alpha(&perfectly_parallel, 2).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(cronbach_alpha(&perfectly_parallel, 1), None);
    }
}
