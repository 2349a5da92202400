//! The async counterparts of `functools`: one public name per file.

// modules: reduce
mod reduce;
// end modules: reduce

#[allow(unused_imports)]
use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
#[allow(dead_code)]
const PUBLIC_MODULE: &str = "asyncitertools.functools";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let _py = module.py();

    // register: reduce
    crate::machinery::reduce::register::<reduce::Reduce>(module.py())?;
    reduce::REDUCE.add_to(module, PUBLIC_MODULE)?;
    // end register: reduce

    Ok(())
}
