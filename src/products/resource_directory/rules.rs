//! Resource Directory rules, one atomic `World` method each (docs/sources.md#resource-directory).
//!
//! Management operations need the caller to manage a directory; for anyone else (members
//! included) the directory "for the account is not enabled": `EntityNotExists.ResourceDirectory`
//! (the reference names no other code for a member calling them; inferred).

use super::model::{
    Directory, Folder, Handshake, HandshakeStatus, Member, MemberKind, HANDSHAKE_TTL_MS,
    MAX_FOLDER_DEPTH,
};
use std::collections::BTreeMap;

use crate::error::ApiError;
use crate::scenario::{DirectorySpec, FolderSpec, QuotaSpec};
use crate::time::Millis;
use crate::world::{Account, Ids, World};

/// A member's display name: 2-50 characters, not blank.
fn check_display_name(name: &str) -> Result<(), ApiError> {
    let n = name.chars().count();
    if n > 50 {
        return Err(ApiError::InvalidParameterAccountDisplayNameLength);
    }
    if n < 2 || name.trim().is_empty() {
        return Err(ApiError::InvalidParameterAccountDisplayName);
    }
    Ok(())
}

/// Folder names: 1-24 characters; letters (Chinese included), digits, `_`, `.`, `-`.
fn check_folder_name(name: &str) -> Result<(), ApiError> {
    let n = name.chars().count();
    if n > 24 {
        return Err(ApiError::InvalidParameterFolderNameLength);
    }
    if n == 0
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return Err(ApiError::InvalidParameterFolderName);
    }
    Ok(())
}

/// AccountNamePrefix: 2-50 characters (2-37 on the international site); letters, digits,
/// `_ . -`; starts and ends with a letter or digit; no two special characters in a row.
fn check_prefix(prefix: &str, international: bool) -> Result<(), ApiError> {
    let max = if international { 37 } else { 50 };
    let n = prefix.chars().count();
    if !(2..=max).contains(&n) {
        return Err(ApiError::InvalidParameterAccountNamePrefixLength);
    }
    let special = |c: char| matches!(c, '_' | '.' | '-');
    let ok = prefix
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || special(c))
        && prefix.starts_with(|c: char| c.is_ascii_alphanumeric())
        && prefix.ends_with(|c: char| c.is_ascii_alphanumeric())
        && !prefix
            .chars()
            .zip(prefix.chars().skip(1))
            .any(|(a, b)| special(a) && special(b));
    if ok {
        Ok(())
    } else {
        Err(ApiError::InvalidParameterAccountNamePrefix)
    }
}

/// What CreateResourceAccount asks for.
pub struct NewResourceAccount<'a> {
    pub display_name: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub prefix: Option<&'a str>,
    /// Already checked against the tag rules.
    pub tags: BTreeMap<String, String>,
}

impl World {
    /// An account's login name as the directory APIs show it: `<alias or ID>@aliyun.com`
    /// for scenario accounts (the scenario has no login names; a mock choice).
    pub fn account_name(&self, id: &str) -> String {
        match self.account(id) {
            Some(a) => format!("{}@aliyun.com", a.alias.as_deref().unwrap_or(&a.id)),
            None => format!("{id}@aliyun.com"),
        }
    }

    fn new_member(&self, id: &str, folder: &str, kind: MemberKind, now: Millis) -> Member {
        Member {
            account_id: id.to_string(),
            folder_id: folder.to_string(),
            display_name: self
                .account(id)
                .and_then(|a| a.alias.clone())
                .unwrap_or_else(|| id.to_string()),
            account_name: self.account_name(id),
            kind,
            joined: now,
            modified: now,
            switched: false,
            tags: BTreeMap::new(),
        }
    }

    pub(crate) fn load_directory(&mut self, spec: &DirectorySpec, now: Millis, ids: &Ids) {
        let management = self.account_id(&spec.management_account);
        let root_id = ids.resource_id("r-", 6);
        let rd_id = spec.id.clone().unwrap_or_else(|| ids.resource_id("rd-", 6));
        let mut d = Directory::new(
            rd_id,
            root_id.clone(),
            management.clone(),
            now,
            spec.sharing_enabled,
        );
        for a in &spec.root.accounts {
            let id = self.account_id(a);
            let m = self.new_member(&id, &root_id, MemberKind::CloudAccount, now);
            d.members.insert(id, m);
        }
        fn walk(
            w: &World,
            d: &mut Directory,
            parent: &str,
            f: &FolderSpec,
            now: Millis,
            ids: &Ids,
        ) {
            let id = f.id.clone().unwrap_or_else(|| ids.resource_id("fd-", 10));
            d.folders.insert(
                id.clone(),
                Folder {
                    id: id.clone(),
                    name: f.name.clone(),
                    parent: Some(parent.to_string()),
                    created: now,
                    tags: BTreeMap::new(),
                },
            );
            for a in &f.accounts {
                let acc = w.account_id(a);
                let m = w.new_member(&acc, &id, MemberKind::CloudAccount, now);
                d.members.insert(acc, m);
            }
            for sub in &f.folders {
                walk(w, d, &id, sub, now, ids);
            }
        }
        for f in &spec.root.folders {
            walk(self, &mut d, &root_id, f, now, ids);
        }
        // The management account is always in the directory (in the root unless placed).
        let m = self.new_member(&management, &root_id, MemberKind::CloudAccount, now);
        d.members.entry(management).or_insert(m);
        self.directories.insert(d);
    }

    /// The directory the caller manages, or `EntityNotExists.ResourceDirectory`.
    pub fn managed_directory(&self, caller: &str) -> Result<&Directory, ApiError> {
        self.directories
            .managed_by(caller)
            .ok_or(ApiError::EntityNotExistsResourceDirectory)
    }

    pub(crate) fn managed_directory_mut(
        &mut self,
        caller: &str,
    ) -> Result<&mut Directory, ApiError> {
        self.directories
            .managed_by_mut(caller)
            .ok_or(ApiError::EntityNotExistsResourceDirectory)
    }

    /// EnableResourceDirectory. `CurrentAccount` makes the caller the management account;
    /// `NewManagementAccount` creates an account named `<MAName>@rdadmin.aliyunid.com` that
    /// manages the new directory, with the caller as its first member (inferred).
    pub fn enable_resource_directory(
        &mut self,
        caller: &str,
        mode: &str,
        ma_name: Option<&str>,
        now: Millis,
        ids: &Ids,
    ) -> Result<String, ApiError> {
        if let Some(d) = self.directories.of(caller) {
            return Err(if d.management == caller {
                ApiError::EntityAlreadyExistsResourceDirectory
            } else {
                ApiError::NotSupportAccountInAnotherResourceDirectory
            });
        }
        let management = match mode {
            "CurrentAccount" => caller.to_string(),
            "NewManagementAccount" => {
                let name = ma_name.ok_or_else(|| ApiError::MissingParameter("MAName".into()))?;
                if check_prefix(name, false).is_err() {
                    return Err(ApiError::InvalidParameterManagementAccountName);
                }
                let id = ids.digits(16);
                let site = self.account(caller).map(|a| a.site).unwrap_or_default();
                self.add_account(Account {
                    id: id.clone(),
                    alias: Some(format!("{name}@rdadmin.aliyunid.com")),
                    site,
                    community_terms_signed: false,
                    quotas: QuotaSpec::default(),
                    resource_groups: vec![],
                });
                id
            }
            _ => return Err(ApiError::InvalidParameter("EnableMode".into())),
        };
        let root_id = ids.resource_id("r-", 6);
        let mut d = Directory::new(
            ids.resource_id("rd-", 6),
            root_id.clone(),
            management.clone(),
            now,
            false,
        );
        for a in [management.as_str(), caller] {
            let m = self.new_member(a, &root_id, MemberKind::CloudAccount, now);
            d.members.insert(a.to_string(), m);
        }
        let id = d.id.clone();
        self.directories.insert(d);
        Ok(id)
    }

    /// The folder named by `ParentFolderId` (the root when absent).
    pub fn parent_folder<'d>(
        d: &'d Directory,
        parent: Option<&str>,
    ) -> Result<&'d Folder, ApiError> {
        match parent {
            None => Ok(d.folder(&d.root_id).expect("a directory has its root")),
            Some(p) if !(p.starts_with("fd-") || p.starts_with("r-")) => {
                Err(ApiError::InvalidParameterParentFolderId)
            }
            Some(p) => d.folder(p).ok_or(ApiError::EntityNotExistsFolder),
        }
    }

    pub fn create_folder(
        &mut self,
        caller: &str,
        name: Option<&str>,
        parent: Option<&str>,
        now: Millis,
        ids: &Ids,
    ) -> Result<Folder, ApiError> {
        let d = self.managed_directory(caller)?;
        let name = name.ok_or(ApiError::MissingParameterFolderName)?;
        check_folder_name(name)?;
        let parent = Self::parent_folder(d, parent)?.id.clone();
        if d.depth(&parent) + 1 > MAX_FOLDER_DEPTH {
            return Err(ApiError::LimitExceededFolderDepth);
        }
        if d.children(&parent).any(|f| f.name == name) {
            return Err(ApiError::InvalidParameterFolderNameAlreadyUsed);
        }
        let folder = Folder {
            id: ids.resource_id("fd-", 10),
            name: name.to_string(),
            parent: Some(parent),
            created: now,
            tags: BTreeMap::new(),
        };
        let d = self.managed_directory_mut(caller)?;
        d.folders.insert(folder.id.clone(), folder.clone());
        Ok(folder)
    }

    /// The folder named by a `FolderId`.
    pub fn folder_of<'d>(d: &'d Directory, id: &str) -> Result<&'d Folder, ApiError> {
        if !(id.starts_with("fd-") || id.starts_with("r-")) {
            return Err(ApiError::InvalidParameterFolderId);
        }
        d.folder(id).ok_or(ApiError::EntityNotExistsFolder)
    }

    pub fn update_folder(
        &mut self,
        caller: &str,
        id: &str,
        new_name: Option<&str>,
    ) -> Result<Folder, ApiError> {
        let d = self.managed_directory(caller)?;
        let f = Self::folder_of(d, id)?;
        let name = new_name.ok_or(ApiError::MissingParameterFolderName)?;
        check_folder_name(name)?;
        if let Some(parent) = &f.parent {
            if d.children(parent).any(|s| s.name == name && s.id != id) {
                return Err(ApiError::InvalidParameterFolderNameAlreadyUsed);
            }
        }
        let d = self.managed_directory_mut(caller)?;
        let f = d.folders.get_mut(id).expect("checked above");
        f.name = name.to_string();
        Ok(f.clone())
    }

    pub fn delete_folder(&mut self, caller: &str, id: &str) -> Result<(), ApiError> {
        let d = self.managed_directory(caller)?;
        let f = Self::folder_of(d, id)?;
        if f.parent.is_none() {
            // The root folder is not deletable.
            return Err(ApiError::InvalidParameterFolderId);
        }
        if d.children(id).next().is_some() {
            return Err(ApiError::DeleteConflictFolderSubFolder);
        }
        if d.members_of(id).next().is_some() {
            return Err(ApiError::DeleteConflictFolderAccount);
        }
        self.managed_directory_mut(caller)?.folders.remove(id);
        Ok(())
    }

    /// UpdateAccount's rules (see the action).
    pub fn update_account(
        &mut self,
        caller: &str,
        account: &str,
        display_name: Option<&str>,
        account_type: Option<&str>,
        dry_run: bool,
        now: Millis,
    ) -> Result<(), ApiError> {
        let d = self.managed_directory(caller)?;
        let m = Self::managed_member(d, account)?;
        match (display_name, account_type) {
            (Some(name), None) => {
                check_display_name(name)?;
                if d.members
                    .values()
                    .any(|o| o.account_id != account && o.display_name == name)
                {
                    return Err(ApiError::InvalidParameterAccountDisplayNameAlreadyUsed);
                }
            }
            (None, Some(kind)) => {
                let ok = match kind {
                    "CloudAccount" => true,
                    "ResourceAccount" => m.kind == MemberKind::ResourceAccount,
                    _ => false,
                };
                if !ok {
                    return Err(ApiError::InvalidParameter("NewAccountType".into()));
                }
            }
            _ => return Err(ApiError::InvalidParameter("NewDisplayName".into())),
        }
        if dry_run {
            return Ok(());
        }
        let d = self.managed_directory_mut(caller)?;
        let m = d.members.get_mut(account).expect("checked");
        if let Some(name) = display_name {
            m.display_name = name.to_string();
        }
        if account_type == Some("CloudAccount") && m.kind == MemberKind::ResourceAccount {
            m.kind = MemberKind::CloudAccount;
            m.switched = true;
        }
        m.modified = now;
        Ok(())
    }

    /// CreateResourceAccount: a new account (no access keys; in `lax` mode its account ID
    /// works as an AccessKeyId) created inside the directory, with its tags (checked by the
    /// caller).
    pub fn create_resource_account(
        &mut self,
        caller: &str,
        request: NewResourceAccount<'_>,
        now: Millis,
        ids: &Ids,
    ) -> Result<Member, ApiError> {
        let NewResourceAccount {
            display_name,
            parent,
            prefix,
            tags,
        } = request;
        let d = self.managed_directory(caller)?;
        let display = display_name.ok_or(ApiError::MissingParameterAccountDisplayName)?;
        check_display_name(display)?;
        let folder = Self::parent_folder(d, parent)?.id.clone();
        let site = self.account(caller).map(|a| a.site).unwrap_or_default();
        if let Some(p) = prefix {
            check_prefix(p, site == crate::scenario::Site::International)?;
        }
        if d.members.values().any(|m| m.display_name == display) {
            return Err(ApiError::InvalidParameterAccountDisplayNameAlreadyUsed);
        }
        let rd_id = d.id.clone();
        let id = ids.digits(16);
        let prefix = prefix
            .map(str::to_string)
            .unwrap_or_else(|| ids.resource_id("", 8));
        self.add_account(Account {
            id: id.clone(),
            alias: None,
            site,
            community_terms_signed: false,
            quotas: QuotaSpec::default(),
            resource_groups: vec![],
        });
        let member = Member {
            account_id: id.clone(),
            folder_id: folder,
            display_name: display.to_string(),
            account_name: format!("{prefix}@{rd_id}.aliyunid.com").to_lowercase(),
            kind: MemberKind::ResourceAccount,
            joined: now,
            modified: now,
            switched: false,
            tags,
        };
        self.managed_directory_mut(caller)?
            .members
            .insert(id.clone(), member.clone());
        self.directories.membership.insert(id.clone(), rd_id);
        // As the service does for the accounts it creates: a role the management account
        // may assume (its trust policy names the management account's root, *inferred*).
        self.add_access_role(&id, caller, now, ids);
        Ok(member)
    }

    /// InviteAccountToResourceDirectory. `Email` targets are matched against the login names
    /// the mock gives accounts (`<alias or ID>@aliyun.com`).
    pub fn invite_account(
        &mut self,
        caller: &str,
        entity: Option<&str>,
        kind: Option<&str>,
        note: Option<&str>,
        now: Millis,
        ids: &Ids,
    ) -> Result<Handshake, ApiError> {
        let d = self.managed_directory(caller)?;
        let entity = entity.ok_or(ApiError::MissingParameterTargetEntity)?;
        let kind = kind.ok_or(ApiError::MissingParameterTargetType)?;
        let target = match kind {
            "Account" => self.account_by_id(entity).map(|a| a.id.clone()),
            "Email" => self
                .accounts
                .iter()
                .find(|a| self.account_name(&a.id).eq_ignore_ascii_case(entity))
                .map(|a| a.id.clone()),
            _ => return Err(ApiError::InvalidParameterTargetType),
        }
        .ok_or(ApiError::InvalidParameterTargetEntity)?;
        if note.is_some_and(|n| n.chars().count() > 1024) {
            return Err(ApiError::InvalidParameterNoteLength);
        }
        if self.directories.of(&target).is_some() {
            return Err(ApiError::NotSupportAccountInAnotherResourceDirectoryInvite);
        }
        let pending = self.directories.handshakes.values().any(|h| {
            h.directory_id == d.id
                && h.target_account == target
                && h.status_at(now) == HandshakeStatus::Pending
        });
        if pending {
            return Err(ApiError::EntityAlreadyExistsHandshake);
        }
        let h = Handshake {
            id: ids.resource_id("h-", 16),
            directory_id: d.id.clone(),
            master_id: caller.to_string(),
            target_entity: entity.to_string(),
            target_type: kind.to_string(),
            target_account: target,
            note: note.unwrap_or("").to_string(),
            status: HandshakeStatus::Pending,
            created: now,
            modified: now,
            expires: now + HANDSHAKE_TTL_MS,
        };
        self.directories.handshakes.insert(h.id.clone(), h.clone());
        Ok(h)
    }

    /// AcceptHandshake (`accept`) or DeclineHandshake, by the invited account. On accept the
    /// account joins the root folder at once, with every share that targets the directory.
    pub fn respond_handshake(
        &mut self,
        caller: &str,
        id: &str,
        accept: bool,
        now: Millis,
    ) -> Result<Handshake, ApiError> {
        let h = self
            .directories
            .handshakes
            .get(id)
            .filter(|h| h.target_account == caller)
            .ok_or(ApiError::EntityNotExistsHandshake)?;
        if h.status_at(now) != HandshakeStatus::Pending {
            return Err(ApiError::HandshakeStatusMismatch);
        }
        let rd = h.directory_id.clone();
        if accept {
            if self.directories.of(caller).is_some() {
                return Err(ApiError::NotSupportAccountInAnotherResourceDirectoryInvite);
            }
            let root = self
                .directories
                .by_id
                .get(&rd)
                .map(|d| d.root_id.clone())
                .ok_or(ApiError::EntityNotExistsHandshake)?;
            let m = self.new_member(caller, &root, MemberKind::CloudAccount, now);
            self.directories
                .by_id
                .get_mut(&rd)
                .expect("exists")
                .members
                .insert(caller.to_string(), m);
            self.directories.membership.insert(caller.to_string(), rd);
        }
        let h = self.directories.handshakes.get_mut(id).expect("exists");
        h.status = if accept {
            HandshakeStatus::Accepted
        } else {
            HandshakeStatus::Declined
        };
        h.modified = now;
        Ok(h.clone())
    }

    /// A member of a directory, by a well-formed account ID.
    pub fn managed_member<'d>(d: &'d Directory, account: &str) -> Result<&'d Member, ApiError> {
        if !crate::scenario::is_account_id(account) {
            return Err(ApiError::InvalidParameterAccountId);
        }
        d.members
            .get(account)
            .ok_or(ApiError::EntityNotExistsAccount)
    }

    /// MoveAccount: access through folder targets follows the account at once.
    pub fn move_account(
        &mut self,
        caller: &str,
        account: &str,
        dest: Option<&str>,
        now: Millis,
    ) -> Result<(), ApiError> {
        let d = self.managed_directory(caller)?;
        Self::managed_member(d, account)?;
        let dest = dest.ok_or(ApiError::MissingParameterDestinationFolderId)?;
        if !(dest.starts_with("fd-") || dest.starts_with("r-")) {
            return Err(ApiError::InvalidParameterDestinationFolderId);
        }
        d.folder(dest).ok_or(ApiError::EntityNotExistsFolder)?;
        let m = self
            .managed_directory_mut(caller)?
            .members
            .get_mut(account)
            .expect("checked");
        m.folder_id = dest.to_string();
        m.modified = now;
        Ok(())
    }

    /// RemoveCloudAccount: only invited (cloud) members, never the management account; the
    /// account loses every share that reached it through the directory at once.
    pub fn remove_cloud_account(&mut self, caller: &str, account: &str) -> Result<(), ApiError> {
        let d = self.managed_directory(caller)?;
        let m = Self::managed_member(d, account)?;
        if m.kind != MemberKind::CloudAccount || account == d.management {
            return Err(ApiError::AccountTypeOrStatusMismatch);
        }
        self.managed_directory_mut(caller)?.members.remove(account);
        self.directories.membership.remove(account);
        Ok(())
    }
}
