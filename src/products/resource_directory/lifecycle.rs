//! The directory's own settings and end: GetPayerForAccount, SetMemberDeletionPermission,
//! EnableControlPolicy, DisableControlPolicy, DestroyResourceDirectory
//! (docs/sources.md#resource-directory). Called by the management account.
//!
//! The Control Policy feature passes through `PendingEnable`/`PendingDisable` in the real
//! service; here the change is done when the call returns (*inferred* zero delay), so the
//! next GetResourceDirectory reads `Enabled`/`Disabled`.

use super::folders::enabled;
use super::MemberKind;
use crate::error::ApiError;
use crate::products::Ctx;
use crate::protocol::Reply;
use crate::world::World;

/// GetPayerForAccount: who pays for a member: the management account for the accounts the
/// directory created, the account itself for invited ones (*inferred* from the account
/// types' documented billing).
pub fn get_payer_for_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx
        .params
        .opt("AccountId")
        .ok_or(ApiError::MissingParameterAccountId)?;
    let world = ctx.world();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    let m = World::managed_member(d, id)?;
    let payer = match m.kind {
        MemberKind::ResourceAccount => d.management.clone(),
        MemberKind::CloudAccount => m.account_id.clone(),
    };
    Ok(object! {
        "PayerAccountName" => world.account_name(&payer),
        "PayerAccountId" => payer,
    }
    .into())
}

pub fn set_member_deletion_permission(ctx: &Ctx) -> Result<Reply, ApiError> {
    let on = match ctx.params.required("Status")? {
        "Enabled" => true,
        "Disabled" => false,
        _ => return Err(ApiError::InvalidParameter("Status".into())),
    };
    let mut world = ctx.world_mut();
    let d = world.managed_directory_mut(&ctx.caller.account_id)?;
    d.member_deletion = on;
    Ok(object! {
        "ManagementAccountId" => d.management.as_str(),
        "MemberDeletionStatus" => enabled(on),
        "ResourceDirectoryId" => d.id.as_str(),
    }
    .into())
}

fn control_policy(ctx: &Ctx, on: bool) -> Result<Reply, ApiError> {
    ctx.world_mut()
        .managed_directory_mut(&ctx.caller.account_id)?
        .control_policy = on;
    let status = if on {
        "PendingEnable"
    } else {
        "PendingDisable"
    };
    Ok(object! { "EnablementStatus" => status }.into())
}

pub fn enable_control_policy(ctx: &Ctx) -> Result<Reply, ApiError> {
    control_policy(ctx, true)
}

pub fn disable_control_policy(ctx: &Ctx) -> Result<Reply, ApiError> {
    control_policy(ctx, false)
}

/// DestroyResourceDirectory: only when the management account is its last member
/// (`DeleteConflict.ResourceDirectory.Account`) and the root its last folder
/// (`DeleteConflict.ResourceDirectory.Folder`, an *inferred* code: the reference lists the
/// precondition, not its error).
pub fn destroy_resource_directory(ctx: &Ctx) -> Result<Reply, ApiError> {
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    let d = world.managed_directory(caller)?;
    if d.members.keys().any(|m| m != caller) {
        return Err(ApiError::DeleteConflictResourceDirectoryAccount);
    }
    if d.folders.len() > 1 {
        return Err(ApiError::DeleteConflictResourceDirectoryFolder);
    }
    let id = d.id.clone();
    world.directories.by_id.remove(&id);
    world.directories.membership.retain(|_, rd| *rd != id);
    Ok(object! {}.into())
}
