//! The async counterparts of `functools`: one public name per file.

mod reduce;

use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
const PUBLIC_MODULE: &str = "asyncitertools.functools";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    crate::machinery::reduce::register::<reduce::Reduce>(module.py())?;
    reduce::REDUCE.add_to(module, PUBLIC_MODULE)
}
