//! Three-way merge of an ordered list of ids (sections, the columns of a section, the
//! items of a section or column).
//!
//! Which ids the result holds is decided elsewhere (`keep`); this module only orders
//! them. The side that reordered the ids all three lists share gives the order (ours
//! when both did); ids it lacks come in after the id that precedes them on the side that
//! has them, so an item added by one tab lands where that tab put it.

use crate::core::issue::Id;
use std::collections::{HashMap, HashSet};

/// The merged order, and whether both sides reordered the shared ids differently.
pub fn merge_order(base: &[Id], ours: &[Id], theirs: &[Id], keep: &HashSet<Id>) -> (Vec<Id>, bool) {
    let in_base: HashSet<Id> = base.iter().copied().collect();
    let in_ours: HashSet<Id> = ours.iter().copied().collect();
    let in_theirs: HashSet<Id> = theirs.iter().copied().collect();
    let shared = |list: &[Id]| -> Vec<Id> {
        list.iter()
            .copied()
            .filter(|id| in_base.contains(id) && in_ours.contains(id) && in_theirs.contains(id))
            .collect()
    };
    let (b, o, t) = (shared(base), shared(ours), shared(theirs));
    let both_reordered = o != b && t != b && o != t;
    let (skeleton, others): (&[Id], [&[Id]; 2]) = if o == b {
        (theirs, [ours, base])
    } else {
        (ours, [theirs, base])
    };
    let mut order: Vec<Id> = skeleton.iter().copied().filter(|id| keep.contains(id)).collect();
    for side in others {
        order = insert_missing(order, side, keep);
    }
    // An id none of the three lists holds (ids that disagree about where a part sits)
    // still comes in, at the end: the merge never drops a part it decided to keep.
    if order.len() < keep.len() {
        let placed: HashSet<Id> = order.iter().copied().collect();
        let mut stray: Vec<Id> = keep.iter().copied().filter(|id| !placed.contains(id)).collect();
        stray.sort_unstable();
        order.extend(stray);
    }
    (order, both_reordered)
}

/// Adds the ids of `side` that `keep` holds and `order` lacks: those after every id
/// already placed go to the end; the others right after the id that precedes them in
/// `side` (among those placed), or at the front.
fn insert_missing(order: Vec<Id>, side: &[Id], keep: &HashSet<Id>) -> Vec<Id> {
    let mut placed: HashSet<Id> = order.iter().copied().collect();
    let last_placed = side.iter().rposition(|id| placed.contains(id));
    // For each anchor (None: the front), the ids that follow it, in side order.
    let mut after: HashMap<Option<Id>, Vec<Id>> = HashMap::new();
    let mut tail = Vec::new();
    let mut previous: Option<Id> = None;
    for (at, &id) in side.iter().enumerate() {
        if keep.contains(&id) && placed.insert(id) {
            if last_placed.is_none_or(|last| at > last) && !order.is_empty() {
                tail.push(id);
                continue;
            }
            after.entry(previous).or_default().push(id);
        }
        if placed.contains(&id) {
            previous = Some(id);
        }
    }
    if after.is_empty() && tail.is_empty() {
        return order;
    }
    let mut out = Vec::with_capacity(placed.len());
    // A stack of ids still to emit: an emitted id is followed by the ids anchored to it.
    let mut stack: Vec<Id> = Vec::new();
    let push_followers = |stack: &mut Vec<Id>, anchor: Option<Id>, after: &mut HashMap<Option<Id>, Vec<Id>>| {
        if let Some(followers) = after.remove(&anchor) {
            stack.extend(followers.into_iter().rev());
        }
    };
    push_followers(&mut stack, None, &mut after);
    let mut skeleton = order.into_iter();
    loop {
        let id = match stack.pop() {
            Some(id) => id,
            None => match skeleton.next() {
                Some(id) => id,
                None => break,
            },
        };
        out.push(id);
        push_followers(&mut stack, Some(id), &mut after);
    }
    out.extend(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(ids: &[&[Id]]) -> HashSet<Id> {
        ids.iter().flat_map(|l| l.iter().copied()).collect()
    }

    #[test]
    fn additions_on_both_sides_land_where_each_side_put_them() {
        let base = [1, 2, 3];
        let ours = [1, 10, 2, 3];
        let theirs = [1, 2, 3, 20, 21];
        let (order, clash) = merge_order(&base, &ours, &theirs, &all(&[&ours, &theirs]));
        assert_eq!(order, [1, 10, 2, 3, 20, 21]);
        assert!(!clash);
    }

    #[test]
    fn a_reorder_on_one_side_is_kept_and_additions_follow_it() {
        let base = [1, 2, 3];
        let ours = [1, 2, 3, 4];
        let theirs = [3, 1, 2];
        let (order, clash) = merge_order(&base, &ours, &theirs, &all(&[&ours, &theirs]));
        assert_eq!(order, [3, 1, 2, 4]);
        assert!(!clash);
        let (order, clash) = merge_order(&base, &[2, 1, 3], &theirs, &all(&[&theirs]));
        assert_eq!(order, [2, 1, 3]);
        assert!(clash);
    }

    #[test]
    fn additions_at_the_front_keep_their_order() {
        let (order, _) = merge_order(&[1], &[1], &[7, 8, 1], &all(&[&[7, 8, 1]]));
        assert_eq!(order, [7, 8, 1]);
    }
}
