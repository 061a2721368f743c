//! The file system a handler sees, behind `fs`: `/var/task` is the
//! deployment package (read-only, as on Lambda), `/tmp` is writable and
//! lives as long as the execution environment, bounded by the function's
//! ephemeral storage (ENOSPC past it), and `/`, `/var` and `/opt` (no layers)
//! are the directories around them; the rest of Lambda's root file system
//! is not modelled. Times are virtual. The calls JavaScript makes on it are
//! in `fs_calls.rs`.

use std::collections::BTreeMap;

use crate::runtime::Millis;

/// The top of Lambda's file system, read-only but for `/tmp`: the directories are there
/// (a write in one fails with EROFS, not ENOENT) though Stratus models no file in them.
const ROOT_DIRS: [&str; 11] = [
    "bin", "dev", "etc", "lib", "lib64", "opt", "proc", "sbin", "tmp", "usr", "var",
];
/// Under `/var`: the runtime, the language and the function's code.
const VAR_DIRS: [&str; 3] = ["lang", "runtime", "task"];

/// One entry of `/tmp`.
#[derive(Debug, Clone)]
struct Entry {
    /// None for a directory.
    data: Option<Vec<u8>>,
    mtime: Millis,
    ctime: Millis,
    birthtime: Millis,
    ino: u64,
}

/// `/tmp` of one execution environment.
#[derive(Debug)]
pub(crate) struct Tmp {
    entries: BTreeMap<String, Entry>,
    pub used: u64,
    limit: u64,
    next_ino: u64,
}

impl Tmp {
    /// An empty `/tmp` made at `now`, holding at most `limit` bytes.
    pub fn new(now: Millis, limit: u64) -> Tmp {
        let mut entries = BTreeMap::new();
        entries.insert(
            "/tmp".to_string(),
            Entry {
                data: None,
                mtime: now,
                ctime: now,
                birthtime: now,
                ino: 2,
            },
        );
        Tmp {
            entries,
            used: 0,
            limit,
            next_ino: 3,
        }
    }
}

/// A failed call: its code and the syscall Node names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FsError {
    pub code: &'static str,
    pub syscall: &'static str,
    /// Whether the message names the path (a failed `write` does not).
    pub with_path: bool,
}

pub(super) fn err(code: &'static str, syscall: &'static str) -> FsError {
    FsError {
        code,
        syscall,
        with_path: true,
    }
}

/// libuv's errno and text for a code.
pub(super) fn describe(code: &str) -> (i32, &'static str) {
    match code {
        "ENOENT" => (-2, "no such file or directory"),
        "EEXIST" => (-17, "file already exists"),
        "ENOTDIR" => (-20, "not a directory"),
        "EISDIR" => (-21, "illegal operation on a directory"),
        "EINVAL" => (-22, "invalid argument"),
        "ENOSPC" => (-28, "no space left on device"),
        "EROFS" => (-30, "read-only file system"),
        "ENOTEMPTY" => (-39, "directory not empty"),
        "EACCES" => (-13, "permission denied"),
        "EBUSY" => (-16, "resource busy or locked"),
        _ => (-1, "operation not permitted"),
    }
}

/// `a/./b/../c` against `/var/task` (Lambda's working directory) → `/var/task/a/c`.
pub(crate) fn resolve(path: &str) -> String {
    let full = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/var/task/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

pub(super) fn in_tmp(path: &str) -> bool {
    path == "/tmp" || path.starts_with("/tmp/")
}

/// What a path names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stat {
    pub dir: bool,
    pub size: u64,
    pub mtime: Millis,
    pub ctime: Millis,
    pub birthtime: Millis,
    pub ino: u64,
    pub mode: u32,
}

/// The file system as one environment's state holds it.
pub(super) struct View<'a> {
    pub tmp: &'a mut Tmp,
    pub files: &'a BTreeMap<String, String>,
    pub started: Millis,
    pub now: Millis,
}

impl View<'_> {
    /// The package file a `/var/task/...` path names.
    fn task_key(path: &str) -> Option<&str> {
        path.strip_prefix("/var/task/")
    }

    fn task_dir(&self, path: &str) -> bool {
        if path == "/var/task" {
            return true;
        }
        Self::task_key(path).is_some_and(|k| {
            let prefix = format!("{k}/");
            self.files
                .range(prefix.clone()..)
                .next()
                .is_some_and(|(f, _)| f.starts_with(&prefix))
        })
    }

    pub fn stat(&self, path: &str) -> Option<Stat> {
        let fixed = |dir: bool, size: u64, ino: u64| Stat {
            dir,
            size,
            mtime: self.started,
            ctime: self.started,
            birthtime: self.started,
            ino,
            mode: if dir { 0o40755 } else { 0o100644 },
        };
        if in_tmp(path) {
            return self.tmp.entries.get(path).map(|e| Stat {
                dir: e.data.is_none(),
                size: e.data.as_ref().map_or(4096, |d| d.len() as u64),
                mtime: e.mtime,
                ctime: e.ctime,
                birthtime: e.birthtime,
                ino: e.ino,
                mode: match (&e.data, path) {
                    (None, "/tmp") => 0o41777,
                    (None, _) => 0o40755,
                    (Some(_), _) => 0o100644,
                },
            });
        }
        if let Some(key) = Self::task_key(path) {
            if let Some((i, (_, text))) =
                self.files.iter().enumerate().find(|(_, (k, _))| *k == key)
            {
                return Some(fixed(false, text.len() as u64, 1000 + i as u64));
            }
        }
        if self.task_dir(path) {
            return Some(fixed(true, 4096, 900));
        }
        let system = path == "/"
            || path
                .strip_prefix('/')
                .is_some_and(|top| ROOT_DIRS.contains(&top))
            || path
                .strip_prefix("/var/")
                .is_some_and(|sub| VAR_DIRS.contains(&sub));
        system.then(|| fixed(true, 4096, 100))
    }

    /// The checks every call makes on the directory holding `path`.
    fn parent_dir(&self, path: &str, syscall: &'static str) -> Result<(), FsError> {
        match self.stat(parent(path)) {
            None => Err(err("ENOENT", syscall)),
            Some(s) if !s.dir => Err(err("ENOTDIR", syscall)),
            Some(_) => Ok(()),
        }
    }

    pub fn read(&self, path: &str) -> Result<Vec<u8>, FsError> {
        let Some(stat) = self.stat(path) else {
            self.parent_dir(path, "open")?;
            return Err(err("ENOENT", "open"));
        };
        if stat.dir {
            return Err(FsError {
                code: "EISDIR",
                syscall: "read",
                with_path: false,
            });
        }
        if in_tmp(path) {
            return Ok(self.tmp.entries[path].data.clone().unwrap_or_default());
        }
        let key = Self::task_key(path).unwrap_or_default();
        Ok(self
            .files
            .get(key)
            .map(|t| t.as_bytes().to_vec())
            .unwrap_or_default())
    }

    /// Writes (flag `w`), appends (`a`) or creates exclusively (`wx`, `ax`).
    pub fn write(&mut self, path: &str, data: &[u8], flag: &str) -> Result<(), FsError> {
        let existing = self.stat(path);
        match &existing {
            Some(s) if s.dir => return Err(err("EISDIR", "open")),
            Some(_) if flag.contains('x') => return Err(err("EEXIST", "open")),
            None if flag.starts_with('r') => return Err(err("ENOENT", "open")),
            None => self.parent_dir(path, "open")?,
            _ => {}
        }
        if !in_tmp(path) {
            return Err(err("EROFS", "open"));
        }
        let append = flag.starts_with('a');
        let old = existing.map_or(0, |s| s.size);
        let new_len = if append {
            old + data.len() as u64
        } else {
            data.len() as u64
        };
        if self.tmp.used - old + new_len > self.tmp.limit {
            return Err(FsError {
                code: "ENOSPC",
                syscall: "write",
                with_path: false,
            });
        }
        self.tmp.used = self.tmp.used - old + new_len;
        let now = self.now;
        let ino = self.tmp.next_ino;
        let entry = self
            .tmp
            .entries
            .entry(path.to_string())
            .or_insert_with(|| Entry {
                data: Some(Vec::new()),
                mtime: now,
                ctime: now,
                birthtime: now,
                ino,
            });
        if entry.ino == ino {
            self.tmp.next_ino += 1;
        }
        let file = entry.data.get_or_insert_with(Vec::new);
        if !append {
            file.clear();
        }
        file.extend_from_slice(data);
        entry.mtime = now;
        entry.ctime = now;
        self.touch_parent(path);
        Ok(())
    }

    fn touch_parent(&mut self, path: &str) {
        let now = self.now;
        if let Some(dir) = self.tmp.entries.get_mut(parent(path)) {
            dir.mtime = now;
            dir.ctime = now;
        }
    }

    /// `mkdir`; with `recursive`, the first directory made (if any).
    pub fn mkdir(&mut self, path: &str, recursive: bool) -> Result<Option<String>, FsError> {
        if let Some(s) = self.stat(path) {
            return if recursive && s.dir {
                Ok(None)
            } else if recursive {
                Err(err("ENOTDIR", "mkdir"))
            } else {
                Err(err("EEXIST", "mkdir"))
            };
        }
        let up = parent(path).to_string();
        let first = match self.stat(&up) {
            Some(s) if s.dir => None,
            Some(_) => return Err(err("ENOTDIR", "mkdir")),
            None if recursive => self.mkdir(&up, true)?,
            None => return Err(err("ENOENT", "mkdir")),
        };
        if !in_tmp(path) {
            return Err(err("EROFS", "mkdir"));
        }
        let now = self.now;
        let ino = self.tmp.next_ino;
        self.tmp.next_ino += 1;
        self.tmp.entries.insert(
            path.to_string(),
            Entry {
                data: None,
                mtime: now,
                ctime: now,
                birthtime: now,
                ino,
            },
        );
        self.touch_parent(path);
        Ok(first.or_else(|| Some(path.to_string())))
    }

    /// Names in a directory (sorted) and whether each is a directory.
    pub fn readdir(&self, path: &str) -> Result<Vec<(String, bool)>, FsError> {
        match self.stat(path) {
            None => return Err(err("ENOENT", "scandir")),
            Some(s) if !s.dir => return Err(err("ENOTDIR", "scandir")),
            Some(_) => {}
        }
        let mut names: BTreeMap<String, bool> = BTreeMap::new();
        let prefix = if path == "/" {
            "/".to_string()
        } else {
            format!("{path}/")
        };
        if in_tmp(path) {
            for (k, e) in self.tmp.entries.range(prefix.clone()..) {
                let Some(rest) = k.strip_prefix(&prefix) else {
                    break;
                };
                if !rest.contains('/') {
                    names.insert(rest.to_string(), e.data.is_none());
                }
            }
        } else if path == "/var/task" || Self::task_key(path).is_some() {
            let key_prefix = Self::task_key(&prefix).unwrap_or("").to_string();
            for k in self.files.keys().filter(|k| k.starts_with(&key_prefix)) {
                let rest = &k[key_prefix.len()..];
                match rest.split_once('/') {
                    Some((dir, _)) => names.insert(dir.to_string(), true),
                    None => names.insert(rest.to_string(), false),
                };
            }
        } else if path == "/" {
            for d in ROOT_DIRS {
                names.insert(d.to_string(), true);
            }
        } else if path == "/var" {
            for d in VAR_DIRS {
                names.insert(d.to_string(), true);
            }
        }
        Ok(names.into_iter().collect())
    }

    fn remove_checks(&self, path: &str, syscall: &'static str) -> Result<Stat, FsError> {
        let Some(stat) = self.stat(path) else {
            return Err(err("ENOENT", syscall));
        };
        if !in_tmp(path) || path == "/tmp" {
            return Err(err(if path == "/tmp" { "EBUSY" } else { "EROFS" }, syscall));
        }
        Ok(stat)
    }

    pub fn unlink(&mut self, path: &str) -> Result<(), FsError> {
        let stat = self.remove_checks(path, "unlink")?;
        if stat.dir {
            return Err(err("EISDIR", "unlink"));
        }
        self.drop_entry(path);
        Ok(())
    }

    fn drop_entry(&mut self, path: &str) {
        if let Some(e) = self.tmp.entries.remove(path) {
            self.tmp.used -= e.data.map_or(0, |d| d.len() as u64);
        }
        self.touch_parent(path);
    }

    /// `rmdir`, or with `recursive` a whole tree (`rm -r`).
    pub fn rmdir(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let syscall = "rmdir";
        let stat = self.remove_checks(path, syscall)?;
        if !stat.dir {
            return Err(err("ENOTDIR", syscall));
        }
        let prefix = format!("{path}/");
        let inside: Vec<String> = self
            .tmp
            .entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| k.clone())
            .collect();
        if !inside.is_empty() && !recursive {
            return Err(err("ENOTEMPTY", syscall));
        }
        for k in inside {
            self.drop_entry(&k);
        }
        self.drop_entry(path);
        Ok(())
    }

    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        let syscall = "rename";
        let Some(stat) = self.stat(from) else {
            return Err(err("ENOENT", syscall));
        };
        self.parent_dir(to, syscall)?;
        if !in_tmp(from) || !in_tmp(to) || from == "/tmp" {
            return Err(err("EROFS", syscall));
        }
        if from == to {
            return Ok(());
        }
        if to.starts_with(&format!("{from}/")) {
            return Err(err("EINVAL", syscall));
        }
        match self.stat(to) {
            Some(t) if t.dir && !stat.dir => return Err(err("EISDIR", syscall)),
            Some(t) if !t.dir && stat.dir => return Err(err("ENOTDIR", syscall)),
            Some(t) if t.dir => {
                if !self.readdir(to).map(|l| l.is_empty()).unwrap_or(true) {
                    return Err(err("ENOTEMPTY", syscall));
                }
                self.drop_entry(to);
            }
            Some(_) => self.drop_entry(to),
            None => {}
        }
        let prefix = format!("{from}/");
        let moved: Vec<String> = std::iter::once(from.to_string())
            .chain(
                self.tmp
                    .entries
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, _)| k.clone()),
            )
            .collect();
        for k in moved {
            if let Some(mut e) = self.tmp.entries.remove(&k) {
                e.ctime = self.now;
                self.tmp
                    .entries
                    .insert(format!("{to}{}", &k[from.len()..]), e);
            }
        }
        self.touch_parent(from);
        self.touch_parent(to);
        Ok(())
    }
}
