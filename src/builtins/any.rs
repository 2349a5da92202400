//! `any(iterable, /)`: awaitable; stops at the first item that decides, closing the source.

use super::truth::{entry, Decide, Truth};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::reduce;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static ANY: BuiltinFunction = BuiltinFunction::new(
    c"any",
    any,
    c"any($module, iterable, /)\n--\n\nReturn True if any item of the iterable is true (False if it is empty). Awaitable.",
);

vectorcall!(any, |args, nargs, kwnames| {
    entry::<Any>(args, nargs, kwnames)
});

/// The fold of `any()` is [`Truth`] decided by a true item.
pub type AnyFold = Truth<Any>;

pub struct Any;

native_type!(Any, c"asyncitertools.any_awaitable",
    function: c"any", c"The awaitable of any().");

impl Decide for Any {
    const DECISIVE: bool = true;
    fn stdlib() -> &'static StdlibFunction {
        static STDLIB: StdlibFunction = StdlibFunction::new(c"any");
        &STDLIB
    }
}

/// Builds the types of `any` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<AnyFold>(py)?;
    ANY.add_to(module, public_module)
}
