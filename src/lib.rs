//! asyncitertools' native module: wiring only. The parts live in `machinery`, the public
//! names in modules that mirror the stdlib's (`builtins`, `itertools`, `functools`, `heapq`).

mod builtins;
mod functools;
mod heapq;
mod itertools;
mod machinery;

use pyo3::prelude::*;

// The free lists and type cells of `machinery` are serialized by the GIL: on a free-threaded
// build the module asks CPython to keep the GIL enabled.
#[pymodule(gil_used = true)]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    machinery::module::register(module.py())?;
    builtins::register(module)?;
    itertools::register(module)?;
    functools::register(module)?;
    heapq::register(module)?;
    Ok(())
}
