//! `all(iterable, /)`: awaitable; stops at the first item that decides, closing the source.

use super::truth::{entry, Decide, Truth};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::reduce;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static ALL: BuiltinFunction = BuiltinFunction::new(
    c"all",
    all,
    c"all($module, iterable, /)\n--\n\nReturn True if every item of the iterable is true (or if it is empty). Awaitable.",
);

vectorcall!(all, |args, nargs, kwnames| {
    entry::<All>(args, nargs, kwnames)
});

/// The fold of `all()` is [`Truth`] decided by a false item.
pub type AllFold = Truth<All>;

pub struct All;

native_type!(All, c"asyncitertools.all_awaitable",
    function: c"all", c"The awaitable of all().");

impl Decide for All {
    const DECISIVE: bool = false;
    fn stdlib() -> &'static StdlibFunction {
        static STDLIB: StdlibFunction = StdlibFunction::new(c"all");
        &STDLIB
    }
}

/// Builds the types of `all` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<AllFold>(py)?;
    ALL.add_to(module, public_module)
}
