//! `tuple(iterable=(), /)`: awaitable; the items of a sync or async iterable as a tuple.

use super::collect::{entry, Collection};
use crate::machinery::awaitable::TypeCell;
use crate::machinery::function::BuiltinFunction;
use crate::machinery::object::Obj;
use crate::machinery::panic::guard;
use pyo3::ffi;
use std::ffi::{c_int, CStr};
use std::ptr::null_mut;

pub static TUPLE: BuiltinFunction = BuiltinFunction::new(
    c"tuple",
    tuple,
    c"tuple($module, iterable=(), /)\n--\n\nReturn a tuple of the items of a sync or async iterable. Awaitable.",
);

unsafe extern "C" fn tuple(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: vectorcall convention, GIL held.
    guard(null_mut(), || unsafe {
        entry::<TupleOf>(args, nargs, kwnames)
    })
}

pub struct TupleOf;

impl Collection for TupleOf {
    const NAME: &'static CStr = c"tuple";
    const QUALIFIED_NAME: &'static CStr = c"asyncitertools.tuple";
    const DOC: &'static CStr = c"The awaitable of tuple().";
    fn cell() -> &'static TypeCell {
        static CELL: TypeCell = TypeCell::new();
        &CELL
    }
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
