//! UTC timestamps without a date library: parse RFC 3339, format ISO 8601.
//!
//! The wire uses `YYYY-MM-DDTHH:MM:SSZ` (docs/sources.md#wire-protocol); scenarios accept any RFC 3339
//! time (`Z` or an offset, optional fraction).

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`, the signature timestamp format.
pub fn parse_wire_timestamp(s: &str) -> Option<Millis> {
    if s.len() != 20 || !s.ends_with('Z') {
        return None;
    }
    parse_rfc3339(s)
}

/// Parses an RPC `Timestamp`: `YYYY-MM-DDTHH:MM:SSZ`, or with 1 to 9 fractional digits
/// (`...:SS.000000000Z`, what the crates.io `aliyun-openapi-core-rust-sdk` sends, a client
/// used against the real service: docs/choices.md). UTC only.
pub fn parse_rpc_timestamp(s: &str) -> Option<Millis> {
    if s.len() == 20 {
        return parse_wire_timestamp(s);
    }
    let frac = s.get(19..)?.strip_prefix('.')?.strip_suffix('Z')?;
    if !(1..=9).contains(&frac.len()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    parse_rfc3339(s)
}

/// The latest time the mock represents, 9999-12-31T23:59:59.999Z: four-digit years on the
/// wire, and far from overflow in any arithmetic on times.
pub const MAX_MILLIS: Millis = 253_402_300_799_999;

/// The earliest time the mock represents, 0000-01-01T00:00:00Z.
pub const MIN_MILLIS: Millis = -62_167_219_200_000;

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`. Real dates only (no 2026-02-31,
/// no second 60), years 0000-9999, ASCII only.
pub fn parse_rfc3339(s: &str) -> Option<Millis> {
    if !s.is_ascii() || s.len() > 64 {
        return None;
    }
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(&s[0..4])?, num(&s[5..7])?, num(&s[8..10])?);
    let (h, mi, se) = (num(&s[11..13])?, num(&s[14..16])?, num(&s[17..19])?);
    if !(1..=12).contains(&mo) || !(1..=days_in_month(y, mo)).contains(&d) {
        return None;
    }
    if h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let mut rest = &s[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let f = &frac[..digits];
        millis = num(&format!("{:0<3}", &f[..f.len().min(3)]))?;
        rest = &frac[digits..];
    }
    let offset_min = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(&rest[0..1], "+" | "-") && &rest[3..4] == ":" => {
            let (oh, om) = (num(&rest[1..3])?, num(&rest[4..6])?);
            if oh > 23 || om > 59 {
                return None;
            }
            if rest.starts_with('-') {
                -(oh * 60 + om)
            } else {
                oh * 60 + om
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    let secs = days * 86400 + h * 3600 + mi * 60 + se - offset_min * 60;
    Some(secs * 1000 + millis)
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_seconds(ms: Millis) -> String {
    let mut buf = Vec::with_capacity(20);
    push_seconds(&mut buf, ms);
    String::from_utf8(buf).expect("digits and ASCII punctuation")
}

/// Appends `YYYY-MM-DDTHH:MM:SSZ` (as [`format_seconds`]) without formatting machinery: the
/// large listings write one per image.
pub fn push_seconds(buf: &mut Vec<u8>, ms: Millis) {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86400));
    let t = secs.rem_euclid(86400);
    if !(0..=9999).contains(&y) {
        // Outside four-digit years: the general formatter, which pads the same way.
        let text = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            t / 3600,
            (t % 3600) / 60,
            t % 60
        );
        buf.extend_from_slice(text.as_bytes());
        return;
    }
    let two = |n: i64| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let [y1, y2] = two(y / 100);
    let [y3, y4] = two(y % 100);
    let [m1, m2] = two(m);
    let [d1, d2] = two(d);
    let [h1, h2] = two(t / 3600);
    let [n1, n2] = two((t % 3600) / 60);
    let [s1, s2] = two(t % 60);
    buf.extend_from_slice(&[
        y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', n1, n2, b':', s1, s2, b'Z',
    ]);
}

/// `YYYY-MM-DDTHH:MMZ` (ECS instance times: `CreationTime`, `StartTime`,
/// docs/sources.md#ecs-instances).
pub fn format_minutes(ms: Millis) -> String {
    let s = format_seconds(ms);
    format!("{}Z", &s[..16])
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` (ResourceSharing times, docs/sources.md#org-wire).
pub fn format_millis(ms: Millis) -> String {
    let s = format_seconds(ms);
    format!("{}.{:03}Z", &s[..19], ms.rem_euclid(1000))
}

/// The wall clock, in milliseconds. Only the signature freshness check and the real mock
/// clock read it.
pub fn wall_now() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_match_the_general_formatter() {
        let general = |ms: Millis| {
            let secs = ms.div_euclid(1000);
            let (y, m, d) = civil_from_days(secs.div_euclid(86400));
            let t = secs.rem_euclid(86400);
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                t / 3600,
                (t % 3600) / 60,
                t % 60
            )
        };
        let mut ms: Millis = -70_000_000_000_000;
        while ms < 300_000_000_000_000 {
            assert_eq!(format_seconds(ms), general(ms), "{ms}");
            ms += 987_654_321_123;
        }
        for ms in [0, -1, 999, 1000, 253_402_300_799_999, 253_402_300_800_000] {
            assert_eq!(format_seconds(ms), general(ms), "{ms}");
        }
    }

    #[test]
    fn round_trips() {
        let t = parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
        assert_eq!(t, 1_767_225_600_000);
        assert_eq!(format_seconds(t), "2026-01-01T00:00:00Z");
        assert_eq!(format_millis(t + 413), "2026-01-01T00:00:00.413Z");
        assert_eq!(
            parse_rfc3339("2026-01-01T08:00:00+08:00"),
            Some(1_767_225_600_000)
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T12:30:15.5Z"),
            Some(parse_rfc3339("2024-02-29T12:30:15Z").unwrap() + 500)
        );
        assert_eq!(
            format_seconds(parse_rfc3339("2024-02-29T12:30:15Z").unwrap()),
            "2024-02-29T12:30:15Z"
        );
    }

    #[test]
    fn wire_format_is_strict() {
        assert!(parse_wire_timestamp("2026-11-27T21:37:48Z").is_some());
        assert!(parse_wire_timestamp("2026-11-27T21:37:48.123Z").is_none());
        assert!(parse_rpc_timestamp("2026-11-27T21:37:48Z").is_some());
        assert!(parse_rpc_timestamp("2026-11-27T21:37:48.123456789Z").is_some());
        assert!(parse_rpc_timestamp("2026-11-27T21:37:48.Z").is_none());
        assert!(parse_rpc_timestamp("2026-11-27T21:37:48.1234567890Z").is_none());
        assert!(parse_rpc_timestamp("2026-11-27T21:37:48.123+08:00").is_none());
        assert!(parse_wire_timestamp("2026-11-27 21:37:48").is_none());
        assert!(parse_rfc3339("2026-13-01T00:00:00Z").is_none());
        assert!(parse_rfc3339("not a time").is_none());
    }

    #[test]
    fn only_real_ascii_dates_parse() {
        for bad in [
            "2026-02-31T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-01-01T00:00:60Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:0\u{e9}Z",
            "\u{e9}",
            "2026-01-01T00:00:00.\u{e9}Z",
            "2026-01-01T00:00:00Z\u{e9}\u{e9}\u{e9}\u{e9}",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert!(parse_rfc3339("2024-02-29T00:00:00Z").is_some());
        assert!(parse_rfc3339("2000-02-29T00:00:00Z").is_some());
        assert_eq!(parse_rfc3339("1900-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("9999-12-31T23:59:59.999Z"), Some(MAX_MILLIS));
        assert_eq!(format_millis(MAX_MILLIS), "9999-12-31T23:59:59.999Z");
    }
}
