//! The async counterparts of `builtins`: one public name per file, and the folds that
//! several of them share (`truth`, `collect`, `extreme`).

mod collect;
mod extreme;
mod truth;

mod aiter;
mod all;
mod anext;
mod any;
mod borrow;
mod dict;
mod enumerate;
mod filter;
mod iter;
mod list;
mod map;
mod max;
mod min;
mod set;
mod sorted;
mod sum;
mod tuple;
mod zip;

crate::machinery::module::public_names!(module "asyncitertools";
    aiter, all, anext, any, borrow, dict, enumerate, filter, iter, list, map, max, min, set,
    sorted, sum, tuple, zip,
);
