//! `permutations(iterable, r=None)`: successive r-length permutations of the items, from sync or async iterables collected first.

use super::combinatoric::Combinatorial;
use super::combinatoric::{entry, Combinatoric};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static PERMUTATIONS: BuiltinFunction = BuiltinFunction::new(
    c"permutations",
    permutations,
    c"permutations(iterable, r=None)\n--\n\n\
Return an async iterator of successive r-length permutations of the items of a sync or \
async iterable (consumed first), as itertools.permutations() gives them.\n\n\
r defaults to the number of items.",
);

vectorcall!(permutations, |args, nargs, kwnames| {
    entry::<Permutations>(args, nargs, kwnames)
});

pub struct Permutations;

native_type!(
    Permutations,
    c"asyncitertools.itertools.permutations",
    c"Async iterator of successive r-length permutations of the items."
);

impl Combinatoric for Permutations {
    fn stdlib() -> &'static StdlibFunction {
        static FUNCTION: StdlibFunction = StdlibFunction::in_module(c"itertools", c"permutations");
        &FUNCTION
    }
    const VARIADIC: bool = false;
    const R_AFTER_POOL: bool = true;
}

/// Builds the types of `permutations` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Combinatorial<Permutations>>(py)?;
    PERMUTATIONS.add_to(module, public_module)
}
