//! `takewhile(predicate, iterable, /)`: the items of `iterable` up to the first one for which
//! `predicate` (sync or async) is false; that item is consumed, not given, and the iteration
//! ends there (owned sources closed).

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::call::Callable;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::iterator::new_iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::select::{Rule, Select, Verdict};
use crate::machinery::source::Source;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static TAKEWHILE: BuiltinFunction = BuiltinFunction::new(
    c"takewhile",
    takewhile,
    c"takewhile(predicate, iterable, /)\n--\n\n\
Return an async iterator of the items of iterable as long as predicate(item) is true; the \
first item for which it is false ends the iteration and is not given. The predicate may be \
sync or async: an awaitable result is awaited.",
);

vectorcall!(takewhile, |args, nargs, kwnames| {
    if !no_keywords(c"takewhile", kwnames) || !check_positional(c"takewhile", nargs, 2, 2) {
        return null_mut();
    }
    let Some(source) = Source::new(*args.add(1)) else {
        return null_mut();
    };
    new_iterator(Select::<TakeWhile>::new(
        Some(Callable::new(Obj::from_borrowed(*args))),
        source,
    ))
});

/// The rule of `takewhile()`.
pub struct TakeWhile;

native_type!(
    TakeWhile,
    c"asyncitertools.itertools.takewhile",
    c"Async iterator of the items before a predicate first fails."
);

impl Rule for TakeWhile {
    const ON_TRUE: Verdict = Verdict::Keep;
    const ON_FALSE: Verdict = Verdict::Stop;
}

/// Builds the types of `takewhile` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Select<TakeWhile>>(py)?;
    TAKEWHILE.add_to(module, public_module)
}
