//! `nsmallest(n, iterable, key=None)`: awaitable; a list of the n smallest items, as `heapq.nsmallest`,
//! the key function sync or async.

use super::ranked::Ranked;
use super::ranked::{entry, Selection};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::reduce;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static NSMALLEST: BuiltinFunction = BuiltinFunction::new(
    c"nsmallest",
    nsmallest,
    c"nsmallest($module, n, iterable, key=None)\n--\n\nAwaitable: a list with the n smallest elements from a sync or async iterable. Equivalent to: sorted(iterable, key=key)[:n]\n\nThe key function (sync or async) is called once per item.",
);

vectorcall!(nsmallest, |args, nargs, kwnames| {
    entry::<Smallest>(args, nargs, kwnames)
});

pub struct Smallest;

native_type!(
    Smallest,
    c"asyncitertools.heapq.nsmallest_awaitable",
    function: c"nsmallest",
    c"The awaitable of nsmallest()."
);

impl Selection for Smallest {
    const NEGATES: bool = false;
    const ORDER_HINT: &'static std::ffi::CStr =
        c"nsmallest() takes n first: nsmallest(n, iterable) (asyncstdlib's takes the iterable first).";
    fn stdlib() -> &'static StdlibFunction {
        static STDLIB: StdlibFunction = StdlibFunction::in_module(c"heapq", c"nsmallest");
        &STDLIB
    }
}

/// Builds the types of `nsmallest` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Ranked<Smallest>>(py)?;
    NSMALLEST.add_to(module, public_module)
}
