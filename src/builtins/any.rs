//! `any(iterable, /)`: awaitable; stops at the first item that decides, closing the source.

use super::truth::{entry, Decide, Truth};
use crate::machinery::awaitable::TypeCell;
use crate::machinery::function::BuiltinFunction;
use crate::machinery::panic::guard;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;
use std::ffi::CStr;
use std::ptr::null_mut;

pub static ANY: BuiltinFunction = BuiltinFunction::new(
    c"any",
    any,
    c"any($module, iterable, /)\n--\n\nReturn True if any item of the iterable is true (False if it is empty). Awaitable.",
);

unsafe extern "C" fn any(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: vectorcall convention, GIL held.
    guard(null_mut(), || unsafe { entry::<Any>(args, nargs, kwnames) })
}

/// The fold of `any()` is [`Truth`] decided by a true item.
pub type AnyFold = Truth<Any>;

pub struct Any;

impl Decide for Any {
    const DECISIVE: bool = true;
    const NAME: &'static CStr = c"any";
    const QUALIFIED_NAME: &'static CStr = c"asyncitertools.any";
    const DOC: &'static CStr = c"The awaitable of any().";
    fn stdlib() -> &'static StdlibFunction {
        static STDLIB: StdlibFunction = StdlibFunction::new(c"any");
        &STDLIB
    }
    fn cell() -> &'static TypeCell {
        static CELL: TypeCell = TypeCell::new();
        &CELL
    }
}
