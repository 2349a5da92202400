//! The async counterparts of `builtins`.

mod aiter;
mod anext;
mod enumerate;

use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
const PUBLIC_MODULE: &str = "asyncitertools";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    aiter::AITER.add_to(module, PUBLIC_MODULE)?;
    anext::register(module.py())?;
    anext::ANEXT.add_to(module, PUBLIC_MODULE)?;
    crate::machinery::iterator::register_steps(module.py())?;
    crate::machinery::iterator::register::<enumerate::Enumerate>(module.py())?;
    enumerate::ENUMERATE.add_to(module, PUBLIC_MODULE)?;
    Ok(())
}
