//! The async counterparts of `builtins`: one public name per file, and the folds that
//! several of them share (`truth`, `collect`, `extreme`).

mod collect;
mod extreme;
mod truth;

crate::machinery::module::public_names!(module "asyncitertools";
    aiter, all, anext, any, borrow, dict, enumerate, filter, iter, list, map, max, min, set,
    sorted, sum, tuple, zip,
);
