//! WireMock value patterns (`equalTo`, `contains`, `matches`, `absent`, `equalToJson`, `and`,
//! `or`, ...), parsed strictly: an operator or modifier the mock does not support is a load
//! error naming the field (docs/sources.md#wiremock).

use regex::Regex;
use serde_json::Value;

/// A pattern over an optional string value (absent parameter, header or body = None).
#[derive(Debug, Clone)]
pub enum Pattern {
    EqualTo {
        value: String,
        case_insensitive: bool,
    },
    Contains(String),
    DoesNotContain(String),
    Matches(Regex),
    DoesNotMatch(Regex),
    Absent(bool),
    EqualToJson(Value),
    And(Vec<Pattern>),
    Or(Vec<Pattern>),
}

/// Java's `matches` is a whole-value match.
pub(super) fn whole(re: &str, field: &str) -> Result<Regex, String> {
    Regex::new(&format!("^(?:{re})$"))
        .map_err(|e| format!("{field}: invalid regular expression: {e}"))
}

fn text(v: &Value, field: &str) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(format!("{field}: expected a string")),
    }
}

impl Pattern {
    pub fn parse(v: &Value, field: &str) -> Result<Pattern, String> {
        const OPS: &[&str] = &[
            "equalTo",
            "contains",
            "doesNotContain",
            "matches",
            "doesNotMatch",
            "absent",
            "equalToJson",
            "and",
            "or",
        ];
        let obj = v
            .as_object()
            .ok_or_else(|| format!("{field}: expected a pattern object"))?;
        let op = match obj.keys().find(|k| OPS.contains(&k.as_str())) {
            Some(op) => op.as_str(),
            None => {
                let first = obj.keys().next().map_or("(empty)", |k| k.as_str());
                return Err(format!("{field}.{first}: unsupported pattern operator"));
            }
        };
        for k in obj.keys() {
            if k != op && !(k == "caseInsensitive" && op == "equalTo") {
                return Err(format!("{field}.{k}: unsupported field"));
            }
        }
        let arg = &obj[op];
        let at = format!("{field}.{op}");
        Ok(match op {
            "equalTo" => Pattern::EqualTo {
                value: text(arg, &at)?,
                case_insensitive: obj
                    .get("caseInsensitive")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            },
            "contains" => Pattern::Contains(text(arg, &at)?),
            "doesNotContain" => Pattern::DoesNotContain(text(arg, &at)?),
            "matches" => Pattern::Matches(whole(&text(arg, &at)?, &at)?),
            "doesNotMatch" => Pattern::DoesNotMatch(whole(&text(arg, &at)?, &at)?),
            "absent" => Pattern::Absent(
                arg.as_bool()
                    .ok_or_else(|| format!("{at}: expected true or false"))?,
            ),
            "equalToJson" => Pattern::EqualToJson(match arg {
                Value::String(s) => {
                    serde_json::from_str(s).map_err(|e| format!("{at}: not JSON: {e}"))?
                }
                other => other.clone(),
            }),
            "and" | "or" => {
                let items = arg
                    .as_array()
                    .ok_or_else(|| format!("{at}: expected a list of patterns"))?;
                let parsed = items
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Pattern::parse(p, &format!("{at}[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?;
                if op == "and" {
                    Pattern::And(parsed)
                } else {
                    Pattern::Or(parsed)
                }
            }
            other => return Err(format!("{field}.{other}: unsupported pattern operator")),
        })
    }

    pub fn matches(&self, value: Option<&str>) -> bool {
        match self {
            Pattern::Absent(want) => value.is_none() == *want,
            Pattern::And(ps) => ps.iter().all(|p| p.matches(value)),
            Pattern::Or(ps) => ps.iter().any(|p| p.matches(value)),
            _ => {
                let Some(v) = value else { return false };
                match self {
                    Pattern::EqualTo {
                        value,
                        case_insensitive: true,
                    } => v.eq_ignore_ascii_case(value),
                    Pattern::EqualTo { value, .. } => v == value,
                    Pattern::Contains(s) => v.contains(s.as_str()),
                    Pattern::DoesNotContain(s) => !v.contains(s.as_str()),
                    Pattern::Matches(re) => re.is_match(v),
                    Pattern::DoesNotMatch(re) => !re.is_match(v),
                    Pattern::EqualToJson(want) => {
                        serde_json::from_str::<Value>(v).is_ok_and(|got| &got == want)
                    }
                    Pattern::Absent(_) | Pattern::And(_) | Pattern::Or(_) => unreachable!(),
                }
            }
        }
    }

    /// The literal of an `equalTo` pattern (to resolve account aliases).
    pub fn literal(&self) -> Option<&str> {
        match self {
            Pattern::EqualTo { value, .. } => Some(value),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(v: Value) -> Pattern {
        Pattern::parse(&v, "f").unwrap()
    }

    #[test]
    fn operators() {
        assert!(p(json!({"equalTo": "a"})).matches(Some("a")));
        assert!(!p(json!({"equalTo": "a"})).matches(Some("A")));
        assert!(p(json!({"equalTo": "a", "caseInsensitive": true})).matches(Some("A")));
        assert!(p(json!({"contains": "ag"})).matches(Some("image")));
        assert!(p(json!({"doesNotContain": "x"})).matches(Some("image")));
        assert!(p(json!({"matches": "m-[a-z0-9]+"})).matches(Some("m-abc1")));
        assert!(
            !p(json!({"matches": "m-[a-z]+"})).matches(Some("xm-abc")),
            "whole-value match"
        );
        assert!(p(json!({"doesNotMatch": "[0-9]+"})).matches(Some("abc")));
        assert!(p(json!({"absent": true})).matches(None));
        assert!(!p(json!({"absent": true})).matches(Some("")));
        assert!(!p(json!({"equalTo": "a"})).matches(None));
        assert!(p(json!({"equalToJson": {"a": [1, 2]}})).matches(Some(r#"{ "a": [1,2] }"#)));
        assert!(p(json!({"and": [{"contains": "a"}, {"contains": "b"}]})).matches(Some("ab")));
        assert!(p(json!({"or": [{"equalTo": "x"}, {"equalTo": "y"}]})).matches(Some("y")));
    }

    #[test]
    fn unsupported_operators_are_named() {
        let e = Pattern::parse(
            &json!({"matchesJsonPath": "$.a"}),
            "request.bodyPatterns[0]",
        )
        .unwrap_err();
        assert_eq!(
            e,
            "request.bodyPatterns[0].matchesJsonPath: unsupported pattern operator"
        );
        let e =
            Pattern::parse(&json!({"equalToJson": {}, "ignoreArrayOrder": true}), "x").unwrap_err();
        assert_eq!(e, "x.ignoreArrayOrder: unsupported field");
    }
}
