//! Discovery: a folder or a list of files becomes a list of candidate
//! submissions; lock, hidden, temporary and non-spreadsheet files are listed
//! as ignored.

use std::path::PathBuf;

/// A file found under the input root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file on disk.
    pub path: PathBuf,
    /// The path relative to the input root, with `/` separators.
    pub file: String,
    /// Why the file is passed over (lock, hidden, temporary, not a spreadsheet), in Chinese.
    pub ignored: Option<String>,
}
