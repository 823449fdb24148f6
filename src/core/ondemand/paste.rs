//! The paste worker's protocol: the paste dialog's cleanup, detection and checks, pasted
//! HTML (as the tree the page's `DOMParser` gave) to Markdown, and whole bulletins given
//! their structure and cleaned. The contributor page's preview and tidy-up use it too.

use crate::core::archive::SearchIndex;
use crate::core::format::{export, import};
use crate::core::ingest::html::{to_markdown, Node};
use crate::core::ingest::submission::parse;
use crate::core::ingest::{detect_with, import_bulletin, looks_like_bulletin, rule, Submission, RULES};
use crate::core::Issue;
use serde::{Deserialize, Serialize};

/// A cleanup rule that fired: its name (to switch it off) and its label (to show).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fired {
    /// The rule's name in [`RULES`].
    pub name: String,
    /// What the rule does, in Chinese.
    pub label: String,
}

/// What to do with a text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analyze {
    /// The text (a paste, or a submission file with front matter).
    pub text: String,
    /// The rules switched off by name.
    pub disabled: Vec<String>,
    /// Every rule off (the contributor page's preview shows the text as typed).
    pub every_rule_off: bool,
    /// Look for a published item like it (needs [`Request::Published`] first).
    pub similar: bool,
}

/// A request to the paste worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// The published issues' Markdown, for "this item looks like one already published";
    /// sent when the paste dialog opens.
    Published(Vec<String>),
    /// Detect a submission in a text.
    Analyze(Analyze),
    /// Pasted HTML, as the page's parser read it, to Markdown.
    Markdown(Vec<Node>),
    /// A whole bulletin written by others: its structure, every item cleaned.
    Bulletin(String),
}

/// The submission found in a text, with the dialog's checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The title.
    pub title: String,
    /// The body, canonical Markdown.
    pub body: String,
    /// The sources.
    pub sources: Vec<String>,
    /// The rules that fire with every rule on, in [`RULES`] order.
    pub fired: Vec<Fired>,
    /// Whether the text looks like a whole bulletin rather than one item.
    pub bulletin: bool,
    /// A published item it looks like: `issue“title”`.
    pub published_like: Option<String>,
    /// Lines moved out of a web article (by-line, buttons, credits), shown to the editor.
    #[serde(default)]
    pub removed: Vec<String>,
}

/// A bulletin read with [`import_bulletin`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bulletin {
    /// The issue as canonical Markdown (the page imports it exactly).
    pub markdown: String,
    /// Import's warnings: the line and the message.
    pub warnings: Vec<(usize, String)>,
    /// The labels of the rules that changed something.
    pub cleaned: Vec<String>,
}

/// The paste worker's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The published issues are taken (this many).
    Published(usize),
    /// The submission and checks.
    Analysis(Analysis),
    /// The Markdown of pasted HTML.
    Markdown(String),
    /// A bulletin.
    Bulletin(Bulletin),
}

/// The paste worker's state: the published issues and, once needed, their index.
#[derive(Default)]
pub struct Worker {
    published: Vec<Issue>,
    index: Option<SearchIndex>,
}

/// The submission a text holds: a submission file's fields, or what detection finds.
pub fn submission_of(text: &str, disabled: &[&str]) -> Submission {
    match parse(text) {
        Some(contribution) => contribution.to_submission(disabled),
        None => detect_with(text, disabled),
    }
}

/// A rule's name with its label.
fn fired(name: &str) -> Fired {
    Fired {
        name: name.to_string(),
        label: rule(name).map_or(name, |r| r.label).to_string(),
    }
}

impl Worker {
    /// Handles one request.
    pub fn handle(&mut self, request: Request) -> Answer {
        match request {
            Request::Published(issues) => {
                self.published = issues.iter().map(|markdown| import(markdown).0).collect();
                self.index = None;
                Answer::Published(self.published.len())
            }
            Request::Analyze(ask) => Answer::Analysis(self.analyze(&ask)),
            Request::Markdown(nodes) => Answer::Markdown(to_markdown(&nodes)),
            Request::Bulletin(text) => {
                let (issue, warnings, names) = import_bulletin(&text);
                Answer::Bulletin(Bulletin {
                    markdown: export(&issue),
                    warnings: warnings.into_iter().map(|w| (w.line, w.message)).collect(),
                    cleaned: names.iter().map(|name| fired(name).label).collect(),
                })
            }
        }
    }

    /// The submission in a text and the dialog's checks.
    fn analyze(&mut self, ask: &Analyze) -> Analysis {
        let every: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        let disabled: Vec<&str> = if ask.every_rule_off {
            every
        } else {
            ask.disabled.iter().map(String::as_str).collect()
        };
        let detected = submission_of(&ask.text, &[]);
        let submission = if disabled.is_empty() {
            detected.clone()
        } else {
            submission_of(&ask.text, &disabled)
        };
        let text = format!("{}\n{}", submission.title, submission.body);
        let published_like = if ask.similar && !text.trim().is_empty() && !self.published.is_empty() {
            let published = &self.published;
            let index = self.index.get_or_insert_with(|| SearchIndex::build(published));
            index
                .similar(&text)
                .into_iter()
                .next()
                .map(|found| format!("{}“{}”", found.issue_name, found.title))
        } else {
            None
        };
        Analysis {
            fired: detected.fired.iter().map(|name| fired(name)).collect(),
            bulletin: looks_like_bulletin(&ask.text),
            title: submission.title,
            body: submission.body,
            sources: submission.sources,
            removed: submission.removed,
            published_like,
        }
    }

    /// Handles one request as JSON, answering JSON; a request that cannot be read gets a
    /// message (a JSON string) instead of an answer.
    pub fn handle_json(&mut self, request: &str) -> String {
        match super::from_json::<Request>(request) {
            Ok(request) => super::to_json(&self.handle(request)),
            Err(why) => super::to_json(&why),
        }
    }
}
