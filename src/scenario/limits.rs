//! Limits checked on a YAML (or JSON) document before it is deserialised: nesting depth,
//! and the nodes that aliases expand to. A few kilobytes of YAML can alias one account
//! thousands of times (a "billion laughs" document) or nest brackets a hundred thousand deep;
//! both are refused here, with the position where the limit was passed, in time linear in
//! the text.

use yaml_rust2::parser::{Event, Parser};

/// Nesting deeper than this is refused (a scenario needs about six levels).
pub const MAX_DEPTH: usize = 64;

/// Nodes that aliases may add beyond the document's own nodes.
pub const MAX_ALIAS_NODES: u64 = 100_000;

/// Why a document was refused: line, column (1-based) and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

struct Open {
    anchor: usize,
    /// Expanded nodes counted when it opened.
    start: u64,
}

/// Checks `text`; a document that does not parse passes (the deserialiser reports the
/// syntax error with its own position).
pub fn check(text: &str) -> Result<(), LimitError> {
    let mut parser = Parser::new_from_str(text);
    let mut open: Vec<Open> = Vec::new();
    // Expanded size of each anchored node, by anchor ID.
    let mut sizes: Vec<u64> = Vec::new();
    let (mut literal, mut expanded) = (0u64, 0u64);
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            // The parser's own nesting guard (256 levels) trips before ours on very deep
            // documents: the same refusal.
            Err(e) if e.info().contains("recursion limit") => {
                return Err(LimitError {
                    line: e.marker().line(),
                    column: e.marker().col() + 1,
                    message: format!("nesting deeper than {MAX_DEPTH} levels"),
                })
            }
            Err(_) => return Ok(()),
        };
        let fail = |message: String| LimitError {
            line: mark.line(),
            column: mark.col() + 1,
            message,
        };
        let mut record = |anchor: usize, size: u64| {
            if anchor > 0 {
                if sizes.len() <= anchor {
                    sizes.resize(anchor + 1, 0);
                }
                sizes[anchor] = size;
            }
        };
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Scalar(_, _, anchor, _) => {
                literal += 1;
                expanded += 1;
                record(anchor, 1);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                literal += 1;
                expanded += 1;
                open.push(Open {
                    anchor,
                    start: expanded - 1,
                });
                if open.len() > MAX_DEPTH {
                    return Err(fail(format!("nesting deeper than {MAX_DEPTH} levels")));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(o) = open.pop() {
                    record(o.anchor, expanded - o.start);
                }
            }
            Event::Alias(anchor) => {
                // An alias of a node still open (a cycle) counts as one node.
                expanded += sizes.get(anchor).copied().filter(|&n| n > 0).unwrap_or(1);
                if expanded.saturating_sub(literal) > MAX_ALIAS_NODES {
                    return Err(fail(format!(
                        "aliases expand to more than {MAX_ALIAS_NODES} nodes beyond the document's own"
                    )));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_documents_pass() {
        let yaml = "a: &x { b: [1, 2, 3] }\nc: *x\nd: *x\n";
        assert_eq!(check(yaml), Ok(()));
        assert_eq!(check("{\"a\": [1, {\"b\": 2}]}"), Ok(()));
        assert_eq!(check("not: [closed"), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_passes_the_limit() {
        let e = check(&"[".repeat(100_000)).unwrap_err();
        assert_eq!(e.line, 1);
        assert_eq!(e.message, "nesting deeper than 64 levels");
        let e = check(&format!("{}1{}", "[".repeat(100), "]".repeat(100))).unwrap_err();
        assert_eq!((e.line, e.column), (1, MAX_DEPTH + 1));
        assert_eq!(check(&"[".repeat(MAX_DEPTH)), Ok(()));
    }

    #[test]
    fn alias_amplification_is_refused() {
        // Each level doubles: ten levels of ten aliases is 10^10 nodes.
        let mut yaml = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            yaml.push_str(&format!(
                "l{i}: &l{i} [*l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}]\n"
            ));
        }
        let e = check(&yaml).unwrap_err();
        assert!(
            e.message.starts_with("aliases expand to more than"),
            "{e:?}"
        );
        assert!(e.line > 1);
    }
}
