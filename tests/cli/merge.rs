//! Integration tests for `workplan merge`.
