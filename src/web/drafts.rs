//! Undeployed code: what the code editor holds for a function when it differs
//! from the function's deployed `$LATEST` code. A draft is kept per function
//! (by ARN) in `AppState::drafts`, so it survives moving to another resource
//! and back, and in localStorage beside the scenario's autosave, so it
//! survives a reload. A draft equal to the deployed code is dropped; Deploy
//! and deleting the function drop it. A draft remembers the code it was
//! started from: restored over other deployed code (another scenario, or the
//! code changed by a step) it no longer applies and is dropped. Drafts are
//! not part of the scenario (nothing is deployed until Deploy).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const STORAGE_KEY: &str = "stratus.drafts";

/// A function's files by name.
pub type Files = BTreeMap<String, String>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The deployed code the edits were made over.
    pub base: Files,
    /// The files as edited.
    pub files: Files,
}

impl Draft {
    /// The files that differ from `deployed` (new, changed or removed).
    pub fn changed(&self, deployed: &Files) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .filter(|(k, v)| deployed.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        out.extend(
            deployed
                .keys()
                .filter(|k| !self.files.contains_key(*k))
                .cloned(),
        );
        out
    }
}

/// Every function's draft, by function ARN.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Drafts(BTreeMap<String, Draft>);

impl Drafts {
    pub fn get(&self, arn: &str) -> Option<&Draft> {
        self.0.get(arn)
    }

    /// The files to edit for a function deployed as `deployed`: its draft
    /// when the draft was made over that code, else the deployed files. A
    /// draft made over other code is dropped (returns whether it was).
    pub fn restore(&mut self, arn: &str, deployed: &Files) -> (Files, bool) {
        match self.0.get(arn) {
            Some(d) if d.base == *deployed => (d.files.clone(), false),
            Some(_) => {
                self.0.remove(arn);
                (deployed.clone(), true)
            }
            None => (deployed.clone(), false),
        }
    }

    /// Records the editor's files for a function deployed as `deployed`:
    /// a draft while they differ, none once they are the same.
    pub fn record(&mut self, arn: &str, deployed: &Files, files: &Files) {
        if files == deployed {
            self.0.remove(arn);
        } else {
            self.0.insert(
                arn.to_string(),
                Draft {
                    base: deployed.clone(),
                    files: files.clone(),
                },
            );
        }
    }

    pub fn drop(&mut self, arn: &str) {
        self.0.remove(arn);
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Drafts read back from their JSON; anything unreadable is no draft.
    pub fn from_json(text: &str) -> Drafts {
        serde_json::from_str(text).unwrap_or_default()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The drafts saved in this browser.
pub fn load() -> Drafts {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|t| Drafts::from_json(&t))
        .unwrap_or_default()
}

/// Saves the drafts (none: the key goes).
pub fn save(drafts: &Drafts) {
    if let Some(s) = storage() {
        let _ = if drafts.0.is_empty() {
            s.remove_item(STORAGE_KEY)
        } else {
            s.set_item(STORAGE_KEY, &drafts.to_json())
        };
    }
}
