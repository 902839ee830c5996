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

/// A switch's `Status`: `Enabled` or `Disabled`.
fn status_switch(ctx: &Ctx) -> Result<bool, ApiError> {
    match ctx.params.required("Status")? {
        "Enabled" => Ok(true),
        "Disabled" => Ok(false),
        _ => Err(ApiError::InvalidParameter("Status".into())),
    }
}

pub fn set_member_deletion_permission(ctx: &Ctx) -> Result<Reply, ApiError> {
    let on = status_switch(ctx)?;
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

/// SetMemberDisplayNameSyncStatus (2022-04-19): `Status` `Enabled` or `Disabled`, read back
/// by GetResourceDirectory's `MemberAccountDisplayNameSyncStatus`. The mock keeps the
/// setting only: members have no separate basic information to synchronise.
pub fn set_member_display_name_sync_status(ctx: &Ctx) -> Result<Reply, ApiError> {
    let on = status_switch(ctx)?;
    let mut world = ctx.world_mut();
    world
        .managed_directory_mut(&ctx.caller.account_id)?
        .display_name_sync = on;
    Ok(object! { "MemberAccountDisplayNameSyncStatus" => enabled(on) }.into())
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

fn member_id<'a>(ctx: &Ctx<'a>) -> Result<&'a str, ApiError> {
    ctx.params
        .opt("AccountId")
        .ok_or(ApiError::MissingParameterAccountId)
}

/// CheckAccountDelete: a deletion check of a member the directory created (an invited one
/// is `AccountTypeMismatch`); the mock's check finds nothing and completes at once.
pub fn check_account_delete(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = member_id(ctx)?;
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    if World::managed_member(d, id)?.kind != MemberKind::ResourceAccount {
        return Err(ApiError::AccountTypeMismatch);
    }
    world
        .directories
        .deletion_checks
        .insert(id.to_string(), now);
    Ok(object! {}.into())
}

/// GetAccountDeletionCheckResult: the check's outcome (complete, deletion allowed, nothing
/// to waive); none run is `EntityNotExists.CheckAccount` (*inferred* for this call: the
/// reference gives it for GetAccountDeletionStatus).
pub fn get_account_deletion_check_result(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = member_id(ctx)?;
    let world = ctx.world();
    world.managed_directory(&ctx.caller.account_id)?;
    if !world.directories.deletion_checks.contains_key(id) {
        return Err(ApiError::EntityNotExistsCheckAccount);
    }
    Ok(object! {
        "AccountDeletionCheckResultInfo" => object! {
            "AbandonableChecks" => Vec::<serde_json::Value>::new(),
            "AllowDelete" => "true",
            "NotAllowReason" => Vec::<serde_json::Value>::new(),
            "Status" => "PreCheckComplete",
        },
    }
    .into())
}

/// DeleteAccount: a checked member the directory created, with the member deletion feature
/// on (off is `AccountTypeMismatch`, *inferred*: the reference states the rule, not its
/// code). The member leaves the directory at once (and with it every directory share) and is
/// closed: its RAM roles (`ResourceDirectoryAccountAccessRole` among them) and every key and
/// STS session of it stop working; its images and other records stay for inspection.
/// `DeletionType` `0`: direct deletion.
pub fn delete_account(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = member_id(ctx)?;
    let now = ctx.now;
    let caller = &ctx.caller.account_id;
    let mut world = ctx.world_mut();
    let d = world.managed_directory(caller)?;
    let member = World::managed_member(d, id)?;
    if member.kind != MemberKind::ResourceAccount || !d.member_deletion {
        return Err(ApiError::AccountTypeMismatch);
    }
    let checked = *world
        .directories
        .deletion_checks
        .get(id)
        .ok_or(ApiError::EntityNotExistsCheckAccount)?;
    world.managed_directory_mut(caller)?.members.remove(id);
    world.directories.membership.remove(id);
    world.directories.deletion_checks.remove(id);
    world
        .directories
        .deleted
        .insert(id.to_string(), (checked, now));
    world.close_account(id);
    Ok(object! { "DeletionType" => "0" }.into())
}

/// GetAccountDeletionStatus: `Success` for a deleted member, `Checking` for one checked but
/// not deleted yet (*inferred*); else `EntityNotExists.CheckAccount`.
pub fn get_account_deletion_status(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = member_id(ctx)?;
    let world = ctx.world();
    world.managed_directory(&ctx.caller.account_id)?;
    let (status, created, deleted) = match (
        world.directories.deleted.get(id),
        world.directories.deletion_checks.get(id),
    ) {
        (Some(&(c, t)), _) => ("Success", c, Some(t)),
        (None, Some(&c)) => ("Checking", c, None),
        (None, None) => return Err(ApiError::EntityNotExistsCheckAccount),
    };
    Ok(object! {
        "RdAccountDeletionStatus" => object! {
            "AccountId" => id,
            "CreateTime" => crate::time::format_seconds(created),
            "DeletionTime" => deleted.map(crate::time::format_seconds).unwrap_or_default(),
            "DeletionType" => "0",
            "FailReasonList" => Vec::<serde_json::Value>::new(),
            "Status" => status,
        },
    }
    .into())
}
