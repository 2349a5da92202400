//! `combinations_with_replacement(iterable, r)`: r-length subsequences of the items, each item repeatable, from sync or async iterables collected first.

use super::combinatoric::Combinatorial;
use super::combinatoric::{entry, Combinatoric};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static COMBINATIONS_WITH_REPLACEMENT: BuiltinFunction = BuiltinFunction::new(
    c"combinations_with_replacement",
    combinations_with_replacement,
    c"combinations_with_replacement(iterable, r)\n--\n\n\
Return an async iterator of the r-length subsequences of the items of a sync or async \
iterable (consumed first) that allow items to repeat, as \
itertools.combinations_with_replacement() gives them.",
);

vectorcall!(combinations_with_replacement, |args, nargs, kwnames| {
    entry::<CombinationsWithReplacement>(args, nargs, kwnames)
});

pub struct CombinationsWithReplacement;

native_type!(
    CombinationsWithReplacement,
    c"asyncitertools.itertools.combinations_with_replacement",
    c"Async iterator of r-length subsequences of the items, each item repeatable."
);

impl Combinatoric for CombinationsWithReplacement {
    fn stdlib() -> &'static StdlibFunction {
        static FUNCTION: StdlibFunction =
            StdlibFunction::in_module(c"itertools", c"combinations_with_replacement");
        &FUNCTION
    }
    const VARIADIC: bool = false;
    const R_AFTER_POOL: bool = false;
}

/// Builds the types of `combinations_with_replacement` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Combinatorial<CombinationsWithReplacement>>(py)?;
    COMBINATIONS_WITH_REPLACEMENT.add_to(module, public_module)
}
