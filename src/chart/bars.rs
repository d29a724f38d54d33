//! Diverging stacked bars for one question's answer distribution: disagreement extends left of
//! the centre line, agreement right, a neutral middle answer straddles it.

/// One answer category's piece of a bar, in user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// The (recoded) answer, 1..=scale.
    pub answer: u8,
    pub x: f64,
    pub width: f64,
    /// Share of the people who answered, 0..=1.
    pub share: f64,
}

/// Lays out `counts` (answers 1..=scale, recoded so higher is more favourable) around
/// `centre`, where `half` is the room on each side (a bar of all "agree" is `half` long).
/// Empty categories get no segment; no answers at all give no segments.
pub fn diverging(counts: &[u32], centre: f64, half: f64) -> Vec<Segment> {
    let total: u32 = counts.iter().sum();
    if total == 0 {
        return Vec::new();
    }
    let scale = counts.len();
    let shares: Vec<f64> = counts
        .iter()
        .map(|&c| f64::from(c) / f64::from(total))
        .collect();
    // Everything below the middle answer, plus half of a neutral middle, lies left of centre.
    let lower = scale / 2;
    let mut left: f64 = shares[..lower].iter().sum();
    if scale % 2 == 1 {
        left += shares[lower] / 2.0;
    }
    let mut x = centre - left * half;
    let mut segments = Vec::new();
    for (i, &share) in shares.iter().enumerate() {
        if share > 0.0 {
            segments.push(Segment {
                answer: i as u8 + 1,
                x,
                width: share * half,
                share,
            });
        }
        x += share * half;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disagreement_left_agreement_right_neutral_straddles() {
        let s = diverging(&[1, 1, 2, 3, 3], 100.0, 100.0);
        assert_eq!(s.len(), 5);
        // 10% + 10% + half of 20% = 30% left of centre.
        assert!((s[0].x - 70.0).abs() < 1e-9);
        let neutral = s[2];
        assert!((neutral.x - 90.0).abs() < 1e-9 && (neutral.width - 20.0).abs() < 1e-9);
        let end = s[4].x + s[4].width;
        assert!((end - 170.0).abs() < 1e-9);
        // The pieces tile the bar without gaps.
        for pair in s.windows(2) {
            assert!((pair[0].x + pair[0].width - pair[1].x).abs() < 1e-9);
        }
    }

    #[test]
    fn even_scales_have_no_neutral_and_empty_answers_no_piece() {
        let s = diverging(&[0, 2, 0, 2, 0, 0], 0.0, 10.0);
        assert_eq!(s.iter().map(|p| p.answer).collect::<Vec<_>>(), [2, 4]);
        assert!((s[0].x + 5.0).abs() < 1e-9);
        assert!((s[1].x).abs() < 1e-9);
    }

    #[test]
    fn unanimous_answers_fill_one_side() {
        let all_agree = diverging(&[0, 0, 0, 0, 7], 50.0, 40.0);
        assert_eq!(all_agree.len(), 1);
        assert!((all_agree[0].x - 50.0).abs() < 1e-9 && (all_agree[0].width - 40.0).abs() < 1e-9);
        assert!(diverging(&[0, 0, 0], 0.0, 1.0).is_empty());
        assert!(diverging(&[], 0.0, 1.0).is_empty());
    }
}
