//! Replays of the Terraform alicloud provider's calls for `alicloud_resource_manager_
//! resource_directory`, `_folder`, `_account`, `_resource_share`, `_shared_resource`,
//! `_shared_target`, `alicloud_ram_role` and `alicloud_quotas_quota_application`
//! (Terraform cannot run here). Each step sends the action, version and parameters the
//! provider's source sends (`resource_alicloud_*.go`, `service_alicloud_resource_manager_v2.go`,
//! `service_alicloud_resourcemanager.go`, `service_alicloud_ram_v2.go`,
//! `service_alicloud_quotas_v2.go` in aliyun/terraform-provider-alicloud): `RpcPost` as an RPC
//! HMAC-SHA1 POST with a form body, `client.Do` (Quota Center) with a V3 signature. State
//! waits poll as `BuildStateConf` does, advancing the mock clock by the provider's interval,
//! and every field the provider's Read sets is asserted.

mod support;

use serde_json::Value;
use std::cell::RefCell;
use std::time::Duration;

use alicloud_mock::MockServer;
use support::org::*;
use support::*;

const PARTNER: (&str, &str) = ("LTAI5tOrgPartner00001", "org-partner-secret");
const PARTNER_ID: &str = "1600000000000005";
const BASE: &str = "m-bp1orgbase000000001";
const MGMT_ID: &str = "1600000000000001";

/// One provider configuration: an account's key, region cn-hangzhou.
struct Provider<'a> {
    s: &'a MockServer,
    key: (&'static str, &'static str),
    calls: RefCell<Vec<String>>,
}

impl<'a> Provider<'a> {
    fn new(s: &'a MockServer, key: (&'static str, &'static str)) -> Provider<'a> {
        Provider {
            s,
            key,
            calls: RefCell::new(vec![]),
        }
    }

    /// `client.RpcPost(product, version, action, query, request, ...)`.
    fn rpc(&self, version: &str, action: &str, params: &[(&str, &str)]) -> Resp {
        self.calls.borrow_mut().push(action.to_string());
        let p = rpc_params("POST", action, version, self.key, params);
        let headers = vec![(
            "content-type".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        )];
        send(self.s.address(), "POST", "/", &headers, form(&p).as_bytes())
    }

    fn ok(&self, version: &str, action: &str, params: &[(&str, &str)]) -> Value {
        ok(self.rpc(version, action, params))
    }

    /// `client.Do("quotas", rpcParam("POST", version, action), ...)`: a V3 request.
    fn v3(&self, version: &str, action: &str, params: &[(&str, &str)]) -> Value {
        self.calls.borrow_mut().push(action.to_string());
        let mut call = Client::new(self.s, self.key).call(version, action);
        for (k, v) in params {
            call = call.p(k, v);
        }
        call.ok()
    }

    /// `BuildStateConf(pending, target, timeout, interval, refresh).WaitForState()` with
    /// `failStates` inside the refresh: returns the state reached, panics on a fail state
    /// or after 60 tries.
    fn wait(
        &self,
        mut refresh: impl FnMut() -> String,
        target: &[&str],
        fail: &[&str],
        interval: u64,
    ) -> String {
        for _ in 0..60 {
            let state = refresh();
            assert!(!fail.contains(&state.as_str()), "fail state {state:?}");
            if target.contains(&state.as_str()) {
                return state;
            }
            self.s.advance_clock(Duration::from_secs(interval));
        }
        panic!("wait for {target:?} timed out");
    }

    /// A provider Describe: the object at `field` of the answer, or None for the error
    /// codes it treats as not found (and any 404, as `NotFoundError` does).
    fn describe(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
        not_found: &[&str],
        field: &str,
    ) -> Option<Value> {
        let r = self.rpc(version, action, params);
        if r.status != 200 && is_not_found(&r, not_found) {
            return None;
        }
        Some(ok(r)[field].clone())
    }

    fn calls(&self) -> Vec<String> {
        self.calls.borrow().clone()
    }
}

fn is_not_found(r: &Resp, codes: &[&str]) -> bool {
    r.status == 404 || codes.contains(&r.json()["Code"].as_str().unwrap_or(""))
}

fn text(v: &Value, field: &str) -> String {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string in {v}"))
        .to_string()
}

// ---- alicloud_resource_manager_resource_directory ----

/// `DescribeResourceManagerResourceDirectory`: GetResourceDirectory 2022-04-19, None when
/// `ResourceDirectoryNotInUse`.
fn read_directory(tf: &Provider) -> Option<Value> {
    tf.describe(
        "2022-04-19",
        "GetResourceDirectory",
        &[],
        &["ResourceDirectoryNotInUse"],
        "ResourceDirectory",
    )
}

#[test]
fn resource_directory_create_read_update_delete() {
    let s = server();
    let tf = Provider::new(&s, PARTNER);
    // Create: InitResourceDirectory, then Update with the configured attributes
    // (status = "Enabled", member_deletion_status = "Enabled",
    // member_account_display_name_sync_status = "Enabled").
    let v = tf.ok("2020-03-31", "InitResourceDirectory", &[]);
    let id = text(&v["ResourceDirectory"], "ResourceDirectoryId");
    let before = read_directory(&tf).expect("directory");
    assert_eq!(before["ControlPolicyStatus"], "Disabled");
    tf.ok("2020-03-31", "EnableControlPolicy", &[]);
    tf.wait(
        || read_directory(&tf).map_or(String::new(), |d| text(&d, "ControlPolicyStatus")),
        &["Enabled"],
        &[],
        5,
    );
    tf.ok(
        "2020-03-31",
        "SetMemberDeletionPermission",
        &[("Status", "Enabled")],
    );
    let sync = tf.ok(
        "2022-04-19",
        "SetMemberDisplayNameSyncStatus",
        &[("Status", "Enabled")],
    );
    assert_eq!(sync["MemberAccountDisplayNameSyncStatus"], "Enabled");
    // Read: every field the resource sets, with its type.
    let d = read_directory(&tf).expect("directory");
    assert_eq!(d["ResourceDirectoryId"], id.as_str());
    assert_eq!(d["MasterAccountId"], PARTNER_ID);
    assert!(d["MasterAccountName"].is_string());
    assert!(d["CreateTime"].is_string());
    assert!(text(&d, "RootFolderId").starts_with("r-"));
    assert_eq!(d["ControlPolicyStatus"], "Enabled");
    assert_eq!(d["MemberDeletionStatus"], "Enabled");
    assert_eq!(d["MemberAccountDisplayNameSyncStatus"], "Enabled");
    // Update: status = "Disabled".
    tf.ok("2020-03-31", "DisableControlPolicy", &[]);
    tf.wait(
        || read_directory(&tf).map_or(String::new(), |d| text(&d, "ControlPolicyStatus")),
        &["Disabled"],
        &[],
        5,
    );
    // Delete: DestroyResourceDirectory; the next Read finds nothing.
    tf.ok("2020-03-31", "DestroyResourceDirectory", &[]);
    assert!(read_directory(&tf).is_none());
    assert_eq!(
        tf.calls().first().map(String::as_str),
        Some("InitResourceDirectory")
    );
}

// ---- alicloud_resource_manager_folder ----

/// ListTagResources as the provider reads it (`DescribeFolderListTagResources`,
/// `ResourcemanagerService.ListTagResources`): asking again while `NextToken` is present.
fn list_tags(tf: &Provider, version: &str, base: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = vec![];
    let mut token: Option<String> = None;
    for _ in 0..10 {
        let mut p = base.to_vec();
        if let Some(t) = &token {
            p.push(("NextToken", t));
        }
        let v = tf.ok(version, "ListTagResources", &p);
        for t in v["TagResources"].as_array().expect("$.TagResources") {
            out.push((text(t, "TagKey"), text(t, "TagValue")));
        }
        match v.get("NextToken") {
            None => return out,
            Some(t) => token = Some(t.as_str().unwrap().to_string()),
        }
    }
    panic!("ListTagResources never ended");
}

/// A folder's tags: the 2022-04-19 call with `ResourceType=Folder`.
fn folder_tags(tf: &Provider, id: &str) -> Vec<(String, String)> {
    list_tags(
        tf,
        "2022-04-19",
        &[("ResourceId.1", id), ("ResourceType", "Folder")],
    )
}

fn read_folder(tf: &Provider, id: &str) -> Option<Value> {
    let not_found = [
        "EntityNotExists.Folder",
        "EntityNotExists.ResourceDirectory",
    ];
    tf.describe(
        "2020-03-31",
        "GetFolder",
        &[("FolderId", id)],
        &not_found,
        "Folder",
    )
}

#[test]
fn folder_create_read_update_delete_with_tags() {
    let s = server();
    let tf = Provider::new(&s, MGMT);
    let v = tf.ok(
        "2020-03-31",
        "CreateFolder",
        &[
            ("ParentFolderId", "fd-prod000001"),
            ("FolderName", "tf-folder"),
        ],
    );
    let id = text(&v["Folder"], "FolderId");
    // Update of a new resource: tags = { env = "test", team = "images" }.
    tf.ok(
        "2022-04-19",
        "TagResources",
        &[
            ("ResourceId.1", &id),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "test"),
            ("Tag.2.Key", "team"),
            ("Tag.2.Value", "images"),
            ("ResourceType", "Folder"),
        ],
    );
    let f = read_folder(&tf, &id).expect("folder");
    assert!(f["CreateTime"].is_string());
    assert_eq!(f["FolderName"], "tf-folder");
    assert_eq!(f["ParentFolderId"], "fd-prod000001");
    assert_eq!(
        folder_tags(&tf, &id),
        vec![
            ("env".to_string(), "test".to_string()),
            ("team".to_string(), "images".to_string())
        ]
    );
    // Update: a new name, one tag removed.
    tf.ok(
        "2020-03-31",
        "UpdateFolder",
        &[("FolderId", &id), ("NewFolderName", "tf-folder-2")],
    );
    tf.ok(
        "2022-04-19",
        "UntagResources",
        &[
            ("ResourceId.1", &id),
            ("TagKey.1", "team"),
            ("ResourceType", "Folder"),
        ],
    );
    let f = read_folder(&tf, &id).expect("folder");
    assert_eq!(f["FolderName"], "tf-folder-2");
    assert_eq!(folder_tags(&tf, &id).len(), 1);
    // Delete, then the Read finds nothing (a second delete is "already gone").
    tf.ok("2020-03-31", "DeleteFolder", &[("FolderId", &id)]);
    assert!(read_folder(&tf, &id).is_none());
    let again = tf.rpc("2020-03-31", "DeleteFolder", &[("FolderId", &id)]);
    assert!(is_not_found(&again, &["EntityNotExists.Folder"]));
}

// ---- alicloud_resource_manager_account ----

fn read_account(tf: &Provider, id: &str) -> Option<Value> {
    let not_found = ["EntityNotExists.Account"];
    tf.describe(
        "2020-03-31",
        "GetAccount",
        &[("AccountId", id)],
        &not_found,
        "Account",
    )
}

/// An account's tags: the 2020-03-31 call with `ResourceType=Account`.
fn account_tags(tf: &Provider, id: &str) -> Vec<(String, String)> {
    list_tags(
        tf,
        "2020-03-31",
        &[("ResourceType", "Account"), ("ResourceId.1", id)],
    )
}

/// The whole Read: GetAccount, GetPayerForAccount, ListTagResources.
fn account_read(tf: &Provider, id: &str) -> (Value, String, Vec<(String, String)>) {
    let a = read_account(tf, id).expect("account");
    for f in [
        "DisplayName",
        "FolderId",
        "JoinMethod",
        "JoinTime",
        "ModifyTime",
        "ResourceDirectoryId",
        "Status",
        "Type",
    ] {
        assert!(a[f].is_string(), "{f} in {a}");
    }
    let payer = tf.ok(
        "2020-03-31",
        "GetPayerForAccount",
        &[("RegionId", "cn-hangzhou"), ("AccountId", id)],
    );
    (a, text(&payer, "PayerAccountId"), account_tags(tf, id))
}

#[test]
fn account_create_read_update_and_force_delete() {
    let s = server();
    let tf = Provider::new(&s, MGMT);
    // The directory resource's member_deletion_status = "Enabled" (DeleteAccount needs it).
    tf.ok(
        "2020-03-31",
        "SetMemberDeletionPermission",
        &[("Status", "Enabled")],
    );
    // Create sends the tags as `Tags` (which the API does not read) and then tags the
    // account in Update, as the provider does.
    let v = tf.ok(
        "2020-03-31",
        "CreateResourceAccount",
        &[
            ("Tags.1.Key", "env"),
            ("Tags.1.Value", "test"),
            ("DisplayName", "tf-account"),
            ("ParentFolderId", "fd-prod000001"),
        ],
    );
    let id = text(&v["Account"], "AccountId");
    tf.ok(
        "2022-04-19",
        "TagResources",
        &[
            ("ResourceId.1", &id),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "test"),
            ("ResourceType", "Account"),
        ],
    );
    let (a, payer, tags) = account_read(&tf, &id);
    assert_eq!(a["DisplayName"], "tf-account");
    assert_eq!(a["FolderId"], "fd-prod000001");
    assert_eq!(a["Type"], "ResourceAccount");
    assert_eq!(a["Status"], "CreateSuccess");
    assert_eq!(a["JoinMethod"], "created");
    assert_eq!(a["ResourceDirectoryId"], "rd-org001");
    assert_eq!(payer, MGMT_ID);
    assert_eq!(tags, vec![("env".to_string(), "test".to_string())]);

    // Update: folder_id, display_name and type.
    tf.ok(
        "2020-03-31",
        "MoveAccount",
        &[("AccountId", &id), ("DestinationFolderId", "fd-web0000001")],
    );
    tf.ok(
        "2020-03-31",
        "UpdateAccount",
        &[("AccountId", &id), ("NewDisplayName", "tf-account-2")],
    );
    let (a, _, _) = account_read(&tf, &id);
    assert_eq!(a["FolderId"], "fd-web0000001");
    assert_eq!(a["DisplayName"], "tf-account-2");

    // Delete with force_delete: CheckAccountDelete, wait for PreCheckComplete, collect the
    // abandonable checks, DeleteAccount, wait for Success or Deleting.
    tf.ok("2020-03-31", "CheckAccountDelete", &[("AccountId", &id)]);
    tf.wait(
        || {
            let v = tf.ok(
                "2020-03-31",
                "GetAccountDeletionCheckResult",
                &[("AccountId", &id)],
            );
            text(&v["AccountDeletionCheckResultInfo"], "Status")
        },
        &["PreCheckComplete"],
        &[],
        5,
    );
    let check = tf.ok(
        "2020-03-31",
        "GetAccountDeletionCheckResult",
        &[("AccountId", &id)],
    );
    let abandonable: Vec<String> = check["AccountDeletionCheckResultInfo"]["AbandonableChecks"]
        .as_array()
        .expect("AbandonableChecks")
        .iter()
        .map(|c| text(c, "CheckId"))
        .collect();
    let ids = serde_json::to_string(&abandonable).unwrap();
    let deleted = tf.ok(
        "2020-03-31",
        "DeleteAccount",
        &[("AccountId", &id), ("AbandonableCheckId", &ids)],
    );
    assert!(deleted["DeletionType"].is_string());
    tf.wait(
        || {
            let v = tf.ok(
                "2020-03-31",
                "GetAccountDeletionStatus",
                &[("AccountId", &id)],
            );
            text(&v["RdAccountDeletionStatus"], "Status")
        },
        &["Success", "Deleting"],
        &["CheckFailed", "DeleteFailed"],
        5,
    );
    assert!(read_account(&tf, &id).is_none());
}

// ---- alicloud_resource_manager_resource_share, _shared_resource, _shared_target ----

/// `DescribeResourceManagerResourceShare`: ListResourceShares `ResourceOwner=Self`; None
/// when absent or `Deleted`.
fn read_share(tf: &Provider, id: &str) -> Option<Value> {
    let v = tf.ok(
        "2020-01-10",
        "ListResourceShares",
        &[
            ("ResourceShareIds.1", id),
            ("RegionId", "cn-hangzhou"),
            ("ResourceOwner", "Self"),
        ],
    );
    let first = v["ResourceShares"]
        .as_array()
        .expect("$.ResourceShares")
        .first()
        .cloned()?;
    (first["ResourceShareStatus"] != "Deleted").then_some(first)
}

fn share_state(tf: &Provider, id: &str, field: &str) -> String {
    read_share(tf, id).map_or(String::new(), |s| {
        s[field].as_str().map(str::to_string).unwrap_or_default()
    })
}

/// `DescribeResourceManagerShared{Resource,Target}`: ListResourceShareAssociations of one
/// share, the row whose EntityId (and EntityType) match.
fn read_association(
    tf: &Provider,
    share: &str,
    kind: &str,
    entity: &str,
    entity_type: Option<&str>,
) -> Option<Value> {
    let filter = if kind == "Resource" {
        "ResourceId"
    } else {
        "Target"
    };
    let v = tf.ok(
        "2020-01-10",
        "ListResourceShareAssociations",
        &[
            (filter, entity),
            ("RegionId", "cn-hangzhou"),
            ("AssociationType", kind),
            ("ResourceShareIds.1", share),
            ("MaxResults", "100"),
        ],
    );
    v["ResourceShareAssociations"]
        .as_array()
        .expect("$.ResourceShareAssociations")
        .iter()
        .find(|a| {
            a["ResourceShareId"] == share
                && a["EntityId"] == entity
                && entity_type.is_none_or(|t| a["EntityType"] == t)
        })
        .cloned()
}

#[test]
fn resource_share_with_shared_resource_and_shared_target() {
    // The org-sharing world with two resource groups for the management account.
    let yaml = std::fs::read_to_string(SCENARIO).unwrap().replace(
        "alias: mgmt, access_keys",
        "alias: mgmt, resource_groups: [rg-acfmorg0001, rg-acfmorg0002], access_keys",
    );
    let s = MockServer::builder()
        .scenario_yaml(&yaml)
        .unwrap()
        .start_blocking()
        .unwrap();
    let tf = Provider::new(&s, MGMT);
    let dev = Client::new(&s, DEV);
    let sees_base =
        || image_ids(&dev.ecs("DescribeImages").p("ImageId", BASE).ok()).contains(&BASE.into());
    assert!(!sees_base());

    // alicloud_resource_manager_resource_share: create in a resource group, then wait for
    // Active.
    let create = vec![
        ("RegionId", "cn-hangzhou"),
        ("ResourceGroupId", "rg-acfmorg0001"),
        ("AllowExternalTargets", "false"),
        ("ResourceShareName", "tf-share"),
    ];
    let v = tf.ok("2020-01-10", "CreateResourceShare", &create);
    let share = text(&v["ResourceShare"], "ResourceShareId");
    tf.wait(
        || share_state(&tf, &share, "ResourceShareStatus"),
        &["Active"],
        &[],
        5,
    );
    let r = read_share(&tf, &share).expect("share");
    assert_eq!(r["AllowExternalTargets"], false);
    assert!(r["CreateTime"].is_string());
    assert_eq!(r["ResourceGroupId"], "rg-acfmorg0001");
    assert_eq!(r["ResourceShareName"], "tf-share");
    assert_eq!(r["ResourceShareOwner"], MGMT_ID);
    assert!(r["Tags"].is_array());
    // Update: name (waits for Active) and tags.
    tf.ok(
        "2020-01-10",
        "UpdateResourceShare",
        &[
            ("ResourceShareId", &share),
            ("RegionId", "cn-hangzhou"),
            ("ResourceShareName", "tf-share-2"),
        ],
    );
    tf.wait(
        || share_state(&tf, &share, "ResourceShareStatus"),
        &["Active"],
        &[],
        5,
    );
    tf.ok(
        "2020-01-10",
        "TagResources",
        &[
            ("ResourceId.1", &share),
            ("RegionId", "cn-hangzhou"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "test"),
            ("ResourceType", "ResourceShare"),
        ],
    );
    // resource_group_id changed: ChangeResourceGroup, then wait for the new group.
    tf.ok(
        "2020-01-10",
        "ChangeResourceGroup",
        &[
            ("ResourceId", &share),
            ("ResourceRegionId", "cn-hangzhou"),
            ("ResourceGroupId", "rg-acfmorg0002"),
        ],
    );
    tf.wait(
        || share_state(&tf, &share, "ResourceGroupId"),
        &["rg-acfmorg0002"],
        &[],
        5,
    );
    let r = read_share(&tf, &share).expect("share");
    assert_eq!(r["ResourceShareName"], "tf-share-2");
    assert_eq!(
        r["Tags"],
        serde_json::json!([{"Key": "env", "Value": "test"}])
    );

    // alicloud_resource_manager_shared_resource: the image.
    let v = tf.ok(
        "2020-01-10",
        "AssociateResourceShare",
        &[
            ("ResourceShareId", &share),
            ("RegionId", "cn-hangzhou"),
            ("Resources.1.ResourceId", BASE),
            ("Resources.1.ResourceType", "Image"),
        ],
    );
    let first = &v["ResourceShareAssociations"][0];
    assert_eq!(first["ResourceShareId"], share.as_str());
    assert_eq!(first["EntityId"], BASE);
    assert_eq!(first["EntityType"], "Image");
    tf.wait(
        || {
            read_association(&tf, &share, "Resource", BASE, Some("Image"))
                .map_or(String::new(), |a| text(&a, "AssociationStatus"))
        },
        &["Associated"],
        &["Failed"],
        5,
    );
    let a = read_association(&tf, &share, "Resource", BASE, Some("Image")).unwrap();
    assert!(a["CreateTime"].is_string());
    for f in ["ResourceArn", "ResourceProperty"] {
        assert!(a.get(f).is_none() || a[f].is_string(), "{f} in {a}");
    }

    // alicloud_resource_manager_shared_target: the dev folder.
    let v = tf.ok(
        "2020-01-10",
        "AssociateResourceShare",
        &[
            ("ResourceShareId", &share),
            ("Targets.1", "fd-dev0000001"),
            ("RegionId", "cn-hangzhou"),
        ],
    );
    assert_eq!(
        v["ResourceShareAssociations"][0]["EntityId"],
        "fd-dev0000001"
    );
    tf.wait(
        || {
            read_association(&tf, &share, "Target", "fd-dev0000001", None)
                .map_or(String::new(), |a| text(&a, "AssociationStatus"))
        },
        &["Associated"],
        &["Failed"],
        5,
    );
    assert!(
        sees_base(),
        "the dev member sees the image through the folder"
    );

    // Destroy in reverse: the target, the resource (each waits for Disassociated), the share
    // (waits until it is gone; Active is a fail state).
    tf.ok(
        "2020-01-10",
        "DisassociateResourceShare",
        &[
            ("ResourceShareId", &share),
            ("Targets.1", "fd-dev0000001"),
            ("RegionId", "cn-hangzhou"),
        ],
    );
    tf.wait(
        || {
            read_association(&tf, &share, "Target", "fd-dev0000001", None)
                .map_or(String::new(), |a| text(&a, "AssociationStatus"))
        },
        &["Disassociated"],
        &["Failed"],
        5,
    );
    assert!(!sees_base());
    tf.ok(
        "2020-01-10",
        "DisassociateResourceShare",
        &[
            ("ResourceShareId", &share),
            ("RegionId", "cn-hangzhou"),
            ("Resources.1.ResourceId", BASE),
            ("Resources.1.ResourceType", "Image"),
        ],
    );
    tf.wait(
        || {
            read_association(&tf, &share, "Resource", BASE, Some("Image"))
                .map_or(String::new(), |a| text(&a, "AssociationStatus"))
        },
        &["Disassociated"],
        &["Failed"],
        5,
    );
    tf.ok(
        "2020-01-10",
        "DeleteResourceShare",
        &[("ResourceShareId", &share), ("RegionId", "cn-hangzhou")],
    );
    tf.wait(
        || share_state(&tf, &share, "ResourceShareStatus"),
        &[""],
        &["Active"],
        5,
    );
}

// ---- alicloud_ram_role ----

const TRUST: &str = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1600000000000001:root"]}}],"Version":"1"}"#;

fn read_role(tf: &Provider, name: &str) -> Option<Value> {
    let not_found = ["EntityNotExist.Role"];
    tf.describe(
        "2015-05-01",
        "GetRole",
        &[("RoleName", name)],
        &not_found,
        "Role",
    )
}

#[test]
fn ram_role_create_read_update_delete() {
    let s = server();
    let tf = Provider::new(&s, MGMT);
    let v = tf.ok(
        "2015-05-01",
        "CreateRole",
        &[
            ("RoleName", "tf-role"),
            ("Description", "made by terraform"),
            ("MaxSessionDuration", "3600"),
            ("Tag", r#"[{"Key":"env","Value":"test"}]"#),
            ("AssumeRolePolicyDocument", TRUST),
        ],
    );
    // The provider reads response["Role"] unchecked.
    assert_eq!(v["Role"]["RoleName"], "tf-role");
    let r = read_role(&tf, "tf-role").expect("role");
    assert_eq!(r["Arn"], "acs:ram::1600000000000001:role/tf-role");
    assert_eq!(r["Description"], "made by terraform");
    assert_eq!(r["MaxSessionDuration"], 3600);
    assert!(r["RoleId"].is_string() && r["CreateDate"].is_string());
    let doc: Value = serde_json::from_str(r["AssumeRolePolicyDocument"].as_str().unwrap()).unwrap();
    assert_eq!(
        doc["Statement"][0]["Principal"]["RAM"][0],
        "acs:ram::1600000000000001:root"
    );
    let tags = tf.ok(
        "2015-05-01",
        "ListTagResources",
        &[
            ("ResourceType", "role"),
            ("ResourceNames", r#"["tf-role"]"#),
        ],
    );
    assert_eq!(tags["TagResources"][0]["TagKey"], "env");
    // Update: description and session length.
    tf.ok(
        "2015-05-01",
        "UpdateRole",
        &[
            ("RoleName", "tf-role"),
            ("NewDescription", "changed"),
            ("NewMaxSessionDuration", "7200"),
        ],
    );
    let r = read_role(&tf, "tf-role").expect("role");
    assert_eq!(r["Description"], "changed");
    assert_eq!(r["MaxSessionDuration"], 7200);
    // Delete: detach every policy ListPoliciesForRole gives, then DeleteRole.
    tf.ok(
        "2015-05-01",
        "AttachPolicyToRole",
        &[
            ("PolicyType", "System"),
            ("PolicyName", "AliyunECSReadOnlyAccess"),
            ("RoleName", "tf-role"),
        ],
    );
    let policies = tf.ok(
        "2015-05-01",
        "ListPoliciesForRole",
        &[("RoleName", "tf-role")],
    );
    let list = policies["Policies"]["Policy"].as_array().unwrap().clone();
    assert_eq!(list.len(), 1);
    for p in &list {
        tf.ok(
            "2015-05-01",
            "DetachPolicyFromRole",
            &[
                ("PolicyName", p["PolicyName"].as_str().unwrap()),
                ("PolicyType", p["PolicyType"].as_str().unwrap()),
                ("RoleName", "tf-role"),
            ],
        );
    }
    tf.ok("2015-05-01", "DeleteRole", &[("RoleName", "tf-role")]);
    assert!(read_role(&tf, "tf-role").is_none());
}

// ---- alicloud_quotas_quota_application ----

#[test]
fn quota_application_create_and_read() {
    let s = server();
    let tf = Provider::new(&s, MGMT);
    let v = tf.v3(
        "2020-05-10",
        "CreateQuotaApplication",
        &[
            ("ProductCode", "ecs"),
            ("QuotaActionCode", "q_share-image-users"),
            ("DesireValue", "60"),
            ("Reason", "more partners"),
            ("NoticeType", "0"),
            ("Dimensions.1.Key", "regionId"),
            ("Dimensions.1.Value", "cn-hangzhou"),
        ],
    );
    let id = text(&v, "ApplicationId");
    let got = tf.v3(
        "2020-05-10",
        "GetQuotaApplication",
        &[("ApplicationId", &id)],
    );
    let a = &got["QuotaApplication"];
    assert_eq!(a["ProductCode"], "ecs");
    assert_eq!(a["QuotaActionCode"], "q_share-image-users");
    assert_eq!(a["DesireValue"], 60.0);
    assert_eq!(a["Reason"], "more partners");
    assert_eq!(a["NoticeType"], 0);
    assert_eq!(a["Status"], "Agree");
    assert_eq!(a["ApproveValue"], 60.0);
    for f in [
        "AuditReason",
        "ApplyTime",
        "EffectiveTime",
        "ExpireTime",
        "QuotaDescription",
        "QuotaName",
        "QuotaUnit",
    ] {
        assert!(a.get(f).is_some(), "{f} in {a}");
    }
    assert_eq!(a["Dimension"]["regionId"], "cn-hangzhou");
}
