//! The dashboard's endpoints (docs/dashboard.md): the visibility matrix and its
//! explanations agree with the rule every image action uses, the page follows the admin
//! token rules, and the journal can be tailed and read whole.

mod support;

use alicloud_mock::MockServer;
use serde_json::Value;
use support::org::*;
use support::*;

fn get(s: &MockServer, path: &str, token: Option<&str>) -> (u16, String) {
    let headers: Vec<(String, String)> = token
        .map(|t| vec![("authorization".to_string(), format!("Bearer {t}"))])
        .unwrap_or_default();
    let r = send(s.address(), "GET", path, &headers, b"");
    (r.status, r.body)
}

fn json(s: &MockServer, path: &str) -> Value {
    let (status, body) = get(s, path, None);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Every cell of the matrix says "sees" exactly when the world's visibility rule does.
fn matrix_agrees(s: &MockServer, region: &str) -> Value {
    let m = json(s, &format!("/_mock/visibility?region={region}"));
    let app = s.app();
    let world = app.world();
    let now = app.now();
    let legend: Vec<&str> = m["legend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for (i, a) in m["accounts"].as_array().unwrap().iter().enumerate() {
        let account = a["id"].as_str().unwrap();
        for (j, img) in m["images"].as_array().unwrap().iter().enumerate() {
            let id = img["id"].as_str().unwrap();
            let code = legend[m["cells"][i][j].as_u64().unwrap() as usize];
            let sees = world.visible_image(region, account, id, now).is_some();
            assert_eq!(!code.is_empty(), sees, "{account} {id}: cell {code:?}");
            assert_eq!(world.reach(region, account, id, now).access, code);
        }
    }
    m
}

fn cell(m: &Value, account: &str, image: &str) -> String {
    let i = m["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a["id"] == account)
        .unwrap();
    let j = m["images"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x["id"] == image)
        .unwrap();
    m["legend"][m["cells"][i][j].as_u64().unwrap() as usize]
        .as_str()
        .unwrap()
        .to_string()
}

const GOLDEN: &str = "m-bp1orggolden0000001";
const BASE: &str = "m-bp1orgbase000000001";

#[test]
fn the_matrix_follows_every_access_path_as_the_world_changes() {
    let s = server();
    let web = "1600000000000003";
    let dev = "1600000000000004";
    let m = matrix_agrees(&s, "cn-hangzhou");
    assert_eq!(cell(&m, MGMT_ID_, GOLDEN), "owner");
    // The golden image goes to the prod folder (which covers prod/web) once associated.
    s.advance_clock(std::time::Duration::from_secs(60));
    let m = matrix_agrees(&s, "cn-hangzhou");
    assert_eq!(cell(&m, web, GOLDEN), "directory-share");
    assert_eq!(cell(&m, dev, GOLDEN), "");
    let why = json(
        &s,
        &format!("/_mock/visibility/why?region=cn-hangzhou&account=web-app&image={GOLDEN}"),
    );
    assert_eq!(why["access"], "directory-share");
    assert!(why["via"].as_str().unwrap().contains("folder"), "{why}");
    let why = json(
        &s,
        &format!("/_mock/visibility/why?region=cn-hangzhou&account=dev-app&image={GOLDEN}"),
    );
    assert_eq!(why["access"], "");
    assert!(
        why["reason"].as_str().unwrap().contains("none reaches"),
        "{why}"
    );

    // A named-account share, a move out of the folder, a copy in another region.
    let mgmt = Client::new(&s, MGMT);
    mgmt.ecs("ModifyImageSharePermission")
        .p("ImageId", BASE)
        .p("AddAccount.1", dev)
        .ok();
    mgmt.rm("MoveAccount")
        .p("AccountId", web)
        .p("DestinationFolderId", "fd-dev0000001")
        .ok();
    let m = matrix_agrees(&s, "cn-hangzhou");
    assert_eq!(cell(&m, dev, BASE), "named-share");
    assert_eq!(cell(&m, web, GOLDEN), "");
    let why = json(
        &s,
        &format!("/_mock/visibility/why?region=cn-shanghai&account=dev-app&image={BASE}"),
    );
    assert!(
        why["reason"].as_str().unwrap().contains("regional"),
        "{why}"
    );
    matrix_agrees(&s, "cn-shanghai");

    // The default world too (system, Marketplace-derived and paid images).
    let d = MockServer::builder().start_blocking().unwrap();
    matrix_agrees(&d, "cn-hangzhou");
    matrix_agrees(&d, "cn-shanghai");
    let (status, _) = get(&d, "/_mock/visibility?region=xx-nowhere-1", None);
    assert_eq!(status, 404);
    let (status, _) = get(&d, "/_mock/visibility/why?account=nobody&image=x", None);
    assert_eq!(status, 404);
}

const MGMT_ID_: &str = "1600000000000001";

#[test]
fn the_page_is_embedded_and_follows_the_admin_token() {
    let s = MockServer::builder().start_blocking().unwrap();
    let (status, html) = get(&s, "/_mock/ui", None);
    assert_eq!(status, 200);
    assert!(html.contains("<title>alicloud-mock</title>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );

    let t = MockServer::builder()
        .admin_token("tok")
        .start_blocking()
        .unwrap();
    assert_eq!(get(&t, "/_mock/ui", None).0, 401);
    assert_eq!(get(&t, "/_mock/ui?token=nope", None).0, 401);
    assert_eq!(get(&t, "/_mock/ui?token=tok", None).0, 200);
    assert_eq!(get(&t, "/_mock/ui", Some("tok")).0, 200);
    // The token in the URL opens the page only; the data needs the header.
    assert_eq!(get(&t, "/_mock/visibility?token=tok", None).0, 401);
    assert_eq!(get(&t, "/_mock/visibility", Some("tok")).0, 200);
}

#[test]
fn the_journal_can_be_tailed_and_read_whole() {
    let s = MockServer::builder().start_blocking().unwrap();
    let owner = Client::new(&s, OWNER_KEY);
    owner.ecs("DescribeRegions").ok();
    owner
        .ecs("DescribeImages")
        .p("ImageId", "m-nope")
        .p("Status", "Bogus")
        .send();
    let all = json(&s, "/_mock/requests");
    let seqs: Vec<u64> = all["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, [1, 2]);
    let after = json(&s, "/_mock/requests?after=1");
    assert_eq!(after["requests"].as_array().unwrap().len(), 1);
    assert_eq!(after["requests"][0]["action"], "DescribeImages");
    assert_eq!(
        json(&s, "/_mock/requests?after=2")["requests"],
        serde_json::json!([])
    );

    let whole = json(&s, "/_mock/requests/1");
    assert_eq!(whole["action"], "DescribeRegions");
    assert_eq!(whole["request"]["method"], "POST");
    assert!(whole["request"]["headers"]["authorization"]
        .as_str()
        .unwrap()
        .starts_with("ACS3-"));
    assert_eq!(whole["response"]["status"], 200);
    let answer: Value = serde_json::from_str(whole["response"]["body"].as_str().unwrap()).unwrap();
    assert!(answer["Regions"]["Region"].is_array());
    let failed = json(&s, "/_mock/requests/2");
    assert!(failed["response"]["body"]
        .as_str()
        .unwrap()
        .contains(failed["code"].as_str().unwrap()));
    // Numbers go on after the journal is cleared; a forgotten number is 404.
    assert_eq!(
        send(s.address(), "DELETE", "/_mock/requests", &[], b"").status,
        200
    );
    owner.ecs("DescribeRegions").ok();
    assert_eq!(json(&s, "/_mock/requests")["requests"][0]["seq"], 3);
    assert_eq!(get(&s, "/_mock/requests/1", None).0, 404);
    assert_eq!(get(&s, "/_mock/requests/x", None).0, 404);
}
