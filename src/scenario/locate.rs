//! Where each node of a YAML (or JSON) document starts, by path (`accounts[1].id`).
//!
//! serde gives line and column for syntax and type errors; semantic errors found later
//! (an unknown alias, a duplicate ID) need the position of the offending value, which this
//! index provides from yaml-rust2's marked event stream.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column (both 1-based) of every node, by path.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

struct Walker {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Walker {
    /// The path of the node starting now, or None when the node is a mapping key.
    fn node_path(&mut self, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Map { path, key }) => match key.take() {
                None => {
                    *key = Some(scalar.unwrap_or("?").to_string());
                    None
                }
                Some(k) => Some(join(path, &k)),
            },
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        self.positions
            .entry(path.to_string())
            .or_insert((mark.line(), mark.col() + 1));
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(ref value, ..) => {
                if let Some(p) = self.node_path(Some(value)) {
                    self.record(&p, mark);
                }
            }
            Event::Alias(_) => {
                if let Some(p) = self.node_path(Some("?")) {
                    self.record(&p, mark);
                }
            }
            Event::MappingStart(..) => {
                let p = self.node_path(None);
                // A mapping used as a key gets no path of its own.
                let p = p.unwrap_or_else(|| "?".into());
                self.record(&p, mark);
                self.stack.push(Frame::Map { path: p, key: None });
            }
            Event::SequenceStart(..) => {
                let p = self.node_path(None).unwrap_or_else(|| "?".into());
                self.record(&p, mark);
                self.stack.push(Frame::Seq { path: p, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl Locator {
    /// Indexes `text`; a document that does not parse gives an empty index (serde reports
    /// the syntax error with its own position).
    pub fn new(text: &str) -> Locator {
        let mut walker = Walker {
            stack: Vec::new(),
            positions: HashMap::new(),
        };
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut walker, false);
        Locator {
            positions: walker.positions,
        }
    }

    /// The position of `path`, or of its nearest ancestor that has one, or 1:1.
    pub fn find(&self, path: &str) -> (usize, usize) {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.positions.get("").copied().unwrap_or((1, 1)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_positions() {
        let text = "name: x\naccounts:\n  - id: \"1\"\n    alias: a\n  - { id: \"2\", alias: b }\nregions: [cn-hangzhou, bad]\n";
        let l = Locator::new(text);
        assert_eq!(l.find("name"), (1, 7));
        assert_eq!(l.find("accounts[0].id"), (3, 9));
        assert_eq!(l.find("accounts[0].alias"), (4, 12));
        assert_eq!(l.find("accounts[1].alias"), (5, 23));
        assert_eq!(l.find("regions[1]"), (6, 24));
        // unknown paths fall back to the nearest ancestor
        assert_eq!(l.find("accounts[1].nothing"), l.find("accounts[1]"));
    }

    #[test]
    fn works_on_json() {
        let text = "{\n  \"accounts\": [\n    {\"id\": \"12\"}\n  ]\n}";
        let l = Locator::new(text);
        assert_eq!(l.find("accounts[0].id"), (3, 12));
    }
}
