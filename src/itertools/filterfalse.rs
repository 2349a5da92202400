//! `filterfalse(predicate, iterable, /)`: the items for which `predicate` (sync or async;
//! `None` for the item's own truth) is false.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::iterator::new_iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::select::{predicate_or_truth, Rule, Select, Verdict};
use crate::machinery::source::Source;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static FILTERFALSE: BuiltinFunction = BuiltinFunction::new(
    c"filterfalse",
    filterfalse,
    c"filterfalse(predicate, iterable, /)\n--\n\n\
Return an async iterator of the items of iterable for which predicate(item) is false. The \
predicate may be sync or async; if it is None, the items that are false are kept.",
);

vectorcall!(filterfalse, |args, nargs, kwnames| {
    if !no_keywords(c"filterfalse", kwnames) || !check_positional(c"filterfalse", nargs, 2, 2) {
        return null_mut();
    }
    let Some(source) = Source::new(*args.add(1)) else {
        return null_mut();
    };
    new_iterator(Select::<FilterFalse>::new(
        predicate_or_truth(*args),
        source,
    ))
});

/// The rule of `filterfalse()`.
pub struct FilterFalse;

native_type!(
    FilterFalse,
    c"asyncitertools.itertools.filterfalse",
    c"Async iterator of the items a predicate rejects."
);

impl Rule for FilterFalse {
    const ON_TRUE: Verdict = Verdict::Drop;
    const ON_FALSE: Verdict = Verdict::Keep;
}

/// Builds the types of `filterfalse` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Select<FilterFalse>>(py)?;
    FILTERFALSE.add_to(module, public_module)
}
