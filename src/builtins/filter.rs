//! `filter(function, iterable, /)`: the items for which `function` (sync or async; `None`
//! for the item's own truth) is true.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::iterator::new_iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::select::{predicate_or_truth, Rule, Select, Verdict};
use crate::machinery::source::Source;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static FILTER: BuiltinFunction = BuiltinFunction::new(
    c"filter",
    filter,
    c"filter(function, iterable, /)\n--\n\n\
Return an async iterator of the items of iterable for which function(item) is true. The \
function may be sync or async; if it is None, the items that are true are kept.",
);

vectorcall!(filter, |args, nargs, kwnames| {
    if !no_keywords(c"filter", kwnames) || !check_positional(c"filter", nargs, 2, 2) {
        return null_mut();
    }
    let Some(source) = Source::new(*args.add(1)) else {
        return null_mut();
    };
    new_iterator(Filter::new(predicate_or_truth(*args), source))
});

/// The rule of `filter()`: the items whose verdict is true.
pub struct Keep;

native_type!(
    Keep,
    c"asyncitertools.filter",
    c"Async iterator of the items a predicate accepts."
);

impl Rule for Keep {
    const ON_TRUE: Verdict = Verdict::Keep;
    const ON_FALSE: Verdict = Verdict::Drop;
}

/// The async iterator of `filter()`.
pub type Filter = Select<Keep>;

/// Builds the types of `filter` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Filter>(py)?;
    FILTER.add_to(module, public_module)
}
