//! Resource Directory: directories, folders, members, handshakes (docs/sources.md#resource-directory).
//!
//! Membership is stored once (account -> directory and folder) and evaluated whenever access
//! is checked, so joins, moves and removals take effect at once for every share that targets
//! a directory or folder.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

use crate::time::Millis;

/// Folders may nest at most this deep (`LimitExceeded.Folder.Depth`).
pub const MAX_FOLDER_DEPTH: usize = 5;
/// Handshakes expire 14 days after creation (docs/sources.md#resource-directory, inferred from demos).
pub const HANDSHAKE_TTL_MS: Millis = 14 * 24 * 3600 * 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Folder {
    pub id: String,
    pub name: String,
    /// None for the root folder.
    pub parent: Option<String>,
    pub created: Millis,
    /// TagResources with `ResourceType` `Folder`.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberKind {
    /// An independent account that joined by invitation (or the management account).
    CloudAccount,
    /// An account created inside the directory.
    ResourceAccount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub account_id: String,
    pub folder_id: String,
    pub display_name: String,
    pub account_name: String,
    pub kind: MemberKind,
    pub joined: Millis,
    pub modified: Millis,
    /// UpdateAccount changed its type (`Status` `SwitchSuccess`).
    #[serde(default)]
    pub switched: bool,
    /// TagResources with `ResourceType` `Account`, or `Tag.N` at CreateResourceAccount.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub id: String,
    pub root_id: String,
    pub management: String,
    pub created: Millis,
    pub sharing_enabled: bool,
    /// The Control Policy feature (EnableControlPolicy, DisableControlPolicy).
    #[serde(default)]
    pub control_policy: bool,
    /// The member deletion feature (SetMemberDeletionPermission).
    #[serde(default)]
    pub member_deletion: bool,
    /// Member display name synchronisation (SetMemberDisplayNameSyncStatus, 2022-04-19).
    #[serde(default)]
    pub display_name_sync: bool,
    pub folders: BTreeMap<String, Folder>,
    pub members: BTreeMap<String, Member>,
}

impl Directory {
    /// A directory holding only its root folder.
    pub fn new(
        id: String,
        root_id: String,
        management: String,
        created: Millis,
        sharing_enabled: bool,
    ) -> Directory {
        let mut folders = BTreeMap::new();
        folders.insert(
            root_id.clone(),
            Folder {
                id: root_id.clone(),
                name: "root".into(),
                parent: None,
                created,
                tags: BTreeMap::new(),
            },
        );
        Directory {
            id,
            root_id,
            management,
            created,
            sharing_enabled,
            control_policy: false,
            member_deletion: false,
            display_name_sync: false,
            folders,
            members: BTreeMap::new(),
        }
    }

    pub fn folder(&self, id: &str) -> Option<&Folder> {
        self.folders.get(id)
    }

    /// The folder and its ancestors, nearest first, root last.
    pub fn chain(&self, folder_id: &str) -> Vec<&Folder> {
        let mut out = Vec::new();
        let mut cur = self.folders.get(folder_id);
        while let Some(f) = cur {
            out.push(f);
            cur = f.parent.as_ref().and_then(|p| self.folders.get(p));
        }
        out
    }

    /// Depth of a folder: root 0, its children 1, ...
    pub fn depth(&self, folder_id: &str) -> usize {
        self.chain(folder_id).len().saturating_sub(1)
    }

    /// `rd-xx/r-xx/fd-xx` (ResourceDirectoryPath).
    pub fn path(&self, folder_id: &str) -> String {
        let mut parts: Vec<&str> = self
            .chain(folder_id)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        parts.push(&self.id);
        parts.reverse();
        parts.join("/")
    }

    pub fn children(&self, folder_id: &str) -> impl Iterator<Item = &Folder> {
        let id = folder_id.to_string();
        self.folders
            .values()
            .filter(move |f| f.parent.as_deref() == Some(id.as_str()))
    }

    pub fn members_of(&self, folder_id: &str) -> impl Iterator<Item = &Member> {
        let id = folder_id.to_string();
        self.members.values().filter(move |m| m.folder_id == id)
    }

    /// Principals an account is covered by in this directory: its own ID, every folder on
    /// its path (a folder target covers its sub-folders), and the directory.
    pub fn principals(&self, account: &str) -> Vec<String> {
        let Some(m) = self.members.get(account) else {
            return vec![account.to_string()];
        };
        let mut p = vec![account.to_string()];
        p.extend(self.chain(&m.folder_id).iter().map(|f| f.id.clone()));
        p.push(self.id.clone());
        p
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HandshakeStatus {
    Pending,
    Accepted,
    Cancelled,
    Declined,
    Expired,
}

impl HandshakeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HandshakeStatus::Pending => "Pending",
            HandshakeStatus::Accepted => "Accepted",
            HandshakeStatus::Cancelled => "Cancelled",
            HandshakeStatus::Declined => "Declined",
            HandshakeStatus::Expired => "Expired",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handshake {
    pub id: String,
    pub directory_id: String,
    pub master_id: String,
    pub target_entity: String,
    pub target_type: String,
    /// The invited account (resolved from the target entity).
    pub target_account: String,
    pub note: String,
    pub status: HandshakeStatus,
    pub created: Millis,
    pub modified: Millis,
    pub expires: Millis,
}

impl Handshake {
    pub fn status_at(&self, now: Millis) -> HandshakeStatus {
        if self.status == HandshakeStatus::Pending && now >= self.expires {
            HandshakeStatus::Expired
        } else {
            self.status
        }
    }
}

/// Every directory of the world, and which directory each account belongs to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Directories {
    pub by_id: BTreeMap<String, Directory>,
    /// account -> directory ID (members and management accounts).
    #[serde(skip)]
    pub membership: HashMap<String, String>,
    pub handshakes: BTreeMap<String, Handshake>,
    /// Deletion checks run by CheckAccountDelete: account -> when.
    #[serde(default)]
    pub deletion_checks: BTreeMap<String, crate::time::Millis>,
    /// Members deleted by DeleteAccount: account -> (check time, deletion time).
    #[serde(default)]
    pub deleted: BTreeMap<String, (crate::time::Millis, crate::time::Millis)>,
}

impl Directories {
    /// The directory an account manages or belongs to.
    pub fn of(&self, account: &str) -> Option<&Directory> {
        self.membership
            .get(account)
            .and_then(|id| self.by_id.get(id))
    }

    /// The directory an account manages.
    pub fn managed_by(&self, account: &str) -> Option<&Directory> {
        self.of(account).filter(|d| d.management == account)
    }

    pub fn managed_by_mut(&mut self, account: &str) -> Option<&mut Directory> {
        let id = self.membership.get(account)?.clone();
        self.by_id.get_mut(&id).filter(|d| d.management == account)
    }

    /// Rebuilds who belongs to which directory from the directories.
    pub fn reindex(&mut self) {
        self.membership.clear();
        for d in std::mem::take(&mut self.by_id).into_values() {
            self.insert(d);
        }
    }

    pub fn insert(&mut self, d: Directory) {
        for a in d.members.keys() {
            self.membership.insert(a.clone(), d.id.clone());
        }
        self.membership.insert(d.management.clone(), d.id.clone());
        self.by_id.insert(d.id.clone(), d);
    }

    /// Principals covering `account`: its ID, and its folders and directory if it is a member.
    pub fn principals(&self, account: &str) -> Vec<String> {
        match self.of(account) {
            Some(d) => d.principals(account),
            None => vec![account.to_string()],
        }
    }
}
