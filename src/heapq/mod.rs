//! The async counterparts of `heapq`: one public name per file, and the reduction that
//! `nlargest` and `nsmallest` share (`ranked`).

mod ranked;

mod merge;
mod nlargest;
mod nsmallest;

crate::machinery::module::public_names!(module "asyncitertools.heapq"; merge, nlargest, nsmallest);
