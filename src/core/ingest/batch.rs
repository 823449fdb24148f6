//! Several submissions at once (a morning's Word files): where each one may already be,
//! with the checks the paste dialog makes for one pasted submission.
//!
//! A submission is flagged when its body is a near-duplicate of an item of the open issue
//! ([`Fingerprint::is_near_duplicate_of`]), of an earlier submission of the same batch, or
//! when its title and body look like an item already published
//! ([`SearchIndex::similar`]). Nothing is dropped: the editor sees the flags and chooses.
//!
//! The Word submissions dialog runs [`near_duplicates`] on the page: it needs only
//! [`Fingerprint`], so the cleanup and the archive's index stay in the paste worker, which
//! answers the published check itself.

use super::submission::Fingerprint;
use super::Submission;
use crate::core::archive::{SearchIndex, Similar};
use crate::core::issue::{Issue, Item};

/// What one submission of a batch looks like a copy of.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Duplicates {
    /// The title of the first item of the open issue whose body it nearly repeats.
    pub in_issue: Option<String>,
    /// The position of the first earlier submission of the batch whose body it nearly
    /// repeats.
    pub in_batch: Option<usize>,
    /// The published item it looks most like.
    pub published: Option<Similar>,
}

impl Duplicates {
    /// Whether any check found something.
    pub fn any(&self) -> bool {
        self.in_issue.is_some() || self.in_batch.is_some() || self.published.is_some()
    }
}

/// The first item of `issue` whose body is a near-duplicate of the submission's body (the
/// paste dialog's check); None for an empty body.
pub fn duplicate_in_issue<'a>(submission: &Submission, issue: &'a Issue) -> Option<&'a Item> {
    if submission.body.trim().is_empty() {
        return None;
    }
    let print = Fingerprint::of(&submission.body);
    issue
        .items()
        .map(|(_, item)| item)
        .find(|item| print.is_near_duplicate_of(&item.body))
}

/// The published item most like the submission's title and body (the paste dialog's
/// check); None when the submission is empty.
pub fn published_like(submission: &Submission, index: &SearchIndex) -> Option<Similar> {
    let text = format!("{}\n{}", submission.title, submission.body);
    if text.trim().is_empty() {
        return None;
    }
    index.similar(&text).into_iter().next()
}

/// What one body of a batch nearly repeats: the open issue's item and the earlier body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Near {
    /// The title of the first item of the open issue whose body it nearly repeats.
    pub in_issue: Option<String>,
    /// The position of the first earlier body of the batch that it nearly repeats.
    pub in_batch: Option<usize>,
}

/// The near-duplicate checks for each body of a batch, in order (empty bodies are flagged
/// for nothing). Only [`Fingerprint`] is used.
pub fn near_duplicates(bodies: &[&str], issue: &Issue) -> Vec<Near> {
    let mut out: Vec<Near> = Vec::with_capacity(bodies.len());
    for (at, body) in bodies.iter().enumerate() {
        if body.trim().is_empty() {
            out.push(Near::default());
            continue;
        }
        let print = Fingerprint::of(body);
        out.push(Near {
            in_issue: issue
                .items()
                .map(|(_, item)| item)
                .find(|item| print.is_near_duplicate_of(&item.body))
                .map(|item| item.title.clone()),
            in_batch: bodies[..at]
                .iter()
                .position(|earlier| print.is_near_duplicate_of(earlier)),
        });
    }
    out
}

/// The checks for each submission of a batch, in order. `published` is the archive's
/// index, when there is an archive.
pub fn duplicates(submissions: &[Submission], issue: &Issue, published: Option<&SearchIndex>) -> Vec<Duplicates> {
    let bodies: Vec<&str> = submissions.iter().map(|s| s.body.as_str()).collect();
    near_duplicates(&bodies, issue)
        .into_iter()
        .zip(submissions)
        .map(|(near, submission)| Duplicates {
            in_issue: near.in_issue,
            in_batch: near.in_batch,
            published: published.and_then(|index| published_like(submission, index)),
        })
        .collect()
}
