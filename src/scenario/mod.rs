//! Scenario files: parse, merge, validate (docs/scenarios.md).
//!
//! Owns turning YAML or JSON text into a validated [`Scenario`]. Every problem is a
//! [`ScenarioError`] naming file, line and column; nothing here is an Alibaba error, and
//! nothing here touches the running world (`world::World::from_scenario` does that).
//!
//! Several files merge in order: scalar settings from later files win, lists are
//! concatenated, and a later `resource_directory` replaces an earlier one.

pub mod limits;
mod locate;
pub mod model;
pub(crate) mod validate;

pub use validate::is_account_id;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

pub use locate::Locator;
pub use model::*;

/// The scenario compiled into the binary, used when no `--scenario` is given.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/default.yaml");

/// The scenarios shipped in `scenarios/`, embedded, by name (the file name without `.yaml`),
/// so a crate that depends on this one can load them without the repository's files.
pub const SHIPPED: &[(&str, &str)] = &[
    ("default", DEFAULT_SCENARIO),
    (
        "cross-site",
        include_str!("../../scenarios/cross-site.yaml"),
    ),
    (
        "encrypted-images",
        include_str!("../../scenarios/encrypted-images.yaml"),
    ),
    (
        "image-lifecycle",
        include_str!("../../scenarios/image-lifecycle.yaml"),
    ),
    (
        "named-sharing",
        include_str!("../../scenarios/named-sharing.yaml"),
    ),
    (
        "org-sharing",
        include_str!("../../scenarios/org-sharing.yaml"),
    ),
    ("reference", include_str!("../../scenarios/reference.yaml")),
    (
        "share-quota",
        include_str!("../../scenarios/share-quota.yaml"),
    ),
];

/// A problem in a scenario (or fixture) file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// One or more scenario problems, each on its own line when displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioErrors(pub Vec<ScenarioError>);

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioErrors {}

impl From<ScenarioError> for ScenarioErrors {
    fn from(e: ScenarioError) -> Self {
        ScenarioErrors(vec![e])
    }
}

/// One parsed (not yet validated) file, with its text to find the positions of its nodes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceFile {
    pub name: String,
    pub file: ScenarioFile,
    #[serde(skip)]
    text: std::sync::Arc<str>,
    /// The index of node positions, built from `text` when an error first needs one: a
    /// valid file (a 100 k-image one among them) never pays for a third parse.
    #[serde(skip)]
    locator: std::sync::OnceLock<Locator>,
}

impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.file == other.file && self.text == other.text
    }
}

impl SourceFile {
    fn error(&self, path: &str, message: impl Into<String>) -> ScenarioError {
        let (line, column) = self
            .locator
            .get_or_init(|| Locator::new(&self.text))
            .find(path);
        ScenarioError {
            file: self.name.clone(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// Parses one file's text. `name` is used in error messages. JSON is recognised by a
/// leading `{` and parsed as JSON; everything else as YAML.
pub fn parse_str(name: &str, text: &str) -> Result<SourceFile, ScenarioErrors> {
    let err = |line: usize, column: usize, message: String| ScenarioError {
        file: name.to_string(),
        line,
        column,
        message,
    };
    limits::check(text).map_err(|e| err(e.line, e.column, e.message))?;
    let file: ScenarioFile = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| {
            let (line, column, message) = json_error_at(&e);
            err(line, column, message)
        })?
    } else if text.trim().is_empty() {
        ScenarioFile::default()
    } else {
        serde_norway::from_str(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            err(line, column, strip_position(&e.to_string()))
        })?
    };
    Ok(SourceFile {
        name: name.to_string(),
        file,
        text: text.into(),
        locator: std::sync::OnceLock::new(),
    })
}

/// serde's messages end in " at line L column C"; the position is already in front.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// A JSON syntax error as `file:line:col: message`'s parts: the position once (serde_json
/// also writes it into its message) and columns from 1 (it says 0 at the start of a line).
pub(crate) fn json_error_at(e: &serde_json::Error) -> (usize, usize, String) {
    (e.line(), e.column().max(1), strip_position(&e.to_string()))
}

/// Reads and parses a file.
pub fn load_file(path: &Path) -> Result<SourceFile, ScenarioErrors> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ScenarioError {
        file: name.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read file: {e}"),
    })?;
    parse_str(&name, &text)
}

/// A validated, merged world description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The `name` of each file, joined by `+` in `/_mock/health`.
    pub names: Vec<String>,
    /// The merged content; every reference in it resolves and every ID is unique.
    pub spec: ScenarioFile,
    /// The files it was built from, in order (to merge more files later).
    pub sources: Vec<SourceFile>,
}

impl Scenario {
    /// Merges and validates parsed files, in order.
    pub fn build(sources: &[SourceFile]) -> Result<Scenario, ScenarioErrors> {
        validate::build(sources)
    }

    /// Parses and validates a single text.
    pub fn from_str(name: &str, text: &str) -> Result<Scenario, ScenarioErrors> {
        Scenario::build(&[parse_str(name, text)?])
    }

    /// Loads, merges and validates files, in order.
    pub fn from_files<P: AsRef<Path>>(paths: &[P]) -> Result<Scenario, ScenarioErrors> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for p in paths {
            match load_file(p.as_ref()) {
                Ok(s) => sources.push(s),
                Err(e) => errors.extend(e.0),
            }
        }
        if !errors.is_empty() {
            return Err(ScenarioErrors(errors));
        }
        Scenario::build(&sources)
    }

    /// The embedded default scenario.
    pub fn default_scenario() -> Scenario {
        Scenario::from_str("<embedded default scenario>", DEFAULT_SCENARIO)
            .expect("the embedded default scenario is valid (tested)")
    }

    /// This scenario with more files merged after it, validated again.
    pub fn merged_with(&self, more: &[SourceFile]) -> Result<Scenario, ScenarioErrors> {
        let mut all = self.sources.clone();
        all.extend_from_slice(more);
        Scenario::build(&all)
    }

    /// The display name: file names joined by `+`.
    pub fn name(&self) -> String {
        self.names.join("+")
    }
}
