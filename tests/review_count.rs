//! Native tests of the review count (`core::count::Review`): the status bar's 3/7 已审 and
//! the question asked before an issue that is not all reviewed is exported.

use jianbao::core::count::Review;
use jianbao::core::format::import;
use jianbao::core::{Issue, Status};

#[test]
fn items_are_counted_by_status_across_sections_and_columns() {
    let (issue, _) = import(jianbao::core::sample::SAMPLE_MARKDOWN);
    let review = Review::of(&issue);
    let statuses: Vec<Status> = issue.items().map(|(_, item)| item.status).collect();
    assert_eq!(review.total(), statuses.len());
    assert_eq!(
        review.reviewed,
        statuses.iter().filter(|s| **s == Status::Reviewed).count()
    );
    assert_eq!(
        review.editing,
        statuses.iter().filter(|s| **s == Status::Editing).count()
    );
    assert_eq!(review.pending(), review.total() - review.reviewed);
    // The sample shows each status at least once, so every counter is exercised.
    assert!(
        review.reviewed > 0 && review.editing > 0 && review.received > 0,
        "{review:?}"
    );
}

#[test]
fn an_issue_all_reviewed_has_nothing_pending_and_an_empty_one_nothing_at_all() {
    let (mut issue, _) = import(jianbao::core::sample::SAMPLE_MARKDOWN);
    for section in &mut issue.sections {
        let columns = section.columns.iter_mut().flat_map(|c| c.items.iter_mut());
        for item in section.items.iter_mut().chain(columns) {
            item.status = Status::Reviewed;
        }
    }
    let review = Review::of(&issue);
    assert_eq!(review.pending(), 0);
    assert_eq!(review.reviewed, review.total());
    assert_eq!(Review::of(&Issue::default()), Review::default());
}
