//! `tuple(iterable=(), /)`: awaitable; the items of a sync or async iterable as a tuple.

use super::collect::{entry, Collect, Collection};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::reduce;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::c_int;

pub static TUPLE: BuiltinFunction = BuiltinFunction::new(
    c"tuple",
    tuple,
    c"tuple($module, iterable=(), /)\n--\n\nReturn a tuple of the items of a sync or async iterable. Awaitable.",
);

vectorcall!(tuple, |args, nargs, kwnames| {
    entry::<TupleOf>(args, nargs, kwnames)
});

pub struct TupleOf;

native_type!(
    TupleOf,
    c"asyncitertools.tuple_awaitable",
    function: c"tuple",
    c"The awaitable of tuple()."
);

impl Collection for TupleOf {
    unsafe fn empty() -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe { ffi::PyList_New(0) }
    }
    unsafe fn add(container: *mut ffi::PyObject, item: *mut ffi::PyObject) -> c_int {
        // SAFETY: GIL held, container made by `empty` (trait contract).
        unsafe { ffi::PyList_Append(container, item) }
    }
    unsafe fn result(container: Obj) -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe { ffi::PyList_AsTuple(container.as_ptr()) }
    }
    unsafe fn from_iterator(iterator: *mut ffi::PyObject) -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe { ffi::PySequence_Tuple(iterator) }
    }
}

/// Builds the types of `tuple` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Collect<TupleOf>>(py)?;
    TUPLE.add_to(module, public_module)
}
