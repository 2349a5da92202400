//! The async counterparts of `heapq`: one public name per file.

// modules: merge
mod merge;
// end modules: merge

// modules: nlargest
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
    // end register: nlargest

    Ok(())
}
