//! `combinations(iterable, r)`: r-length subsequences of the items, from sync or async iterables collected first.

use super::combinatoric::Combinatorial;
use super::combinatoric::{entry, Combinatoric};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static COMBINATIONS: BuiltinFunction = BuiltinFunction::new(
    c"combinations",
    combinations,
    c"combinations(iterable, r)\n--\n\n\
Return an async iterator of the r-length subsequences of the items of a sync or async \
iterable (consumed first), as itertools.combinations() gives them.",
);

vectorcall!(combinations, |args, nargs, kwnames| {
    entry::<Combinations>(args, nargs, kwnames)
});

pub struct Combinations;

native_type!(
    Combinations,
    c"asyncitertools.itertools.combinations",
    c"Async iterator of r-length subsequences of the items."
);

impl Combinatoric for Combinations {
    fn stdlib() -> &'static StdlibFunction {
        static FUNCTION: StdlibFunction = StdlibFunction::in_module(c"itertools", c"combinations");
        &FUNCTION
    }
    const VARIADIC: bool = false;
    const R_AFTER_POOL: bool = false;
}

/// Builds the types of `combinations` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Combinatorial<Combinations>>(py)?;
    COMBINATIONS.add_to(module, public_module)
}
