//! `set(iterable=(), /)`: awaitable; the items of a sync or async iterable as a set.

use super::collect::{entry, Collect, Collection};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::reduce;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::c_int;
use std::ptr::null_mut;

pub static SET: BuiltinFunction = BuiltinFunction::new(
    c"set",
    set,
    c"set($module, iterable=(), /)\n--\n\nReturn a set of the items of a sync or async iterable. Awaitable.",
);

vectorcall!(set, |args, nargs, kwnames| {
    entry::<SetOf>(args, nargs, kwnames)
});

pub struct SetOf;

native_type!(SetOf, c"asyncitertools.set_awaitable",
    function: c"set", c"The awaitable of set().");

impl Collection for SetOf {
    unsafe fn empty() -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe { ffi::PySet_New(null_mut()) }
    }
    unsafe fn add(container: *mut ffi::PyObject, item: *mut ffi::PyObject) -> c_int {
        // SAFETY: GIL held, container made by `empty` (trait contract).
        unsafe { ffi::PySet_Add(container, item) }
    }
    unsafe fn result(container: Obj) -> *mut ffi::PyObject {
        container.into_ptr()
    }
    unsafe fn from_iterator(iterator: *mut ffi::PyObject) -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe { ffi::PySet_New(iterator) }
    }
}

/// Builds the types of `set` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Collect<SetOf>>(py)?;
    SET.add_to(module, public_module)
}
