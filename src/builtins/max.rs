//! `max(iterable, /, *, key=None, default=...)`, `max(arg1, arg2, /, *args, key=None)`:
//! awaitable; the largest item, the key function sync or async.

use super::extreme::Extremum;
use super::extreme::{entry, Extreme};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::reduce;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::c_int;

pub static MAX: BuiltinFunction = BuiltinFunction::new(
    c"max",
    max,
    c"max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value\n\nAwaitable: with a single iterable argument (sync or async), its largest item. The default keyword argument is the result if the iterable is empty. With two or more positional arguments, the largest argument. The key function may be sync or async.",
);

vectorcall!(max, |args, nargs, kwnames| {
    entry::<Max>(args, nargs, kwnames)
});

pub struct Max;

native_type!(Max, c"asyncitertools.max_awaitable",
    function: c"max", c"The awaitable of max().");

impl Extreme for Max {
    const OP: c_int = ffi::Py_GT;
    fn stdlib() -> &'static StdlibFunction {
        static STDLIB: StdlibFunction = StdlibFunction::new(c"max");
        &STDLIB
    }
}

/// Builds the types of `max` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Extremum<Max>>(py)?;
    MAX.add_to(module, public_module)
}
