//! The async counterparts of `heapq`: one public name per file, and the reduction that
//! `nlargest` and `nsmallest` share (`ranked`).

mod merge;
mod nlargest;
mod nsmallest;
mod ranked;

use crate::machinery::{iterator, reduce};
use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
const PUBLIC_MODULE: &str = "asyncitertools.heapq";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    iterator::register::<merge::Merge>(py)?;
    reduce::register::<ranked::Ranked<nlargest::Largest>>(py)?;
    reduce::register::<ranked::Ranked<nsmallest::Smallest>>(py)?;
    for function in [&merge::MERGE, &nlargest::NLARGEST, &nsmallest::NSMALLEST] {
        function.add_to(module, PUBLIC_MODULE)?;
    }
    Ok(())
}
