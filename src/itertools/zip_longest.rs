//! `zip_longest(*iterables, fillvalue=None)`: tuples of one item from each sync or async
//! iterable, `fillvalue` for those exhausted, until all are exhausted. The sources are pulled
//! in the stdlib's order (argument order, exhausted ones never again) and, as `zip`'s, all
//! closed when the iterator ends.

use crate::machinery::args::keyword_count;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::gather::{Gather, GatherIterator, Gathered};
use crate::machinery::iterator;
use crate::machinery::iterator::new_iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static ZIP_LONGEST: BuiltinFunction = BuiltinFunction::new(
    c"zip_longest",
    zip_longest,
    c"zip_longest(*iterables, fillvalue=None)\n--\n\n\
Return an async iterator of tuples, the i-th item of each from the i-th iterable (sync or \
async), with fillvalue for the iterables already exhausted, until all are exhausted.",
);

vectorcall!(zip_longest, |args, nargs, kwnames| {
    // The stdlib's own check and message (no keyword name in it, in 3.10-3.13).
    let mut fillvalue = ffi::Py_None();
    match keyword_count(kwnames) {
        0 => {}
        1 if ffi::PyUnicode_CompareWithASCIIString(
            ffi::PyTuple_GET_ITEM(kwnames, 0),
            c"fillvalue".as_ptr(),
        ) == 0 =>
        {
            fillvalue = *args.add(nargs as usize);
        }
        _ => {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"zip_longest() got an unexpected keyword argument".as_ptr(),
            );
            return null_mut();
        }
    }
    let iterables = std::slice::from_raw_parts(args, nargs as usize);
    let Some(gather) = Gather::longest(c"zip_longest", iterables, Obj::from_borrowed(fillvalue))
    else {
        return null_mut();
    };
    new_iterator(ZipLongest::new(gather))
});

/// The async iterator of `zip_longest()`.
pub type ZipLongest = GatherIterator<ZipLongestKind>;

pub struct ZipLongestKind;

native_type!(
    ZipLongestKind,
    c"asyncitertools.itertools.zip_longest",
    c"Async iterator of tuples until the longest iterable is exhausted."
);

impl Gathered for ZipLongestKind {}

/// Builds the types of `zip_longest` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<ZipLongest>(py)?;
    ZIP_LONGEST.add_to(module, public_module)
}
