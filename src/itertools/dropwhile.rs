//! `dropwhile(predicate, iterable, /)`: the items of `iterable` from the first one for which
//! `predicate` (sync or async) is false.

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

pub static DROPWHILE: BuiltinFunction = BuiltinFunction::new(
    c"dropwhile",
    dropwhile,
    c"dropwhile(predicate, iterable, /)\n--\n\n\
Return an async iterator that drops the items of iterable while predicate(item) is true, then \
gives every remaining item (the predicate is not called again). The predicate may be sync or \
async: an awaitable result is awaited.",
);

vectorcall!(dropwhile, |args, nargs, kwnames| {
    if !no_keywords(c"dropwhile", kwnames) || !check_positional(c"dropwhile", nargs, 2, 2) {
        return null_mut();
    }
    let Some(source) = Source::new(*args.add(1)) else {
        return null_mut();
    };
    new_iterator(Select::<DropWhile>::new(
        Some(Callable::new(Obj::from_borrowed(*args))),
        source,
    ))
});

/// The rule of `dropwhile()`.
pub struct DropWhile;

native_type!(
    DropWhile,
    c"asyncitertools.itertools.dropwhile",
    c"Async iterator of the items after a predicate first fails."
);

impl Rule for DropWhile {
    const ON_TRUE: Verdict = Verdict::Drop;
    const ON_FALSE: Verdict = Verdict::Open;
}

/// Builds the types of `dropwhile` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Select<DropWhile>>(py)?;
    DROPWHILE.add_to(module, public_module)
}
