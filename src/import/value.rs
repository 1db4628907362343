//! Values as people type them: task ids, numbers with units, percentages,
//! dates, statuses, yes/no, money. Pure functions.
