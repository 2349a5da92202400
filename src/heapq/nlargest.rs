//! `nlargest(n, iterable, key=None)`: awaitable; a list of the n largest items, as `heapq.nlargest`,
//! the key function sync or async.

use super::ranked::Ranked;
use super::ranked::{entry, Selection};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::reduce;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static NLARGEST: BuiltinFunction = BuiltinFunction::new(
    c"nlargest",
    nlargest,
    c"nlargest($module, n, iterable, key=None)\n--\n\nAwaitable: a list with the n largest elements from a sync or async iterable. Equivalent to: sorted(iterable, key=key, reverse=True)[:n]\n\nThe key function (sync or async) is called once per item.",
);

vectorcall!(nlargest, |args, nargs, kwnames| {
    entry::<Largest>(args, nargs, kwnames)
});

pub struct Largest;

native_type!(
    Largest,
    c"asyncitertools.heapq.nlargest_awaitable",
    function: c"nlargest",
    c"The awaitable of nlargest()."
);

impl Selection for Largest {
    const NEGATES: bool = true;
    const ORDER_HINT: &'static std::ffi::CStr =
        c"nlargest() takes n first: nlargest(n, iterable) (asyncstdlib's takes the iterable first).";
    fn stdlib() -> &'static StdlibFunction {
        static STDLIB: StdlibFunction = StdlibFunction::in_module(c"heapq", c"nlargest");
        &STDLIB
    }
}

/// Builds the types of `nlargest` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Ranked<Largest>>(py)?;
    NLARGEST.add_to(module, public_module)
}
