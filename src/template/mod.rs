//! Fill-in workbooks for departments: their tasks and figures pre-filled,
//! drop-downs and input hints, fixed cells protected, ledger sheets.
