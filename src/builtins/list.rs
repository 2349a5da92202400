//! `list(iterable=(), /)`: awaitable; the items of a sync or async iterable as a list.

use super::collect::{entry, Collect, Collection};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::reduce;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::c_int;

pub static LIST: BuiltinFunction = BuiltinFunction::new(
    c"list",
    list,
    c"list($module, iterable=(), /)\n--\n\nReturn a list of the items of a sync or async iterable. Awaitable.",
);

vectorcall!(list, |args, nargs, kwnames| {
    entry::<ListOf>(args, nargs, kwnames)
});

pub struct ListOf;

native_type!(ListOf, c"asyncitertools.list_awaitable",
    function: c"list", c"The awaitable of list().");

impl Collection for ListOf {
    unsafe fn empty() -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe { ffi::PyList_New(0) }
    }
    unsafe fn add(container: *mut ffi::PyObject, item: *mut ffi::PyObject) -> c_int {
        // SAFETY: GIL held, container made by `empty` (trait contract).
        unsafe { ffi::PyList_Append(container, item) }
    }
    unsafe fn result(container: Obj) -> *mut ffi::PyObject {
        container.into_ptr()
    }
    unsafe fn from_iterator(iterator: *mut ffi::PyObject) -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe { ffi::PySequence_List(iterator) }
    }
}

/// Builds the types of `list` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Collect<ListOf>>(py)?;
    LIST.add_to(module, public_module)
}
