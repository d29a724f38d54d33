//! One sort for the whole model. Each `sort` of a different element type or comparator is a
//! separate copy of the standard library's sort in the wasm (about 2 kB each); sorting through
//! a single index sort with a dynamic comparator keeps one copy. Input that is already in
//! order, as files written by Candor are, is recognised in one pass.

use std::cmp::Ordering;

/// Sorts `items` by `compare` (not stable: callers sort by total orders).
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: &dyn Fn(&T, &T) -> Ordering) {
    if items.windows(2).all(|w| compare(&w[0], &w[1]).is_le()) {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &mut |a, b| compare(&items[*a], &items[*b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

fn sort_indices(order: &mut [usize], compare: &mut dyn FnMut(&usize, &usize) -> Ordering) {
    order.sort_unstable_by(compare);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort() {
        let mut state = 12345u64;
        for len in [0usize, 1, 2, 3, 10, 100, 1000] {
            let mut items: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ((state >> 60) as u8, i as u32)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            sort_by(&mut items, &|a, b| a.cmp(b));
            assert_eq!(items, expected);
        }
    }
}
