//! Integration tests for `workplan template`.
