//! The scenario's `resource_directory` section: its checks. (Loading is
//! `World::load_directory`.)

use crate::scenario::validate::Validator;
use crate::scenario::{DirectorySpec, FolderSpec};

impl Validator<'_> {
    /// An `rd-` ID, a management account, folders with `fd-` IDs, each account in at most one
    /// place. Records the directory, folders and members for the resource shares.
    pub(crate) fn check_directory(&mut self, rd: &DirectorySpec, fi: usize) {
        if let Some(id) = &rd.id {
            if !id.starts_with("rd-") {
                self.err(
                    fi,
                    "resource_directory.id",
                    format!("resource directory id {id:?} must start with \"rd-\""),
                );
            }
            self.rd_id = Some(id.clone());
        }
        self.account(
            fi,
            "resource_directory.management_account",
            &rd.management_account,
        );
        let root = &rd.root;
        self.check_folder_accounts(fi, "resource_directory.root", &root.accounts);
        for (k, f) in root.folders.iter().enumerate() {
            self.check_folder(fi, &format!("resource_directory.root.folders[{k}]"), f);
        }
    }

    fn check_folder_accounts(&mut self, fi: usize, path: &str, accounts: &[String]) {
        for (k, a) in accounts.iter().enumerate() {
            let ap = format!("{path}.accounts[{k}]");
            if let Some(id) = self.account(fi, &ap, a) {
                if !self.members.insert(id) {
                    self.err(
                        fi,
                        &ap,
                        format!("account {a:?} is already in the resource directory"),
                    );
                }
            }
        }
    }

    fn check_folder(&mut self, fi: usize, path: &str, folder: &FolderSpec) {
        if folder.name.is_empty() {
            self.err(fi, &format!("{path}.name"), "folder name must not be empty");
        }
        if let Some(id) = &folder.id {
            if !id.starts_with("fd-") {
                self.err(
                    fi,
                    &format!("{path}.id"),
                    format!("folder id {id:?} must start with \"fd-\""),
                );
            } else if !self.folders.insert(id.clone()) {
                self.err(
                    fi,
                    &format!("{path}.id"),
                    format!("duplicate folder id {id:?}"),
                );
            }
        }
        self.check_folder_accounts(fi, path, &folder.accounts);
        for (k, f) in folder.folders.iter().enumerate() {
            self.check_folder(fi, &format!("{path}.folders[{k}]"), f);
        }
    }
}
