//! ResourceManager (Resource Directory) and ResourceSharing API shapes and errors
//! (docs/sources.md#resource-sharing).

mod support;

use alicloud_mock::MockServer;
use support::org::*;
use support::{call, ok, rm, rs, Client};

const NOT_ENABLED: &str = "The resource directory for the account is not enabled. We recommend that you first enable the resource directory for the account.";

fn server() -> MockServer {
    support::org::server()
}

#[test]
fn directory_and_folder_shapes() {
    let s = server();
    let a = s.address();
    let d = ok(rm(a, PROD, "GetResourceDirectory", &[]));
    let rd = &d["ResourceDirectory"];
    assert_eq!(rd["ResourceDirectoryId"], "rd-org001");
    assert_eq!(rd["MasterAccountId"], "1600000000000001");
    assert!(rd["RootFolderId"].as_str().unwrap().starts_with("r-"));
    rm(a, PARTNER, "GetResourceDirectory", &[]).assert_error(
        404,
        "ResourceDirectoryNotInUse",
        "The specified account is not an Alibaba Cloud account or a member account of the resource directory.",
    );
    let f = ok(rm(a, MGMT, "GetFolder", &[("FolderId", "fd-web0000001")]));
    let root = rd["RootFolderId"].as_str().unwrap();
    assert_eq!(
        f["Folder"]["ResourceDirectoryPath"],
        format!("rd-org001/{root}/fd-prod000001/fd-web0000001")
    );
    assert_eq!(f["Folder"]["ParentFolderId"], "fd-prod000001");
    let l = ok(rm(a, MGMT, "ListFoldersForParent", &[]));
    assert_eq!(l["TotalCount"], 2);
    assert_eq!(l["PageSize"], 10);
    let mut names: Vec<&str> = l["Folders"]["Folder"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["FolderName"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["dev", "prod"]);
    assert_eq!(
        ok(rm(
            a,
            MGMT,
            "ListFoldersForParent",
            &[("ParentFolderId", "fd-prod000001"), ("QueryKeyword", "WE")]
        ))["Folders"]["Folder"][0]["FolderId"],
        "fd-web0000001"
    );
}

#[test]
fn folder_rules() {
    let s = server();
    let a = s.address();
    let f = ok(rm(
        a,
        MGMT,
        "CreateFolder",
        &[
            ("FolderName", "staging"),
            ("ParentFolderId", "fd-prod000001"),
        ],
    ));
    let id = f["Folder"]["FolderId"].as_str().unwrap().to_string();
    assert!(id.starts_with("fd-"));
    assert_eq!(f["Folder"]["ParentFolderId"], "fd-prod000001");
    rm(
        a,
        MGMT,
        "CreateFolder",
        &[
            ("FolderName", "staging"),
            ("ParentFolderId", "fd-prod000001"),
        ],
    )
    .assert_error(
        400,
        "InvalidParameter.Folder.Name.AlreadyUsed",
        "The name already exists under the same parent. Please change to another name.",
    );
    rm(a, MGMT, "CreateFolder", &[]).assert_error(
        400,
        "MissingParameter.Folder.Name",
        "You must specify the resource folder name.",
    );
    rm(a, MGMT, "CreateFolder", &[("FolderName", "has space")]).assert_error(
        400,
        "InvalidParameter.Folder.Name",
        "The Name of folder is invalid.",
    );
    rm(a, MGMT, "CreateFolder", &[("FolderName", &"x".repeat(25))]).assert_error(
        400,
        "InvalidParameter.Folder.Name.Length",
        "The Name of folder exceeds the length limit.",
    );
    rm(
        a,
        MGMT,
        "CreateFolder",
        &[("FolderName", "x"), ("ParentFolderId", "fd-nothere")],
    )
    .assert_error(
        404,
        "EntityNotExists.Folder",
        "The resource directory folder does not exist.",
    );
    rm(
        a,
        MGMT,
        "CreateFolder",
        &[("FolderName", "x"), ("ParentFolderId", "nothere")],
    )
    .assert_error(
        400,
        "InvalidParameter.ParentFolderId",
        "The ParentFolderId is invalid.",
    );
    // Depth: prod(1) > staging(2) > 3 > 4 > 5, then 6 is refused.
    let mut parent = id.clone();
    for level in 3..=5 {
        let f = ok(rm(
            a,
            MGMT,
            "CreateFolder",
            &[
                ("FolderName", &format!("l{level}")),
                ("ParentFolderId", &parent),
            ],
        ));
        parent = f["Folder"]["FolderId"].as_str().unwrap().to_string();
    }
    rm(
        a,
        MGMT,
        "CreateFolder",
        &[("FolderName", "l6"), ("ParentFolderId", &parent)],
    )
    .assert_error(
        409,
        "LimitExceeded.Folder.Depth",
        "The folder depth exceeds the limit of 5.",
    );
    let u = ok(rm(
        a,
        MGMT,
        "UpdateFolder",
        &[("FolderId", &id), ("NewFolderName", "stage")],
    ));
    assert_eq!(u["Folder"]["FolderName"], "stage");
    rm(a, MGMT, "DeleteFolder", &[("FolderId", &id)]).assert_error(
        409,
        "DeleteConflict.Folder.SubFolder",
        "This folder has sub folders.",
    );
    rm(a, MGMT, "DeleteFolder", &[("FolderId", "fd-dev0000001")]).assert_error(
        409,
        "DeleteConflict.Folder.Account",
        "This folder has accounts.",
    );
    ok(rm(a, MGMT, "DeleteFolder", &[("FolderId", &parent)]));
    rm(a, MGMT, "GetFolder", &[("FolderId", &parent)]).assert_error(
        404,
        "EntityNotExists.Folder",
        "The resource directory folder does not exist.",
    );
    rm(a, MGMT, "GetFolder", &[]).assert_error(
        400,
        "MissingParameter.FolderId",
        "You must specify FolderId.",
    );
    // A member is not the management account.
    rm(a, PROD, "CreateFolder", &[("FolderName", "mine")]).assert_error(
        404,
        "EntityNotExists.ResourceDirectory",
        NOT_ENABLED,
    );
    rm(a, PROD, "ListAccounts", &[]).assert_error(
        404,
        "EntityNotExists.ResourceDirectory",
        NOT_ENABLED,
    );
}

#[test]
fn accounts_invitations_and_handshakes() {
    let s = server();
    let a = s.address();
    let l = ok(rm(a, MGMT, "ListAccounts", &[]));
    assert_eq!(l["TotalCount"], 4);
    let acc = ok(rm(a, MGMT, "GetAccount", &[("AccountId", PROD_ID)]));
    assert_eq!(acc["Account"]["Type"], "CloudAccount");
    assert_eq!(acc["Account"]["FolderId"], "fd-prod000001");
    assert!(acc["Account"]["ResourceDirectoryPath"]
        .as_str()
        .unwrap()
        .ends_with(&format!("fd-prod000001/{PROD_ID}")));
    assert_eq!(acc["Account"]["Tags"], serde_json::json!([]));
    rm(a, MGMT, "GetAccount", &[("AccountId", PARTNER_ID)]).assert_error(
        404,
        "EntityNotExists.Account",
        "This resource directory account does not exist.",
    );
    rm(a, MGMT, "GetAccount", &[]).assert_error(
        400,
        "MissingParameter.AccountId",
        "You must specify AccountId.",
    );
    assert_eq!(
        ok(rm(
            a,
            MGMT,
            "ListAccountsForParent",
            &[("ParentFolderId", "fd-prod000001")]
        ))["Accounts"]["Account"][0]["AccountId"],
        PROD_ID
    );

    let created = ok(rm(
        a,
        MGMT,
        "CreateResourceAccount",
        &[
            ("DisplayName", "batch-jobs"),
            ("AccountNamePrefix", "batch"),
            ("ParentFolderId", "fd-dev0000001"),
        ],
    ));
    let c = &created["Account"];
    assert_eq!(c["Type"], "ResourceAccount");
    assert_eq!(c["Status"], "CreateSuccess");
    assert_eq!(c["JoinMethod"], "created");
    assert_eq!(c["AccountName"], "batch@rd-org001.aliyunid.com");
    let new_id = c["AccountId"].as_str().unwrap().to_string();
    assert_eq!(new_id.len(), 16);
    rm(
        a,
        MGMT,
        "CreateResourceAccount",
        &[("DisplayName", "batch-jobs")],
    )
    .assert_error(
        409,
        "InvalidParameter.Account.DisplayName.AlreadyUsed",
        "The displayname of account has been used.",
    );
    rm(a, MGMT, "CreateResourceAccount", &[]).assert_error(
        400,
        "MissingParameter.Account.DisplayName",
        "You must specify DisplayName.",
    );
    rm(
        a,
        MGMT,
        "CreateResourceAccount",
        &[("DisplayName", "ok-name"), ("AccountNamePrefix", "a..b")],
    )
    .assert_error(
        400,
        "InvalidParameter.Account.AccountNamePrefix",
        "The account name prefix is invalid.",
    );
    rm(a, MGMT, "RemoveCloudAccount", &[("AccountId", &new_id)]).assert_error(
        409,
        "AccountTypeOrStatusMismatch",
        "You cannot perform the action on the member account.",
    );
    rm(
        a,
        MGMT,
        "RemoveCloudAccount",
        &[("AccountId", "1600000000000001")],
    )
    .assert_error(
        409,
        "AccountTypeOrStatusMismatch",
        "You cannot perform the action on the member account.",
    );

    rm(a, MGMT, "InviteAccountToResourceDirectory", &[("TargetEntity", PROD_ID), ("TargetType", "Account")]).assert_error(
        409,
        "NotSupport.AccountInAnotherResourceDirectory",
        "Your account is a management account for another resource directory or a member of another resource directory.",
    );
    rm(
        a,
        MGMT,
        "InviteAccountToResourceDirectory",
        &[("TargetEntity", JOINER_ID)],
    )
    .assert_error(
        400,
        "MissingParameter.TargetType",
        "You must specify TargetType.",
    );
    rm(
        a,
        MGMT,
        "InviteAccountToResourceDirectory",
        &[
            ("TargetEntity", "9999999999999999"),
            ("TargetType", "Account"),
        ],
    )
    .assert_error(
        400,
        "InvalidParameter.TargetEntity",
        "The TargetEntity is invalid.",
    );
    let h = ok(rm(
        a,
        MGMT,
        "InviteAccountToResourceDirectory",
        &[
            ("TargetEntity", "joiner@aliyun.com"),
            ("TargetType", "Email"),
            ("Note", "welcome"),
        ],
    ));
    let hs = &h["Handshake"];
    assert_eq!(hs["TargetType"], "Email");
    assert_eq!(hs["Note"], "welcome");
    assert!(hs["HandshakeId"].as_str().unwrap().starts_with("h-"));
    rm(
        a,
        MGMT,
        "InviteAccountToResourceDirectory",
        &[("TargetEntity", JOINER_ID), ("TargetType", "Account")],
    )
    .assert_error(
        409,
        "EntityAlreadyExists.Handshake",
        "Handshakes with the same target entity already exist.",
    );
    let mine = ok(rm(a, JOINER, "ListHandshakesForAccount", &[]));
    assert_eq!(mine["TotalCount"], 1);
    let hid = mine["Handshakes"]["Handshake"][0]["HandshakeId"]
        .as_str()
        .unwrap()
        .to_string();
    rm(a, PARTNER, "AcceptHandshake", &[("HandshakeId", &hid)]).assert_error(
        404,
        "EntityNotExists.Handshake",
        "The specified handshake does not exist.",
    );
    let d = ok(rm(a, JOINER, "DeclineHandshake", &[("HandshakeId", &hid)]));
    assert_eq!(d["Handshake"]["Status"], "Declined");
    rm(a, JOINER, "AcceptHandshake", &[("HandshakeId", &hid)]).assert_error(
        409,
        "HandshakeStatusMismatch",
        "The invitation is invalid.",
    );
    rm(a, JOINER, "AcceptHandshake", &[]).assert_error(
        400,
        "MissingParameter.HandshakeId",
        "You must specify HandshakeId.",
    );
    // Handshakes expire after 14 days.
    let s2 = server();
    let h = ok(rm(
        s2.address(),
        MGMT,
        "InviteAccountToResourceDirectory",
        &[("TargetEntity", JOINER_ID), ("TargetType", "Account")],
    ));
    s2.advance_clock(std::time::Duration::from_secs(14 * 24 * 3600));
    rm(
        s2.address(),
        JOINER,
        "AcceptHandshake",
        &[(
            "HandshakeId",
            h["Handshake"]["HandshakeId"].as_str().unwrap(),
        )],
    )
    .assert_error(409, "HandshakeStatusMismatch", "The invitation is invalid.");

    rm(a, MGMT, "MoveAccount", &[("AccountId", PROD_ID)]).assert_error(
        400,
        "MissingParameter.DestinationFolderId",
        "You must specify DestinationFolderId.",
    );
    rm(
        a,
        MGMT,
        "MoveAccount",
        &[("AccountId", PROD_ID), ("DestinationFolderId", "fd-none")],
    )
    .assert_error(
        404,
        "EntityNotExists.Folder",
        "The resource directory folder does not exist.",
    );
    rm(
        a,
        MGMT,
        "MoveAccount",
        &[
            ("AccountId", PARTNER_ID),
            ("DestinationFolderId", "fd-dev0000001"),
        ],
    )
    .assert_error(
        404,
        "EntityNotExists.Account",
        "This resource directory account does not exist.",
    );
}

#[test]
fn enabling_directories_and_sharing() {
    let s = server();
    let a = s.address();
    rm(a, MGMT, "EnableResourceDirectory", &[("EnableMode", "CurrentAccount")]).assert_error(
        409,
        "EntityAlreadyExists.ResourceDirectory",
        "The resource directory for the account is already enabled. We recommend that you do not enable the resource directory again.",
    );
    rm(a, PROD, "EnableResourceDirectory", &[("EnableMode", "CurrentAccount")]).assert_error(
        409,
        "NotSupport.AccountInAnotherResourceDirectory",
        "The specified account is an Alibaba Cloud account or already exists in another resource directory.",
    );
    rm(a, PARTNER, "EnableResourceDirectory", &[]).assert_error(
        400,
        "MissingParameter",
        "The input parameter \"EnableMode\" that is mandatory for processing this request is not supplied.",
    );
    let d = ok(rm(
        a,
        PARTNER,
        "EnableResourceDirectory",
        &[("EnableMode", "CurrentAccount")],
    ));
    assert_eq!(d["ResourceDirectory"]["MasterAccountId"], PARTNER_ID);
    // Sharing: only the management account enables it, once; until then nothing is shared.
    assert_eq!(
        ok(rs(
            a,
            PARTNER,
            "CheckSharingWithResourceDirectoryStatus",
            &[]
        ))["EnableSharingWithRd"],
        false
    );
    rs(
        a,
        PARTNER,
        "CreateResourceShare",
        &[("ResourceShareName", "x")],
    )
    .assert_error(
        409,
        "NotEnableSharingWithResourceDirectory",
        "You have not enabled sharing with your Resource Directory.",
    );
    rs(a, PROD, "EnableSharingWithResourceDirectory", &[]).assert_error(
        409,
        "ActionNotPermitted",
        "The caller must be the master account for the Resource Directory.",
    );
    ok(rs(a, PARTNER, "EnableSharingWithResourceDirectory", &[]));
    rs(a, PARTNER, "EnableSharingWithResourceDirectory", &[]).assert_error(
        409,
        "AlreadyEnabled",
        "You have already enabled sharing with the Resource Directory.",
    );
    assert_eq!(
        ok(rs(
            a,
            PARTNER,
            "CheckSharingWithResourceDirectoryStatus",
            &[]
        ))["EnableSharingWithRd"],
        true
    );
    assert_eq!(
        ok(rs(a, PROD, "CheckSharingWithResourceDirectoryStatus", &[]))["EnableSharingWithRd"],
        true
    );
    rs(
        a,
        JOINER,
        "CreateResourceShare",
        &[("ResourceShareName", "x")],
    )
    .assert_error(
        409,
        "AccountNotInResourceDirectory",
        "The account is not a master or a member of a resource directory.",
    );
}

#[test]
fn resource_share_parameter_errors() {
    let s = server();
    let a = s.address();
    let create = |p: &[(&str, &str)]| rs(a, MGMT, "CreateResourceShare", p);
    create(&[]).assert_error(
        400,
        "MissingParameter.ResourceShareName",
        "You must specify ResourceShareName.",
    );
    create(&[("ResourceShareName", "bad name!")]).assert_error(
        400,
        "InvalidParameter.ResourceShareName",
        "The ResourceShareName is invalid.",
    );
    create(&[("ResourceShareName", &"n".repeat(51))]).assert_error(
        400,
        "InvalidParameter.ResourceShareName.Length",
        "The maximum length of ResourceShareName exceeds 50 characters.",
    );
    create(&[
        ("ResourceShareName", "n"),
        ("Resources.1.ResourceType", "VSwitch"),
        ("Resources.1.ResourceId", "vsw-1"),
    ])
    .assert_error(
        400,
        "InvalidParameter.ResourceType",
        "The ResourceType is invalid.",
    );
    create(&[
        ("ResourceShareName", "n"),
        ("Resources.1.ResourceType", "Image"),
        ("Resources.1.ResourceId", "m-notmine"),
    ])
    .assert_error(
        400,
        "InvalidParameter.Resources",
        "The Resources is invalid.",
    );
    create(&[
        ("ResourceShareName", "n"),
        ("Resources.1.ResourceType", "Image"),
        ("Resources.1.ResourceId", BASE),
        ("Resources.2.ResourceType", "Image"),
        ("Resources.2.ResourceId", BASE),
    ])
    .assert_error(
        400,
        "InvalidParameter.Resources.Duplicate",
        "The Resources contains duplicate values.",
    );
    create(&[
        ("ResourceShareName", "n"),
        ("Targets.1", "1600000000000001"),
    ])
    .assert_error(
        409,
        "ShareWithYourself",
        "You cannot share resources with yourself.",
    );
    create(&[("ResourceShareName", "n"), ("Targets.1", "fd-elsewhere")]).assert_error(
        400,
        "InvalidTarget",
        "The shared target does not exist in the resource directory.",
    );
    create(&[("ResourceShareName", "n"), ("Targets.1", "someone")]).assert_error(
        400,
        "InvalidParameter.Targets",
        "The Targets is invalid.",
    );
    let six: Vec<(String, String)> = (1..=6)
        .map(|i| (format!("Targets.{i}"), format!("fd-{i}")))
        .collect();
    let mut p: Vec<(&str, &str)> = vec![("ResourceShareName", "n")];
    p.extend(six.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    create(&p).assert_error(
        400,
        "InvalidParameter.Targets.Length",
        "The maximum number of Targets exceeds 5.",
    );
    create(&[
        ("ResourceShareName", "n"),
        ("PermissionNames.1", "AliyunRSDefaultPermissionVSwitch"),
    ])
    .assert_error(
        404,
        "EntityNotExists.Permission",
        "The resource share permission does not exist.",
    );
    // An empty share, then associate.
    let v = ok(create(&[("ResourceShareName", "empty")]));
    let id = v["ResourceShare"]["ResourceShareId"]
        .as_str()
        .unwrap()
        .to_string();
    rs(
        a,
        MGMT,
        "AssociateResourceShare",
        &[("ResourceShareId", &id)],
    )
    .assert_error(
        400,
        "ResourceAndTargetBothEmpty",
        "Either a resource or a shared target must be specified.",
    );
    rs(
        a,
        MGMT,
        "AssociateResourceShare",
        &[("ResourceShareId", "rs-nothere")],
    )
    .assert_error(
        404,
        "EntityNotExists.ResourceShare",
        "The resource share does not exist in the current account.",
    );
    rs(
        a,
        PROD,
        "UpdateResourceShare",
        &[("ResourceShareId", &id), ("ResourceShareName", "x")],
    )
    .assert_error(
        404,
        "EntityNotExists.ResourceShare",
        "The resource share does not exist in the current account.",
    );
    let v = ok(rs(
        a,
        MGMT,
        "AssociateResourceShare",
        &[
            ("ResourceShareId", &id),
            ("Resources.1.ResourceType", "Image"),
            ("Resources.1.ResourceId", BASE),
            ("Targets.1", "fd-dev0000001"),
        ],
    ));
    let assocs = v["ResourceShareAssociations"].as_array().unwrap();
    assert_eq!(assocs.len(), 2);
    assert_eq!(assocs[0]["EntityId"], BASE);
    assert_eq!(assocs[0]["EntityType"], "Image");
    assert_eq!(assocs[0]["AssociationType"], "Resource");
    assert_eq!(assocs[1]["EntityType"], "Account");
    assert_eq!(assocs[1]["AssociationStatus"], "Associating");
    rs(
        a,
        MGMT,
        "DisassociateResourceShare",
        &[("ResourceShareId", &id), ("Targets.1", "fd-dev0000001")],
    )
    .assert_error(
        409,
        "DisassociateConflict",
        "You cannot perform the operation while association is already in progress.",
    );
    rs(a, MGMT, "DeleteResourceShare", &[("ResourceShareId", &id)]).assert_error(
        409,
        "DeleteResourceShareConflict",
        "You cannot delete a resource share while there are unfinished tasks.",
    );
    let u = ok(rs(
        a,
        MGMT,
        "UpdateResourceShare",
        &[("ResourceShareId", &id), ("ResourceShareName", "renamed")],
    ));
    assert_eq!(u["ResourceShare"]["ResourceShareName"], "renamed");
    rs(a, MGMT, "UpdateResourceShare", &[("ResourceShareId", &id)]).assert_error(
        400,
        "MissingParameter.ResourceShareName",
        "You must specify ResourceShareName.",
    );
}

#[test]
fn list_calls_filters_paging_and_errors() {
    let s = server();
    let a = s.address();
    rs(a, MGMT, "ListResourceShares", &[]).assert_error(
        400,
        "MissingParameter.ResourceOwner",
        "You must specify ResourceOwner.",
    );
    rs(a, MGMT, "ListResourceShares", &[("ResourceOwner", "Me")]).assert_error(
        400,
        "InvalidParameter.ResourceOwner",
        "The ResourceOwner is invalid.",
    );
    rs(
        a,
        MGMT,
        "ListResourceShares",
        &[("ResourceOwner", "Self"), ("MaxResults", "101")],
    )
    .assert_error(
        400,
        "InvalidParameter.MaxResults",
        "The MaxResults is invalid.",
    );
    rs(
        a,
        MGMT,
        "ListResourceShares",
        &[("ResourceOwner", "Self"), ("NextToken", "abc")],
    )
    .assert_error(
        400,
        "InvalidParameter.NextToken",
        "The NextToken is invalid.",
    );
    rs(
        a,
        MGMT,
        "ListResourceShares",
        &[("ResourceOwner", "Self"), ("ResourceShareStatus", "Gone")],
    )
    .assert_error(
        400,
        "InvalidParameter.ResourceShareStatus",
        "The ResourceShareStatus is invalid.",
    );
    for i in 0..3 {
        ok(rs(
            a,
            MGMT,
            "CreateResourceShare",
            &[("ResourceShareName", &format!("p{i}"))],
        ));
    }
    let p1 = ok(rs(
        a,
        MGMT,
        "ListResourceShares",
        &[("ResourceOwner", "Self"), ("MaxResults", "2")],
    ));
    assert_eq!(p1["ResourceShares"].as_array().unwrap().len(), 2);
    let next = p1["NextToken"].as_str().unwrap().to_string();
    let p2 = ok(rs(
        a,
        MGMT,
        "ListResourceShares",
        &[
            ("ResourceOwner", "Self"),
            ("MaxResults", "2"),
            ("NextToken", &next),
        ],
    ));
    assert_eq!(p2["ResourceShares"].as_array().unwrap().len(), 2);
    assert!(p2.get("NextToken").is_none());
    assert_eq!(
        ok(rs(
            a,
            MGMT,
            "ListResourceShares",
            &[("ResourceOwner", "Self"), ("ResourceShareName", "p1")]
        ))["ResourceShares"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let other = ok(rs(
        a,
        PROD,
        "ListResourceShares",
        &[("ResourceOwner", "OtherAccounts")],
    ));
    assert_eq!(
        other["ResourceShares"][0]["ResourceShareId"],
        "rs-golden00001"
    );
    rs(a, MGMT, "ListResourceShareAssociations", &[]).assert_error(
        400,
        "MissingParameter.AssociationType",
        "You must specify AssociationType.",
    );
    rs(
        a,
        MGMT,
        "ListResourceShareAssociations",
        &[("AssociationType", "Resource"), ("Target", PROD_ID)],
    )
    .assert_error(
        400,
        "ConflictedAssociationType",
        "The specified ResourceId or Target conflicts with AssociationType.",
    );
    rs(
        a,
        MGMT,
        "ListResourceShareAssociations",
        &[("AssociationType", "Target"), ("AssociationStatus", "Done")],
    )
    .assert_error(
        400,
        "InvalidParameter.AssociationStatus",
        "The AssociationStatus is invalid.",
    );
    let t = ok(rs(
        a,
        MGMT,
        "ListResourceShareAssociations",
        &[("AssociationType", "Target"), ("Target", "fd-prod000001")],
    ));
    assert_eq!(
        t["ResourceShareAssociations"][0]["AssociationStatus"],
        "Associated"
    );
    // Shared resources and targets, from both sides.
    let mine = ok(rs(
        a,
        MGMT,
        "ListSharedResources",
        &[("ResourceOwner", "Self"), ("ResourceType", "Image")],
    ));
    assert_eq!(
        mine["SharedResources"][0]["ResourceId"],
        "m-bp1orggolden0000001"
    );
    assert!(mine["SharedResources"][0].get("ResourceStatus").is_none());
    let theirs = ok(rs(
        a,
        PROD,
        "ListSharedResources",
        &[("ResourceOwner", "OtherAccounts")],
    ));
    assert_eq!(theirs["SharedResources"][0]["ResourceStatus"], "Available");
    assert_eq!(
        ok(rs(
            a,
            PARTNER,
            "ListSharedResources",
            &[("ResourceOwner", "OtherAccounts")]
        ))["SharedResources"],
        serde_json::json!([])
    );
    rs(
        a,
        MGMT,
        "ListSharedResources",
        &[("ResourceOwner", "Self"), ("ResourceType", "Spaceship")],
    )
    .assert_error(
        400,
        "InvalidParameter.ResourceType",
        "The ResourceType is invalid.",
    );
    let targets = ok(rs(
        a,
        MGMT,
        "ListSharedTargets",
        &[("ResourceOwner", "Self")],
    ));
    assert_eq!(targets["SharedTargets"][0]["TargetId"], "fd-prod000001");
    let owner = ok(rs(
        a,
        PROD,
        "ListSharedTargets",
        &[("ResourceOwner", "OtherAccounts")],
    ));
    assert_eq!(owner["SharedTargets"][0]["TargetId"], "1600000000000001");
    // Permissions.
    let perms = ok(rs(a, MGMT, "ListPermissions", &[("ResourceType", "Image")]));
    assert_eq!(
        perms["Permissions"][0]["PermissionName"],
        "AliyunRSDefaultPermissionImage"
    );
    let p = ok(rs(
        a,
        MGMT,
        "GetPermission",
        &[("PermissionName", "AliyunRSDefaultPermissionImage")],
    ));
    assert!(p["Permission"]["Permission"]
        .as_str()
        .unwrap()
        .contains("ecs:"));
    rs(a, MGMT, "GetPermission", &[]).assert_error(
        400,
        "MissingParameter.PermissionName",
        "You must specify PermissionName.",
    );
    rs(a, MGMT, "GetPermission", &[("PermissionName", "Nope")]).assert_error(
        404,
        "EntityNotExists.Permission",
        "The resource share permission does not exist.",
    );
    rs(
        a,
        MGMT,
        "GetPermission",
        &[
            ("PermissionName", "AliyunRSDefaultPermissionImage"),
            ("PermissionVersion", "v9"),
        ],
    )
    .assert_error(
        400,
        "InvalidParameter.PermissionVersion",
        "The PermissionVersion is invalid.",
    );
    assert_eq!(
        ok(rs(
            a,
            PROD,
            "ListResourceSharePermissions",
            &[
                ("ResourceShareId", "rs-golden00001"),
                ("ResourceOwner", "OtherAccounts")
            ]
        ))["Permissions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    rs(
        a,
        PARTNER,
        "ListResourceSharePermissions",
        &[
            ("ResourceShareId", "rs-golden00001"),
            ("ResourceOwner", "OtherAccounts"),
        ],
    )
    .assert_error(
        404,
        "EntityNotExists.ResourceShare",
        "The resource share does not exist in the current account.",
    );
}

#[test]
fn the_2022_api_answers_the_directory_terraform_reads() {
    let s = server();
    let a = s.address();
    let rdm = |key, action: &str, p: &[(&str, &str)]| call(a, key, "2022-04-19", action, p);
    let d = ok(rdm(PROD, "GetResourceDirectory", &[]))["ResourceDirectory"].clone();
    assert_eq!(d["ResourceDirectoryId"], "rd-org001");
    assert_eq!(d["MasterAccountId"], "1600000000000001");
    // Terraform reads ControlPolicyStatus as a string.
    assert_eq!(d["ControlPolicyStatus"], "Disabled");
    assert_eq!(d["MemberDeletionStatus"], "Disabled");
    assert_eq!(d["MemberAccountDisplayNameSyncStatus"], "Disabled");
    // The 2020 API has no such field.
    let old = ok(rm(a, PROD, "GetResourceDirectory", &[]))["ResourceDirectory"].clone();
    assert!(old.get("MemberAccountDisplayNameSyncStatus").is_none());
    rdm(PARTNER, "GetResourceDirectory", &[]).assert_error(
        404,
        "ResourceDirectoryNotInUse",
        "The specified account is not an Alibaba Cloud account or a member account of the resource directory.",
    );
    let acct = ok(rdm(MGMT, "GetAccount", &[("AccountId", PROD_ID)]))["Account"].clone();
    assert_eq!(acct["AccountId"], PROD_ID);
    assert_eq!(acct["HasSecureMobilePhone"], false);
    assert_eq!(acct["SecureMobilePhone"], "");
}

#[test]
fn resource_shares_keep_their_tags_and_resource_group() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let default_group = "rg-acfm1600000000000001";
    mgmt.rs("CreateResourceShare")
        .p("ResourceShareName", "x")
        .p("ResourceGroupId", "rg-nope")
        .err(
            404,
            "InvalidResourceGroup.NotFound",
            "The ResourceGroup provided does not exist in our records.",
        );
    let made = mgmt
        .rs("CreateResourceShare")
        .p("ResourceShareName", "tagged")
        .p("ResourceGroupId", default_group)
        .p("Tag.1.Key", "team")
        .p("Tag.1.Value", "platform")
        .ok();
    let id = made["ResourceShare"]["ResourceShareId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(made["ResourceShare"]["ResourceGroupId"], default_group);
    assert_eq!(
        made["ResourceShare"]["Tags"],
        serde_json::json!([{"Key": "team", "Value": "platform"}])
    );
    let listed = mgmt
        .rs("ListResourceShares")
        .p("ResourceOwner", "Self")
        .p("ResourceShareIds.1", &id)
        .ok();
    assert_eq!(listed["ResourceShares"][0]["Tags"][0]["Key"], "team");
    let tag = |k: &str, v: &str| {
        mgmt.rs("TagResources")
            .p("ResourceType", "ResourceShare")
            .p("ResourceId.1", &id)
            .p("Tag.1.Key", k)
            .p("Tag.1.Value", v)
    };
    tag("env", "prod").ok();
    let rows = mgmt
        .rs("ListTagResources")
        .p("ResourceType", "ResourceShare")
        .p("ResourceId.1", &id)
        .ok();
    let keys: Vec<&str> = rows["TagResources"]["TagResource"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["TagKey"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["env", "team"]);
    mgmt.rs("UntagResources")
        .p("ResourceType", "ResourceShare")
        .p("ResourceId.1", &id)
        .p("TagKey.1", "team")
        .ok();
    let after = mgmt
        .rs("ListTagResources")
        .p("ResourceType", "ResourceShare")
        .ok();
    assert_eq!(
        after["TagResources"]["TagResource"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    mgmt.rs("TagResources")
        .p("ResourceType", "Image")
        .p("ResourceId.1", &id)
        .p("Tag.1.Key", "k")
        .err(
            400,
            "InvalidParameter.ResourceType",
            "The ResourceType is invalid.",
        );
    Client::new(&s, PROD)
        .rs("TagResources")
        .p("ResourceType", "ResourceShare")
        .p("ResourceId.1", &id)
        .p("Tag.1.Key", "k")
        .p("Tag.1.Value", "v")
        .err(
            404,
            "EntityNotExists.ResourceShare",
            "The resource share does not exist in the current account.",
        );
    // ChangeResourceGroup moves it; the list filters by group.
    mgmt.rs("ChangeResourceGroup")
        .p("ResourceId", &id)
        .p("ResourceRegionId", "cn-hangzhou")
        .p("ResourceGroupId", "rg-nope")
        .err(
            404,
            "InvalidResourceGroup.NotFound",
            "The ResourceGroup provided does not exist in our records.",
        );
    let in_default = mgmt
        .rs("ListResourceShares")
        .p("ResourceOwner", "Self")
        .p("ResourceGroupId", default_group)
        .ok();
    assert!(in_default["ResourceShares"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["ResourceShareId"] == id.as_str()));
}

#[test]
fn payer_member_deletion_control_policy_and_destroying_a_directory() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    // Who pays: an invited member itself, an account the directory made the management account.
    let payer = mgmt.rm("GetPayerForAccount").p("AccountId", PROD_ID).ok();
    assert_eq!(payer["PayerAccountId"], PROD_ID);
    let made = mgmt
        .rm("CreateResourceAccount")
        .p("DisplayName", "billing-test")
        .ok()["Account"]["AccountId"]
        .as_str()
        .unwrap()
        .to_string();
    let payer = mgmt.rm("GetPayerForAccount").p("AccountId", &made).ok();
    assert_eq!(payer["PayerAccountId"], "1600000000000001");
    mgmt.rm("GetPayerForAccount")
        .p("AccountId", "1699999999999999")
        .err(
            404,
            "EntityNotExists.Account",
            "This resource directory account does not exist.",
        );
    Client::new(&s, PARTNER)
        .rm("GetPayerForAccount")
        .p("AccountId", PROD_ID)
        .err(404, "EntityNotExists.ResourceDirectory", NOT_ENABLED);

    let set = mgmt
        .rm("SetMemberDeletionPermission")
        .p("Status", "Enabled")
        .ok();
    assert_eq!(
        (&set["MemberDeletionStatus"], &set["ResourceDirectoryId"]),
        (&"Enabled".into(), &"rd-org001".into())
    );
    let on = mgmt.rm("EnableControlPolicy").ok();
    assert_eq!(on["EnablementStatus"], "PendingEnable");
    let d = mgmt.rm("GetResourceDirectory").ok()["ResourceDirectory"].clone();
    assert_eq!(
        (&d["ControlPolicyStatus"], &d["MemberDeletionStatus"]),
        (&"Enabled".into(), &"Enabled".into())
    );
    assert_eq!(
        mgmt.rm("DisableControlPolicy").ok()["EnablementStatus"],
        "PendingDisable"
    );
    mgmt.rm("DestroyResourceDirectory").err(
        409,
        "DeleteConflict.ResourceDirectory.Account",
        "Failed to delete the resource directory because one or more member accounts exist. We recommend that you first remove these member accounts.",
    );

    // A directory of its own, with a folder, then none.
    let partner = Client::new(&s, PARTNER);
    partner
        .rm("EnableResourceDirectory")
        .p("EnableMode", "CurrentAccount")
        .ok();
    let folder = partner.rm("CreateFolder").p("FolderName", "tmp").ok()["Folder"]["FolderId"]
        .as_str()
        .unwrap()
        .to_string();
    partner.rm("DestroyResourceDirectory").err(
        409,
        "DeleteConflict.ResourceDirectory.Folder",
        "Failed to delete the resource directory because one or more folders exist. We recommend that you first delete these folders.",
    );
    partner.rm("DeleteFolder").p("FolderId", &folder).ok();
    partner.rm("DestroyResourceDirectory").ok();
    partner.rm("GetResourceDirectory").err(
        404,
        "ResourceDirectoryNotInUse",
        "The specified account is not an Alibaba Cloud account or a member account of the resource directory.",
    );
}
