//! UpdateAccount: a member's display name and type, as Terraform's
//! `alicloud_resource_manager_account` updates them (docs/sources.md#resource-directory).

mod support;

use support::org::*;
use support::*;

fn update(c: &Client) -> Call {
    c.call("2022-04-19", "UpdateAccount")
}

#[test]
fn update_account_renames_a_member_and_upgrades_a_resource_account() {
    let s = server();
    let mgmt = Client::new(&s, MGMT);
    let sandbox = mgmt
        .rm("CreateResourceAccount")
        .p("DisplayName", "sandbox")
        .ok()["Account"]["AccountId"]
        .as_str()
        .unwrap()
        .to_string();
    let renamed = update(&mgmt)
        .p("AccountId", &sandbox)
        .p("NewDisplayName", "sandbox-2")
        .ok();
    assert_eq!(renamed["Account"]["DisplayName"], "sandbox-2");
    let read = mgmt.rm("GetAccount").p("AccountId", &sandbox).ok();
    assert_eq!(read["Account"]["DisplayName"], "sandbox-2");
    // A dry run checks and changes nothing.
    update(&mgmt)
        .p("AccountId", &sandbox)
        .p("NewDisplayName", "sandbox-3")
        .p("DryRun", "true")
        .ok();
    let read = mgmt.rm("GetAccount").p("AccountId", &sandbox).ok();
    assert_eq!(read["Account"]["DisplayName"], "sandbox-2");
    // Another member's name is taken.
    let prod_name = mgmt.rm("GetAccount").p("AccountId", PROD_ID).ok()["Account"]["DisplayName"]
        .as_str()
        .unwrap()
        .to_string();
    update(&mgmt)
        .p("AccountId", &sandbox)
        .p("NewDisplayName", &prod_name)
        .err(
            409,
            "InvalidParameter.Account.DisplayName.AlreadyUsed",
            "The displayname of account has been used.",
        );
    update(&mgmt)
        .p("AccountId", &sandbox)
        .p("NewDisplayName", "x")
        .err(
            400,
            "InvalidParameter.Account.DisplayName",
            "The DisplayName of account is invalid.",
        );
    update(&mgmt)
        .p("AccountId", &sandbox)
        .p("NewDisplayName", &"n".repeat(51))
        .err(
            400,
            "InvalidParameter.Account.DisplayName.Length",
            "The DisplayName of the account exceeds the length limit.",
        );
    // Exactly one of the two changes.
    update(&mgmt).p("AccountId", &sandbox).err(
        400,
        "InvalidParameter",
        "The specified parameter \"NewDisplayName\" is not valid.",
    );
    // A resource account becomes a cloud account; an invited one cannot go the other way.
    let up = update(&mgmt)
        .p("AccountId", &sandbox)
        .p("NewAccountType", "CloudAccount")
        .ok();
    assert_eq!(
        (&up["Account"]["Type"], &up["Account"]["Status"]),
        (&"CloudAccount".into(), &"SwitchSuccess".into())
    );
    update(&mgmt)
        .p("AccountId", PROD_ID)
        .p("NewAccountType", "ResourceAccount")
        .err(
            400,
            "InvalidParameter",
            "The specified parameter \"NewAccountType\" is not valid.",
        );
    update(&mgmt)
        .p("AccountId", "1699999999999999")
        .p("NewDisplayName", "ghost")
        .err(
            404,
            "EntityNotExists.Account",
            "This resource directory account does not exist.",
        );
    // Only the management account updates members.
    update(&Client::new(&s, PROD))
        .p("AccountId", &sandbox)
        .p("NewDisplayName", "mine")
        .err(
            404,
            "EntityNotExists.ResourceDirectory",
            "The resource directory for the account is not enabled. We recommend that you first enable the resource directory for the account.",
        );
}
