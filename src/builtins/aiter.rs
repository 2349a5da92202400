//! `aiter(async_iterable, /)`: exactly the builtin.

use crate::machinery::function::{positional_only, BuiltinFunction};
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static AITER: BuiltinFunction = BuiltinFunction::new(
    c"aiter",
    aiter,
    c"aiter($module, async_iterable, /)\n--\n\nReturn an AsyncIterator for an AsyncIterable object.",
);

unsafe extern "C" fn aiter(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    positional_only(c"aiter", kwnames, || {
        // SAFETY: vectorcall convention: GIL held, `args` holds `nargs` live objects.
        unsafe {
            if nargs != 1 {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"aiter() takes exactly one argument (%zd given)".as_ptr(),
                    nargs,
                );
                return null_mut();
            }
            // The C API function behind the builtin: the type's am_aiter slot, its checks
            // and its messages, on every version.
            ffi::PyObject_GetAIter(*args)
        }
    })
}

/// Builds the types of `aiter` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    AITER.add_to(module, public_module)
}
