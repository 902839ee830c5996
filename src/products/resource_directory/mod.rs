//! ResourceManager 2020-03-31, the Resource Directory part (docs/sources.md#resource-directory).
//! Lists use the XML-style double wrapper (`Folders: {Folder: [...]}`) and PageNumber/PageSize.

mod accounts;
pub mod dump;
mod folders;
mod lifecycle;
pub mod model;
mod rules;
mod scenario;
mod tags;

pub use model::*;

use super::Action;

pub static ACTIONS: &[Action] = &[
    Action {
        name: "GetPayerForAccount",
        handler: lifecycle::get_payer_for_account,
    },
    Action {
        name: "SetMemberDeletionPermission",
        handler: lifecycle::set_member_deletion_permission,
    },
    Action {
        name: "EnableControlPolicy",
        handler: lifecycle::enable_control_policy,
    },
    Action {
        name: "DisableControlPolicy",
        handler: lifecycle::disable_control_policy,
    },
    Action {
        name: "DestroyResourceDirectory",
        handler: lifecycle::destroy_resource_directory,
    },
    Action {
        name: "CheckAccountDelete",
        handler: lifecycle::check_account_delete,
    },
    Action {
        name: "GetAccountDeletionCheckResult",
        handler: lifecycle::get_account_deletion_check_result,
    },
    Action {
        name: "DeleteAccount",
        handler: lifecycle::delete_account,
    },
    Action {
        name: "GetAccountDeletionStatus",
        handler: lifecycle::get_account_deletion_status,
    },
    Action {
        name: "EnableResourceDirectory",
        handler: folders::enable_resource_directory,
    },
    Action {
        name: "InitResourceDirectory",
        handler: folders::init_resource_directory,
    },
    Action {
        name: "GetResourceDirectory",
        handler: folders::get_resource_directory,
    },
    Action {
        name: "CreateFolder",
        handler: folders::create_folder,
    },
    Action {
        name: "GetFolder",
        handler: folders::get_folder,
    },
    Action {
        name: "ListFoldersForParent",
        handler: folders::list_folders_for_parent,
    },
    Action {
        name: "UpdateFolder",
        handler: folders::update_folder,
    },
    Action {
        name: "DeleteFolder",
        handler: folders::delete_folder,
    },
    Action {
        name: "CreateResourceAccount",
        handler: accounts::create_resource_account,
    },
    Action {
        name: "InviteAccountToResourceDirectory",
        handler: accounts::invite_account,
    },
    Action {
        name: "AcceptHandshake",
        handler: accounts::accept_handshake,
    },
    Action {
        name: "DeclineHandshake",
        handler: accounts::decline_handshake,
    },
    Action {
        name: "ListHandshakesForAccount",
        handler: accounts::list_handshakes_for_account,
    },
    Action {
        name: "ListAccounts",
        handler: accounts::list_accounts,
    },
    Action {
        name: "ListAccountsForParent",
        handler: accounts::list_accounts_for_parent,
    },
    Action {
        name: "GetAccount",
        handler: accounts::get_account,
    },
    Action {
        name: "MoveAccount",
        handler: accounts::move_account,
    },
    Action {
        name: "UpdateAccount",
        handler: accounts::update_account,
    },
    Action {
        name: "RemoveCloudAccount",
        handler: accounts::remove_cloud_account,
    },
    Action {
        name: "TagResources",
        handler: tags::tag_resources,
    },
    Action {
        name: "UntagResources",
        handler: tags::untag_resources,
    },
    Action {
        name: "ListTagResources",
        handler: tags::list_tag_resources,
    },
];

/// ResourceDirectoryMaster 2022-04-19: the 2020 calls (the two SDKs differ in a few fields
/// only: docs/sources.md#resource-directory), with GetResourceDirectory's and GetAccount's
/// 2022 fields; the rest is inherited from [`ACTIONS`].
pub static ACTIONS_2022: &[Action] = &[
    Action {
        name: "GetResourceDirectory",
        handler: folders::get_resource_directory_2022,
    },
    Action {
        name: "GetAccount",
        handler: accounts::get_account_2022,
    },
    Action {
        name: "SetMemberDisplayNameSyncStatus",
        handler: lifecycle::set_member_display_name_sync_status,
    },
];
