//! Integration tests for `workplan check`.
