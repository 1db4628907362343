//! From raw sheets to records: find the header row, recognise the sheet kind,
//! tell the department, normalise each row, and account for every row.
