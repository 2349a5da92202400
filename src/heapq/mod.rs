//! The async counterparts of `heapq`: one public name per file.

// modules: merge
mod merge;
// end modules: merge

// modules: nlargest
mod nlargest;
mod nsmallest;
mod select;
// end modules: nlargest

#[allow(unused_imports)]
use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
#[allow(dead_code)]
const PUBLIC_MODULE: &str = "asyncitertools.heapq";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let _py = module.py();

    // register: merge
    crate::machinery::iterator::register::<merge::Merge>(_py)?;
    merge::MERGE.add_to(module, PUBLIC_MODULE)?;
    // end register: merge

    // register: nlargest (nlargest, nsmallest)
    crate::machinery::reduce::register::<select::Select<nlargest::Largest>>(module.py())?;
    crate::machinery::reduce::register::<select::Select<nsmallest::Smallest>>(module.py())?;
    nlargest::NLARGEST.add_to(module, PUBLIC_MODULE)?;
    nsmallest::NSMALLEST.add_to(module, PUBLIC_MODULE)?;
    // end register: nlargest

    Ok(())
}
