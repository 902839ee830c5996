//! A JSON text writer for the largest answers (DescribeImages), where serde's per-field work
//! (escaping every key, formatting through `fmt`) was most of the request's cost.
//!
//! The caller writes keys and constant runs as literal text and values through [`JsonOut`]'s
//! typed methods; strings are escaped exactly as `serde_json` escapes them (a string that
//! needs escaping is handed to `serde_json` itself), so the output is byte for byte what
//! serialising the matching serde view gives. Each writer is held to that by a test.

/// A growing JSON text.
#[derive(Debug, Default)]
pub struct JsonOut {
    buf: Vec<u8>,
}

/// Whether a string can be written between quotes as it is: no control character, quote or
/// backslash. Scans in blocks without an early exit, which the compiler vectorises.
fn plain(s: &[u8]) -> bool {
    let mut chunks = s.chunks_exact(16);
    for c in &mut chunks {
        let mut bad = false;
        for &b in c {
            bad |= b < 0x20 || b == b'"' || b == b'\\';
        }
        if bad {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
}

impl JsonOut {
    pub fn with_capacity(n: usize) -> JsonOut {
        JsonOut {
            buf: Vec::with_capacity(n),
        }
    }

    /// Literal JSON text (keys, punctuation, constant runs).
    pub fn raw(&mut self, text: &str) -> &mut Self {
        self.buf.extend_from_slice(text.as_bytes());
        self
    }

    /// A quoted, escaped string.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.str_concat(&[s])
    }

    /// One quoted string made of `parts` one after another (each escaped on its own, which
    /// escapes their concatenation).
    pub fn str_concat(&mut self, parts: &[&str]) -> &mut Self {
        self.buf.push(b'"');
        for p in parts {
            if plain(p.as_bytes()) {
                self.buf.extend_from_slice(p.as_bytes());
            } else {
                // serde_json's escaping, without the quotes it writes around the piece.
                let start = self.buf.len();
                serde_json::to_writer(&mut self.buf, p).expect("a str serialises");
                self.buf.pop();
                self.buf.remove(start);
            }
        }
        self.buf.push(b'"');
        self
    }

    /// A string written by `f` straight into the text, between quotes; `f` must write
    /// nothing that needs escaping (digits, fixed ASCII).
    pub fn quoted(&mut self, f: impl FnOnce(&mut Vec<u8>)) -> &mut Self {
        self.buf.push(b'"');
        f(&mut self.buf);
        self.buf.push(b'"');
        self
    }

    pub fn uint(&mut self, n: u64) -> &mut Self {
        push_uint(&mut self.buf, n);
        self
    }

    pub fn int(&mut self, n: i64) -> &mut Self {
        if n < 0 {
            self.buf.push(b'-');
        }
        push_uint(&mut self.buf, n.unsigned_abs());
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.raw(if b { "true" } else { "false" })
    }

    /// Drops a trailing comma (after the last element of a list or object).
    pub fn end_list(&mut self) -> &mut Self {
        if self.buf.last() == Some(&b',') {
            self.buf.pop();
        }
        self
    }

    pub fn into_string(self) -> String {
        // Only `str`, literal text and ASCII digits were written.
        String::from_utf8(self.buf).expect("JSON text is UTF-8")
    }
}

/// Appends the decimal digits of `n`.
pub fn push_uint(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_serde_json_does() {
        for s in [
            "",
            "plain",
            "a\"b",
            "back\\slash",
            "tab\there",
            "\u{1}\u{1f}",
            "line\nbreak and more than sixteen bytes of text \"quoted\"",
            "中文名称 and émoji 🚀",
            "exactly sixteen!",
            "0123456789abcdef\"",
        ] {
            let mut out = JsonOut::default();
            out.str(s);
            assert_eq!(
                out.into_string(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn concatenated_parts_escape_as_their_whole() {
        for parts in [
            &["", ""][..],
            &["s-", "ab\"c"],
            &["\u{1}", "中", "\\x"],
            &["plain"],
        ] {
            let mut out = JsonOut::default();
            out.str_concat(parts);
            assert_eq!(
                out.into_string(),
                serde_json::to_string(&parts.concat()).unwrap()
            );
        }
    }

    #[test]
    fn numbers_match_serde_json() {
        for n in [0u64, 7, 10, 99, 1234567890, u64::MAX] {
            let mut out = JsonOut::default();
            out.uint(n);
            assert_eq!(out.into_string(), n.to_string());
        }
        for n in [0i64, -1, -1234, i64::MIN, i64::MAX] {
            let mut out = JsonOut::default();
            out.int(n);
            assert_eq!(out.into_string(), n.to_string());
        }
    }

    #[test]
    fn end_list_drops_only_a_trailing_comma() {
        let mut out = JsonOut::default();
        out.raw("[1,2,").end_list().raw("]");
        out.raw("[").end_list().raw("]");
        assert_eq!(out.into_string(), "[1,2][]");
    }
}
