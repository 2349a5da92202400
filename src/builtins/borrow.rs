//! `borrow(iterator, /)`: an async iterator over `iterator` that never closes it.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::function::BuiltinFunction;
use crate::machinery::iterator;
use crate::machinery::iterator::new_iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::panic::guard;
use crate::machinery::relay::{Relay, RelayKind};
use crate::machinery::source::Source;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static BORROW: BuiltinFunction = BuiltinFunction::new(
    c"borrow",
    borrow,
    c"borrow($module, iterator, /)\n--\n\n\
Return an async iterator over iterator (async or sync) that does not close it: the functions \
of this package given the borrowed iterator leave the real one open, to be continued.",
);

unsafe extern "C" fn borrow(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: vectorcall convention, GIL held.
        unsafe {
            if !no_keywords(c"borrow", kwnames) || !check_positional(c"borrow", nargs, 1, 1) {
                return null_mut();
            }
            match Source::borrowed(*args) {
                Some(source) => new_iterator(Relay::<Borrowed>::new(source)),
                None => null_mut(),
            }
        }
    })
}

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
