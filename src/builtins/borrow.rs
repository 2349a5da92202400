//! `borrow(iterator, /)`: an async iterator over `iterator` that never closes it.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::iterator::new_iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::relay::{Relay, RelayKind};
use crate::machinery::source::Source;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static BORROW: BuiltinFunction = BuiltinFunction::new(
    c"borrow",
    borrow,
    c"borrow($module, iterator, /)\n--\n\n\
Return an async iterator over iterator (async or sync) that does not close it: the functions \
of this package given the borrowed iterator leave the real one open, to be continued.",
);

vectorcall!(borrow, |args, nargs, kwnames| {
    if !no_keywords(c"borrow", kwnames) || !check_positional(c"borrow", nargs, 1, 1) {
        return null_mut();
    }
    match Source::borrowed(*args) {
        Some(source) => new_iterator(Relay::<Borrowed>::new(source)),
        None => null_mut(),
    }
});

/// The async iterator of `borrow()`.
pub struct Borrowed;

native_type!(
    Borrowed,
    c"asyncitertools.borrow",
    c"Async iterator over an iterator that it does not close."
);

impl RelayKind for Borrowed {
    const OWNS: bool = false;
}

/// Builds the types of `borrow` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Relay<Borrowed>>(py)?;
    BORROW.add_to(module, public_module)
}
