//! Integration tests for `workplan plan`.
