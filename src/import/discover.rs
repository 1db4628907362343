//! Discovery: a folder or a list of files becomes a list of candidate
//! submissions; lock, hidden, temporary and non-spreadsheet files are listed
//! as ignored.
