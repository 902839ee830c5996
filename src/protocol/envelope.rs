//! Response bodies: JSON by default, XML for `Format=XML`; the error envelope.
//!
//! Owns the bytes of every API answer (docs/sources.md#wire-protocol): success bodies carry
//! `RequestId` first and never a `Code` (pop-core treats any `Code` as failure); errors carry
//! `RequestId`, `HostId`, `Code`, `Message`, `Recommend`. Knows nothing about actions.

use serde_json::{Map, Value};

use crate::error::ApiError;

/// `application/json;charset=utf-8`, what the real gateway sends.
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";
/// `text/xml;charset=utf-8`: the only XML type the new SDK's V3 path parses (§7.2).
pub const XML_CONTENT_TYPE: &str = "text/xml;charset=utf-8";

/// Response format asked for by the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// `Format=XML` (any case) means XML; anything else, including the legacy SDK's literal
    /// `Format=None`, means JSON (docs/sources.md#wire-protocol).
    pub fn from_param(value: Option<&str>) -> Format {
        match value {
            Some(v) if v.eq_ignore_ascii_case("xml") => Format::Xml,
            _ => Format::Json,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => JSON_CONTENT_TYPE,
            Format::Xml => XML_CONTENT_TYPE,
        }
    }
}

/// What a handler answers: a JSON value, or a JSON object already serialised (from a typed
/// view, the fast path for large answers such as DescribeImages).
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Value(Value),
    /// The text of a JSON object (`{...}`), without `RequestId`.
    Json(String),
}

impl From<Value> for Reply {
    fn from(v: Value) -> Self {
        Reply::Value(v)
    }
}

impl Reply {
    /// Serialises a typed view.
    pub fn json<T: serde::Serialize>(view: &T) -> Reply {
        Reply::Json(serde_json::to_string(view).expect("views always serialise"))
    }

    /// The reply as a JSON value (tests, XML, the journal).
    pub fn into_value(self) -> Value {
        match self {
            Reply::Value(v) => v,
            Reply::Json(s) => serde_json::from_str(&s).expect("a Json reply is valid JSON"),
        }
    }
}

/// Serialises a success body: `RequestId` first, then the handler's fields.
pub fn success_body(format: Format, action: &str, request_id: &str, reply: Reply) -> Vec<u8> {
    if let (Format::Json, Reply::Json(text)) = (format, &reply) {
        // Splice RequestId in front of the object's fields.
        let inner = text.trim().strip_prefix('{').unwrap_or("}");
        let mut out = Vec::with_capacity(text.len() + 64);
        out.extend_from_slice(b"{\"RequestId\":");
        out.extend_from_slice(&serde_json::to_vec(request_id).expect("a str serialises"));
        if !inner.trim_start().starts_with('}') {
            out.push(b',');
        }
        out.extend_from_slice(inner.as_bytes());
        return out;
    }
    let body = reply.into_value();
    let mut map = Map::with_capacity(8);
    map.insert("RequestId".into(), Value::String(request_id.to_string()));
    if let Value::Object(fields) = body {
        for (k, v) in fields {
            if k != "RequestId" {
                map.insert(k, v);
            }
        }
    }
    match format {
        Format::Json => serde_json::to_vec(&Value::Object(map)).expect("a Value always serialises"),
        Format::Xml => {
            let mut out = String::from("<?xml version='1.0' encoding='UTF-8'?>");
            let root = format!("{action}Response");
            write_element(&mut out, &root, &Value::Object(map));
            out.into_bytes()
        }
    }
}

/// The `Recommend` link of an error (docs/sources.md#wire-protocol).
pub fn recommend(code: &str, product: &str, request_id: &str) -> String {
    format!("https://api.aliyun.com/troubleshoot?q={code}&product={product}&requestId={request_id}")
}

/// Serialises an error envelope.
pub fn error_body(
    format: Format,
    err: &ApiError,
    request_id: &str,
    host_id: &str,
    product: &str,
) -> Vec<u8> {
    let recommend = recommend(err.code(), product, request_id);
    match format {
        Format::Json => {
            let mut map = Map::with_capacity(5);
            map.insert("RequestId".into(), request_id.into());
            map.insert("HostId".into(), host_id.into());
            map.insert("Code".into(), err.code().into());
            map.insert("Message".into(), err.message().into());
            map.insert("Recommend".into(), recommend.into());
            serde_json::to_vec(&Value::Object(map)).expect("a Value always serialises")
        }
        Format::Xml => {
            let mut out = String::from("<?xml version='1.0' encoding='UTF-8'?><Error>");
            for (k, v) in [
                ("RequestId", request_id),
                ("HostId", host_id),
                ("Code", err.code()),
                ("Message", &err.message()),
            ] {
                out.push_str(&format!("<{k}>{}</{k}>", escape(v)));
            }
            out.push_str(&format!(
                "<Recommend><![CDATA[{}]]></Recommend></Error>",
                recommend.replace("]]>", "]]]]><![CDATA[>")
            ));
            out.into_bytes()
        }
    }
}

/// One element per key; an array repeats its element name once per item, so
/// `"Regions":{"Region":[a,b]}` becomes `<Regions><Region>a</Region><Region>b</Region></Regions>`.
/// An element name XML accepts: the mock's own keys as they are; anything else (a key
/// that came from a client) with every character outside `[A-Za-z0-9_.-]` replaced by `_`
/// and a `_` in front when it does not start with a letter or `_`.
fn xml_name(name: &str) -> std::borrow::Cow<'_, str> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    let starts_ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if starts_ok && name.chars().all(ok) {
        return std::borrow::Cow::Borrowed(name);
    }
    let body: String = name.chars().map(|c| if ok(c) { c } else { '_' }).collect();
    std::borrow::Cow::Owned(format!("_{body}"))
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    let name = &xml_name(name);
    match value {
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Object(fields) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for (k, v) in fields {
                write_element(out, k, v);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        Value::Null => {
            out.push('<');
            out.push_str(name);
            out.push_str("/>");
        }
        Value::String(s) => push_text(out, name, s),
        other => push_text(out, name, &other.to_string()),
    }
}

fn push_text(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&escape(text));
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Text as XML 1.0 character data: markup escaped, and characters XML 1.0 cannot carry at
/// all (control characters but tab, newline and carriage return; U+FFFE, U+FFFF) replaced
/// by U+FFFD, so one odd description cannot make a whole answer unparseable.
fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    let invalid = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    };
    if text.contains(invalid) {
        let clean: String = text
            .chars()
            .map(|c| if invalid(c) { '\u{FFFD}' } else { c })
            .collect();
        return std::borrow::Cow::Owned(quick_xml::escape::escape(&clean).into_owned());
    }
    quick_xml::escape::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_success_has_request_id_first_and_no_code() {
        let body = success_body(
            Format::Json,
            "DescribeRegions",
            "RID",
            json!({"Regions": {"Region": [{"RegionId": "cn-hangzhou"}]}}).into(),
        );
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"RequestId":"RID","Regions":{"Region":[{"RegionId":"cn-hangzhou"}]}}"#
        );
    }

    #[test]
    fn serialised_replies_get_the_request_id_spliced_in() {
        let body = success_body(
            Format::Json,
            "A",
            "RID",
            Reply::Json(r#"{"X":1,"Y":[2]}"#.into()),
        );
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"RequestId":"RID","X":1,"Y":[2]}"#
        );
        let body = success_body(Format::Json, "A", "RID", Reply::Json("{}".into()));
        assert_eq!(String::from_utf8(body).unwrap(), r#"{"RequestId":"RID"}"#);
        let body = success_body(Format::Xml, "A", "RID", Reply::Json(r#"{"X":1}"#.into()));
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "<?xml version='1.0' encoding='UTF-8'?><AResponse><RequestId>RID</RequestId><X>1</X></AResponse>"
        );
    }

    #[test]
    fn xml_success_nests_like_the_json() {
        let body = success_body(
            Format::Xml,
            "DescribeRegions",
            "RID",
            json!({"Regions": {"Region": [{"RegionId": "a&b"}, {"RegionId": "c"}]}, "N": 2, "B": true}).into(),
        );
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "<?xml version='1.0' encoding='UTF-8'?><DescribeRegionsResponse><RequestId>RID</RequestId><Regions><Region><RegionId>a&amp;b</RegionId></Region><Region><RegionId>c</RegionId></Region></Regions><N>2</N><B>true</B></DescribeRegionsResponse>"
        );
    }

    #[test]
    fn json_error_envelope() {
        let body = error_body(
            Format::Json,
            &ApiError::InvalidActionNotFound,
            "RID",
            "ecs-cn-hangzhou.aliyuncs.com",
            "Ecs",
        );
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["RequestId"], "RID");
        assert_eq!(v["HostId"], "ecs-cn-hangzhou.aliyuncs.com");
        assert_eq!(v["Code"], "InvalidAction.NotFound");
        assert_eq!(
            v["Message"],
            "Specified api is not found, please check your url and method."
        );
        assert_eq!(
            v["Recommend"],
            "https://api.aliyun.com/troubleshoot?q=InvalidAction.NotFound&product=Ecs&requestId=RID"
        );
    }

    #[test]
    fn xml_error_envelope() {
        let body = error_body(
            Format::Xml,
            &ApiError::InvalidActionNotFound,
            "RID",
            "h",
            "Ecs",
        );
        let s = String::from_utf8(body).unwrap();
        assert!(s.starts_with("<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>RID</RequestId><HostId>h</HostId><Code>InvalidAction.NotFound</Code>"));
        assert!(s.ends_with("]]></Recommend></Error>"));
    }

    #[test]
    fn xml_text_never_carries_characters_xml_forbids() {
        let body = success_body(
            Format::Xml,
            "DescribeImages",
            "R",
            json!({"Description": "a\u{1}b\u{0}c\td<e>&\u{FFFF}"}).into(),
        );
        let text = String::from_utf8(body).unwrap();
        assert!(
            text.contains(
                "<Description>a\u{FFFD}b\u{FFFD}c\td&lt;e&gt;&amp;\u{FFFD}</Description>"
            ),
            "{text}"
        );
        // A strict parser reads the whole answer.
        let mut r = quick_xml::Reader::from_str(&text);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Text(t)) => {
                    t.unescape().unwrap();
                }
                Ok(_) => {}
                Err(e) => panic!("{e}: {text}"),
            }
        }
    }

    #[test]
    fn format_param() {
        assert_eq!(Format::from_param(Some("XML")), Format::Xml);
        assert_eq!(Format::from_param(Some("xml")), Format::Xml);
        assert_eq!(Format::from_param(Some("None")), Format::Json);
        assert_eq!(Format::from_param(None), Format::Json);
    }
}
