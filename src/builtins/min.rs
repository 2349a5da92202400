//! `min(iterable, /, *, key=None, default=...)`, `min(arg1, arg2, /, *args, key=None)`:
//! awaitable; the smallest item, the key function sync or async.

use super::extreme::Extremum;
use super::extreme::{entry, Extreme};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::reduce;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::c_int;

pub static MIN: BuiltinFunction = BuiltinFunction::new(
    c"min",
    min,
    c"min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value\n\nAwaitable: with a single iterable argument (sync or async), its smallest item. The default keyword argument is the result if the iterable is empty. With two or more positional arguments, the smallest argument. The key function may be sync or async.",
);

vectorcall!(min, |args, nargs, kwnames| {
    entry::<Min>(args, nargs, kwnames)
});

pub struct Min;

native_type!(Min, c"asyncitertools.min_awaitable",
    function: c"min", c"The awaitable of min().");

impl Extreme for Min {
    const OP: c_int = ffi::Py_LT;
    fn stdlib() -> &'static StdlibFunction {
        static STDLIB: StdlibFunction = StdlibFunction::new(c"min");
        &STDLIB
    }
}

/// Builds the types of `min` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Extremum<Min>>(py)?;
    MIN.add_to(module, public_module)
}
