//! `zip(*iterables, strict=False)`: tuples of one item from each sync or async iterable.

use crate::machinery::args::{flag, keyword_only};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::gather::{Gather, GatherIterator, Gathered};
use crate::machinery::iterator;
use crate::machinery::iterator::new_iterator;
use crate::machinery::native_type::native_type;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static ZIP: BuiltinFunction = BuiltinFunction::new(
    c"zip",
    zip,
    c"zip(*iterables, strict=False)\n--\n\n\
Return an async iterator of tuples, the i-th item of each from the i-th iterable, until the \
shortest is exhausted.\n\n\
If strict is true and one of the iterables is exhausted before the others, raise a ValueError.",
);

vectorcall!(zip, |args, nargs, kwnames| {
    let Some([strict]) = keyword_only(c"zip", [c"strict"], args, nargs, kwnames) else {
        return null_mut();
    };
    let Some(strict) = flag(strict) else {
        return null_mut();
    };
    let iterables = std::slice::from_raw_parts(args, nargs as usize);
    let Some(gather) = Gather::new(c"zip", iterables, strict) else {
        return null_mut();
    };
    new_iterator(Zip::new(gather))
});

/// The async iterator of `zip()`.
pub type Zip = GatherIterator<ZipKind>;

pub struct ZipKind;

native_type!(
    ZipKind,
    c"asyncitertools.zip",
    c"Async iterator of tuples of one item from each iterable."
);

impl Gathered for ZipKind {}

/// Builds the types of `zip` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Zip>(py)?;
    ZIP.add_to(module, public_module)
}
