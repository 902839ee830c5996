//! A bounded, seeded pass of the fuzz targets (`src/fuzzing.rs`) in CI: each runs over a
//! small corpus of meaningful inputs and their random mutations, and must not panic. The
//! long runs are libFuzzer's (`fuzz/README.md`); `FUZZ_ITERATIONS` lengthens this one.

use alicloud_mock::fuzzing::TARGETS;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Inputs each target starts from.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let v: Vec<&str> = match target {
        "params" => vec![
            "Tag.1.Key=a&Tag.1.Value=b&AddAccount.1=1\nRegionId=cn-hangzhou&Tag.2.Key=c\nTag,AddAccount",
            "AddAccount.0=x&AddAccount.99999999999999999999=y\n\nAddAccount",
        ],
        "request" | "signed_request" => vec![
            "GET\n/\nAction=DescribeImages&RegionId=cn-hangzhou&Filter.1.Key=CreationStartTime&Filter.1.Value=2026-01-01T00:00Z\n\n",
            "POST\n/\nAction=ModifyImageSharePermission&RegionId=cn-hangzhou&ImageId=m-bp1plain00000000001\ncontent-type: application/x-www-form-urlencoded\nAddAccount.1=1000000000000002",
            "POST\n/\n\nauthorization: ACS3-HMAC-SHA256 Credential=LTAI5tOwner0000000001,SignedHeaders=host,Signature=00\tx-acs-action: DescribeRegions\tx-acs-version: 2014-05-26\n",
            "GET\n/\nAction=CreateKeyPair&RegionId=cn-hangzhou&KeyPairName=k&Version=2014-05-26\n\n",
            "GET\n/\nAction=ListResourceShares&Version=2020-01-10&ResourceOwner=Self&NextToken=99999999999999999999\n\n",
        ],
        "scenario" => vec![
            "name: x\naccounts:\n  - { id: \"1000000000000001\", alias: o }\nimages:\n  - { owner: o, region: cn-hangzhou }\n",
            "start_time: \"2026-01-01T00:00:00Z\"\nclock: manual\na: &a [1, 2]\nb: *a\n",
        ],
        "fixture" => vec![
            r#"{"request": {"method": "GET", "urlPath": "/x", "queryParameters": {"a": {"matches": "b.*"}}}, "response": {"status": 200, "body": "x"}}"#,
            "mappings:\n  - request: { url: /y }\n    response: { status: 503, fixedDelayMilliseconds: 5 }\n",
        ],
        "state_file" => vec![r#"{"format":1,"time":0,"world":{}}"#],
        "control" => vec![
            "\u{0}\n{\"advance_seconds\": 10}",
            "\u{1}\n{\"action\": \"DescribeRegions\", \"error\": {\"code\": \"Throttling\"}}",
            "\u{2}\nname: s\naccounts: []\n",
            "\u{3}\n{\"request\": {\"url\": \"/z\"}, \"response\": {\"status\": 200}}",
            "\u{4}\n{\"method\": \"GET\"}",
        ],
        "render" => vec![r#"{"Regions": {"Region": [{"RegionId": "cn-hangzhou", "a b": "\u0001<&>"}]}, "N": 1.5, "T": true, "Z": null}"#],
        _ => vec![],
    };
    v.into_iter().map(|s| s.as_bytes().to_vec()).collect()
}

const TOKENS: &[&str] = &[
    "\n",
    "&",
    "=",
    ".",
    "%",
    "%00",
    "\u{e9}",
    "\u{1}",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\"",
    "*a",
    "&a ",
    "18446744073709551615",
    "-1",
    "0",
    "1e300",
    "NaN",
    "T",
    "Z",
    "2026-02-31",
    "\t",
    "..",
];

fn mutate(rng: &mut StdRng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.random_range(1..6) {
        match rng.random_range(0..5) {
            0 if !out.is_empty() => {
                let i = rng.random_range(0..out.len());
                out[i] ^= 1 << rng.random_range(0..8);
            }
            1 => {
                let i = rng.random_range(0..=out.len());
                let t = TOKENS[rng.random_range(0..TOKENS.len())];
                out.splice(i..i, t.bytes());
            }
            2 if !out.is_empty() => {
                let i = rng.random_range(0..out.len());
                out.truncate(i);
            }
            3 if out.len() > 1 => {
                let a = rng.random_range(0..out.len());
                let b = rng.random_range(a..out.len());
                let chunk = out[a..b].to_vec();
                out.splice(b..b, chunk);
            }
            _ => {
                let n = rng.random_range(0..16);
                out.extend((0..n).map(|_| rng.random::<u8>()));
            }
        }
    }
    out
}

#[test]
fn every_fuzz_target_survives_seeded_random_inputs() {
    let iterations: usize = std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    for (i, (name, target)) in TARGETS.iter().enumerate() {
        let mut rng = StdRng::seed_from_u64(0xF022 + i as u64);
        let seeds = corpus(name);
        for s in &seeds {
            target(s);
        }
        for _ in 0..iterations {
            let input = if seeds.is_empty() || rng.random_bool(0.1) {
                (0..rng.random_range(0..64))
                    .map(|_| rng.random::<u8>())
                    .collect()
            } else {
                let pick = rng.random_range(0..seeds.len());
                mutate(&mut rng, &seeds[pick])
            };
            let result = std::panic::catch_unwind(|| target(&input));
            assert!(
                result.is_ok(),
                "target {name} panicked on {:?}",
                String::from_utf8_lossy(&input)
            );
        }
    }
}
