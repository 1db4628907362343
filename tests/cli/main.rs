//! The one integration binary: runs the real `workplan` executable on inputs
//! built inside the tests (and a few committed fixtures other programs made).

mod util;

mod check;
mod circular;
mod documents;
mod feedback;
mod fuzz;
mod layers;
mod merge;
mod plan;
mod status;
mod template;
mod usual;
mod voice;
