//! Request parameters: decoding and typed getters.
//!
//! Owns: turning a query string and a form body into one ordered parameter list (form rules:
//! `+` is a space, `%XX` a byte, then UTF-8), and the getters handlers use, which raise
//! `MissingParameter` / `InvalidParameter`. Knows nothing about actions or products.
//!
//! Lists arrive flattened with 1-based indexes (`AddAccount.1`), lists of objects one level
//! deeper (`Tag.1.Key`) (docs/sources.md#wire-protocol). Booleans arrive as `True`/`False` from the
//! Python SDKs and `true`/`false` elsewhere, so they are parsed case-insensitively.

use crate::error::ApiError;

/// Decodes `application/x-www-form-urlencoded` text (also used for query strings).
pub fn decode_form(input: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(input)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Up to this many parameters, [`Params::merge`] finds repeats by scanning.
const SMALL: usize = 32;

/// The merged parameters of one request: the query, then the form body (the body wins on a
/// clash, docs/sources.md#wire-protocol).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Merges query and body parameters; a body value replaces a query value of the same name.
    /// Linear in the number of parameters, however many a request sends.
    pub fn merge(query: &[(String, String)], body: &[(String, String)]) -> Params {
        let mut pairs: Vec<(String, String)> = Vec::with_capacity(query.len() + body.len());
        if query.len() + body.len() <= SMALL {
            // A usual request: a scan of a few names costs less than hashing them.
            for (k, v) in query.iter().chain(body.iter()) {
                match pairs.iter_mut().find(|(name, _)| name == k) {
                    Some(p) => p.1.clone_from(v),
                    None => pairs.push((k.clone(), v.clone())),
                }
            }
            return Params { pairs };
        }
        let mut seen: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(query.len() + body.len());
        for (k, v) in query.iter().chain(body.iter()) {
            match seen.get(k.as_str()) {
                Some(&i) => pairs[i].1 = v.clone(),
                None => {
                    seen.insert(k, pairs.len());
                    pairs.push((k.clone(), v.clone()));
                }
            }
        }
        Params { pairs }
    }

    /// Builds parameters from name/value pairs (unit tests).
    #[cfg(test)]
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Params {
        let query: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        Params::merge(&query, &[])
    }

    /// The parameters as owned pairs, in arrival order.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }

    /// Every parameter, in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The raw value, if present (possibly empty).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value if present and not empty. Empty values count as absent for typed getters:
    /// the legacy SDK sends `SignatureType=` for "not set".
    pub fn opt(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// A mandatory string: `MissingParameter` when absent or empty.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.opt(name)
            .ok_or_else(|| ApiError::MissingParameter(name.to_string()))
    }

    /// An optional boolean, any case (`True`, `true`, `TRUE`).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        bool_value(name, self.opt(name))
    }

    /// An optional integer within `min..=max`.
    pub fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        match self.opt(name) {
            None => Ok(None),
            Some(v) => match v.trim().parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(ApiError::InvalidParameter(name.to_string())),
            },
        }
    }

    /// A `Name.N` list, ordered by N (gaps allowed). `N` is a decimal index from 1 without
    /// sign or leading zero; `Name.0`, `Name.-1`, `Name.x` are `InvalidParameter` naming the
    /// key. Keys one level deeper (`Name.1.Field`) belong to object lists, not to this one.
    pub fn list(&self, name: &str) -> Result<Vec<&str>, ApiError> {
        let mut items: Vec<(usize, &str)> = Vec::new();
        for (k, v) in &self.pairs {
            let Some(n) = k.strip_prefix(name).and_then(|r| r.strip_prefix('.')) else {
                continue;
            };
            if n.contains('.') {
                continue;
            }
            let n = index(n).ok_or_else(|| ApiError::InvalidParameter(k.clone()))?;
            items.push((n, v.as_str()));
        }
        items.sort_by_key(|(n, _)| *n);
        Ok(items.into_iter().map(|(_, v)| v).collect())
    }

    /// An optional string, owned (`opt` for handlers that keep the value).
    pub fn string(&self, name: &str) -> Option<String> {
        self.opt(name).map(str::to_string)
    }

    /// `DryRun`: absent means false.
    pub fn dry_run(&self) -> Result<bool, ApiError> {
        Ok(self.bool("DryRun")?.unwrap_or(false))
    }

    /// A `Name.N.Field` list of objects, ordered by N; each object's fields in arrival order.
    /// `N` follows the rule of [`Params::list`].
    pub fn object_list(&self, name: &str) -> Result<Vec<Fields<'_>>, ApiError> {
        let mut items: std::collections::BTreeMap<usize, Vec<(&str, &str)>> =
            std::collections::BTreeMap::new();
        for (k, v) in &self.pairs {
            let Some(rest) = k.strip_prefix(name).and_then(|r| r.strip_prefix('.')) else {
                continue;
            };
            let Some((n, field)) = rest.split_once('.') else {
                continue;
            };
            let n = index(n).ok_or_else(|| ApiError::InvalidParameter(k.clone()))?;
            items.entry(n).or_default().push((field, v.as_str()));
        }
        Ok(items.into_values().map(Fields).collect())
    }
}

/// A boolean value of parameter `name`, any case; absent or empty is None.
pub fn bool_value(name: &str, v: Option<&str>) -> Result<Option<bool>, ApiError> {
    match v {
        None | Some("") => Ok(None),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(ApiError::InvalidParameter(name.to_string())),
    }
}

/// A list index: decimal digits, from 1, no sign, no leading zero, at most nine digits.
fn index(n: &str) -> Option<usize> {
    let digits = !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit());
    (digits && !n.starts_with('0'))
        .then(|| n.parse().ok())
        .flatten()
}

/// The fields of one `Name.N` object, in arrival order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields<'a>(pub Vec<(&'a str, &'a str)>);

impl<'a> Fields<'a> {
    /// A field's value by its exact name.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }

    /// A field's value by its name in any case (`Key` or the deprecated `key`).
    pub fn get_any_case(&self, name: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding_turns_plus_into_space() {
        let p = decode_form(b"Tag.1.Key=k+1&Tag.1.Value=v%2A~%2F&Empty=&Token=CAIS%2Bsts");
        assert_eq!(p[0], ("Tag.1.Key".into(), "k 1".into()));
        assert_eq!(p[1], ("Tag.1.Value".into(), "v*~/".into()));
        assert_eq!(p[2], ("Empty".into(), "".into()));
        assert_eq!(p[3], ("Token".into(), "CAIS+sts".into()));
    }

    #[test]
    fn few_and_many_parameters_merge_alike() {
        for n in [3, SMALL / 2, SMALL, SMALL + 1, 4 * SMALL] {
            let query: Vec<(String, String)> = (0..n)
                .map(|i| (format!("K{}", i % 5 + i / 2), format!("q{i}")))
                .collect();
            let body: Vec<(String, String)> = (0..n / 2)
                .map(|i| (format!("K{}", i * 3), format!("b{i}")))
                .collect();
            let mut expected: Vec<(String, String)> = Vec::new();
            for (k, v) in query.iter().chain(&body) {
                match expected.iter_mut().find(|(name, _)| name == k) {
                    Some(p) => p.1 = v.clone(),
                    None => expected.push((k.clone(), v.clone())),
                }
            }
            assert_eq!(Params::merge(&query, &body).into_pairs(), expected, "{n}");
        }
    }

    #[test]
    fn body_wins_over_query() {
        let q = decode_form(b"A=1&B=2");
        let b = decode_form(b"B=3&C=4");
        let p = Params::merge(&q, &b);
        assert_eq!(p.get("A"), Some("1"));
        assert_eq!(p.get("B"), Some("3"));
        assert_eq!(p.get("C"), Some("4"));
    }

    #[test]
    fn lists_are_ordered_by_index() {
        let p = Params::from_pairs([
            ("AddAccount.2", "b"),
            ("AddAccount.10", "j"),
            ("AddAccount.1", "a"),
            ("AddAccountX.1", "no"),
            ("AddAccount.1.Field", "no"),
        ]);
        assert_eq!(p.list("AddAccount"), Ok(vec!["a", "b", "j"]));
    }

    #[test]
    fn malformed_list_indexes_are_invalid_parameters_naming_the_key() {
        for key in [
            "AddAccount.0",
            "AddAccount.-1",
            "AddAccount.+1",
            "AddAccount. 1",
            "AddAccount.1e3",
            "AddAccount.01",
            "AddAccount.x",
            "AddAccount.",
            "AddAccount.99999999999999999999",
        ] {
            let p = Params::from_pairs([("AddAccount.1", "a"), (key, "b")]);
            assert_eq!(
                p.list("AddAccount"),
                Err(ApiError::InvalidParameter(key.into())),
                "{key}"
            );
            let p = Params::from_pairs([(format!("{key}.Key").replace("AddAccount", "Tag"), "k")]);
            assert!(p.object_list("Tag").is_err(), "{key}");
        }
    }

    #[test]
    fn a_hundred_thousand_parameters_merge_in_linear_time() {
        let q: Vec<(String, String)> = (0..100_000)
            .map(|i| (format!("Tag.{}.Key", i + 1), "k".into()))
            .collect();
        let p = Params::merge(&q, &q);
        assert_eq!(p.iter().count(), 100_000);
        assert_eq!(p.object_list("Tag").unwrap().len(), 100_000);
    }

    #[test]
    fn object_lists_group_fields() {
        let p = Params::from_pairs([
            ("Tag.2.Key", "k2"),
            ("Tag.1.Key", "k1"),
            ("Tag.1.Value", "v1"),
        ]);
        let l: Vec<Vec<(&str, &str)>> = p
            .object_list("Tag")
            .unwrap()
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(
            l,
            vec![vec![("Key", "k1"), ("Value", "v1")], vec![("Key", "k2")]]
        );
        assert_eq!(p.object_list("Tag").unwrap()[0].get("Value"), Some("v1"));
        assert_eq!(p.object_list("Tag").unwrap()[1].get("Value"), None);
    }

    #[test]
    fn booleans_in_any_case() {
        let p = Params::from_pairs([("A", "True"), ("B", "false"), ("C", "TRUE"), ("D", "yes")]);
        assert_eq!(p.bool("A"), Ok(Some(true)));
        assert_eq!(p.bool("B"), Ok(Some(false)));
        assert_eq!(p.bool("C"), Ok(Some(true)));
        assert_eq!(p.bool("Z"), Ok(None));
        assert_eq!(p.bool("D"), Err(ApiError::InvalidParameter("D".into())));
    }

    #[test]
    fn required_and_int_raise_alibaba_errors() {
        let p = Params::from_pairs([("PageSize", "101"), ("Empty", ""), ("N", "7")]);
        assert_eq!(
            p.required("RegionId"),
            Err(ApiError::MissingParameter("RegionId".into()))
        );
        assert_eq!(
            p.required("Empty"),
            Err(ApiError::MissingParameter("Empty".into()))
        );
        assert_eq!(
            p.int("PageSize", 1, 100),
            Err(ApiError::InvalidParameter("PageSize".into()))
        );
        assert_eq!(p.int("N", 1, 100), Ok(Some(7)));
        assert_eq!(p.int("Absent", 1, 100), Ok(None));
    }
}
