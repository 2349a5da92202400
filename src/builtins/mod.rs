//! The async counterparts of `builtins`: one public name per file, and the folds that
//! several of them share (`truth`, `collect`, `extreme`).

mod aiter;
mod all;
mod anext;
mod any;
mod borrow;
mod collect;
mod dict;
mod enumerate;
mod extreme;
mod filter;
mod iter;
mod list;
mod map;
mod max;
mod min;
mod set;
mod sorted;
mod sum;
mod truth;
mod tuple;
mod zip;

use crate::machinery::{iterator, reduce};
use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
const PUBLIC_MODULE: &str = "asyncitertools";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    aiter::AITER.add_to(module, PUBLIC_MODULE)?;
    anext::register(py)?;
    anext::ANEXT.add_to(module, PUBLIC_MODULE)?;
    iterator::register_steps(py)?;

    iterator::register::<enumerate::Enumerate>(py)?;
    iterator::register::<zip::Zip>(py)?;
    iterator::register::<map::Map>(py)?;
    iterator::register::<filter::Filter>(py)?;
    iterator::register::<crate::machinery::relay::Relay<iter::Iterated>>(py)?;
    iterator::register::<iter::CallIterator>(py)?;
    iterator::register::<crate::machinery::relay::Relay<borrow::Borrowed>>(py)?;
    for function in [
        &enumerate::ENUMERATE,
        &zip::ZIP,
        &map::MAP,
        &filter::FILTER,
        &iter::ITER,
        &borrow::BORROW,
    ] {
        function.add_to(module, PUBLIC_MODULE)?;
    }

    reduce::register::<all::AllFold>(py)?;
    reduce::register::<any::AnyFold>(py)?;
    reduce::register::<collect::Collect<list::ListOf>>(py)?;
    reduce::register::<collect::Collect<tuple::TupleOf>>(py)?;
    reduce::register::<collect::Collect<set::SetOf>>(py)?;
    reduce::register::<extreme::Extremum<max::Max>>(py)?;
    reduce::register::<extreme::Extremum<min::Min>>(py)?;
    reduce::register::<sum::Sum>(py)?;
    reduce::register::<dict::Dict>(py)?;
    reduce::register::<sorted::Sorted>(py)?;
    for function in [
        &all::ALL,
        &any::ANY,
        &list::LIST,
        &tuple::TUPLE,
        &set::SET,
        &max::MAX,
        &min::MIN,
        &sum::SUM,
        &dict::DICT,
        &sorted::SORTED,
    ] {
        function.add_to(module, PUBLIC_MODULE)?;
    }
    Ok(())
}
