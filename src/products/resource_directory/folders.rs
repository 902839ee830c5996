//! Directories and folders.

use serde_json::Value;

use super::{Directory, Folder};
use crate::error::ApiError;
use crate::products::{page, paging, Ctx};
use crate::protocol::Reply;
use crate::time::format_millis;
use crate::world::World;

/// `Enabled` or `Disabled`.
pub fn enabled(on: bool) -> &'static str {
    if on {
        "Enabled"
    } else {
        "Disabled"
    }
}

pub fn directory_view(d: &Directory, master_name: String) -> Value {
    object! {
        "ResourceDirectoryId" => d.id.as_str(),
        "RootFolderId" => d.root_id.as_str(),
        "CreateTime" => format_millis(d.created),
        "MasterAccountId" => d.management.as_str(),
        "MasterAccountName" => master_name,
        "ControlPolicyStatus" => enabled(d.control_policy),
        "MemberDeletionStatus" => enabled(d.member_deletion),
        "IdentityInformation" => "",
    }
}

fn folder_view(f: &Folder, path: Option<String>) -> Value {
    let mut v = object! {
        "FolderId" => f.id.as_str(),
        "FolderName" => f.name.as_str(),
        "ParentFolderId" => f.parent.clone().unwrap_or_default(),
        "CreateTime" => format_millis(f.created),
    };
    if let (Some(p), Value::Object(m)) = (path, &mut v) {
        m.insert("ResourceDirectoryPath".into(), p.into());
    }
    v
}

fn enable(ctx: &Ctx, mode: &str) -> Result<Reply, ApiError> {
    let now = ctx.now;
    let mut world = ctx.world_mut();
    let caller = &ctx.caller.account_id;
    let id =
        world.enable_resource_directory(caller, mode, ctx.params.opt("MAName"), now, ctx.ids)?;
    let d = &world.directories.by_id[&id];
    let name = world.account_name(&d.management);
    Ok(object! { "ResourceDirectory" => directory_view(d, name) }.into())
}

pub fn enable_resource_directory(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mode = ctx.params.required("EnableMode")?.to_string();
    enable(ctx, &mode)
}

/// The older call Terraform uses: the caller becomes the management account.
pub fn init_resource_directory(ctx: &Ctx) -> Result<Reply, ApiError> {
    enable(ctx, "CurrentAccount")
}

/// GetResourceDirectory; the 2022-04-19 API adds `MemberAccountDisplayNameSyncStatus`.
fn resource_directory(ctx: &Ctx, v2022: bool) -> Result<Reply, ApiError> {
    let world = ctx.world();
    let d = world
        .directories
        .of(&ctx.caller.account_id)
        .ok_or(ApiError::ResourceDirectoryNotInUse)?;
    let mut v = directory_view(d, world.account_name(&d.management));
    if let (true, Value::Object(m)) = (v2022, &mut v) {
        m.insert(
            "MemberAccountDisplayNameSyncStatus".into(),
            enabled(d.display_name_sync).into(),
        );
    }
    Ok(object! { "ResourceDirectory" => v }.into())
}

pub fn get_resource_directory(ctx: &Ctx) -> Result<Reply, ApiError> {
    resource_directory(ctx, false)
}

pub fn get_resource_directory_2022(ctx: &Ctx) -> Result<Reply, ApiError> {
    resource_directory(ctx, true)
}

pub fn create_folder(ctx: &Ctx) -> Result<Reply, ApiError> {
    let now = ctx.now;
    let f = ctx.world_mut().create_folder(
        &ctx.caller.account_id,
        ctx.params.opt("FolderName"),
        ctx.params.opt("ParentFolderId"),
        now,
        ctx.ids,
    )?;
    Ok(object! { "Folder" => folder_view(&f, None) }.into())
}

pub fn get_folder(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx
        .params
        .opt("FolderId")
        .ok_or(ApiError::MissingParameterFolderId)?;
    let world = ctx.world();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    let f = World::folder_of(d, id)?;
    Ok(object! { "Folder" => folder_view(f, Some(d.path(id))) }.into())
}

pub fn update_folder(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx
        .params
        .opt("FolderId")
        .ok_or(ApiError::MissingParameterFolderId)?;
    let f = ctx.world_mut().update_folder(
        &ctx.caller.account_id,
        id,
        ctx.params.opt("NewFolderName"),
    )?;
    Ok(object! { "Folder" => folder_view(&f, None) }.into())
}

pub fn delete_folder(ctx: &Ctx) -> Result<Reply, ApiError> {
    let id = ctx
        .params
        .opt("FolderId")
        .ok_or(ApiError::MissingParameterFolderId)?;
    ctx.world_mut().delete_folder(&ctx.caller.account_id, id)?;
    Ok(object! {}.into())
}

pub fn list_folders_for_parent(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (number, size) = paging(ctx.params)?;
    let world = ctx.world();
    let d = world.managed_directory(&ctx.caller.account_id)?;
    let parent = World::parent_folder(d, ctx.params.opt("ParentFolderId"))?;
    let keyword = ctx.params.opt("QueryKeyword").map(str::to_lowercase);
    let mut folders: Vec<&Folder> = d
        .children(&parent.id)
        .filter(|f| {
            keyword
                .as_ref()
                .is_none_or(|k| f.name.to_lowercase().contains(k.as_str()))
        })
        .collect();
    folders.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let total = folders.len();
    let items: Vec<Value> = page(folders, number, size)
        .map(|f| {
            object! {
                "FolderId" => f.id.as_str(),
                "FolderName" => f.name.as_str(),
                "CreateTime" => format_millis(f.created),
            }
        })
        .collect();
    Ok(object! {
        "TotalCount" => total,
        "PageNumber" => number,
        "PageSize" => size,
        "Folders" => object! { "Folder" => items },
    }
    .into())
}
