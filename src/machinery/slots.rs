//! Reading a type's async slots (`tp_as_async`), as CPython's own lookups do: on the type,
//! never on the instance (a Python class's `__anext__` fills the slot with a wrapper).

use pyo3::ffi;

/// The async slot table of `obj`'s type, if it has one.
///
/// # Safety
/// `obj` is a live object and the GIL is held. The table lives as long as the type, which
/// outlives the object; the caller must not keep the reference past the object.
#[inline]
pub unsafe fn async_methods<'a>(obj: *mut ffi::PyObject) -> Option<&'a ffi::PyAsyncMethods> {
    // SAFETY: caller's contract; a non-null tp_as_async points to the type's table.
    unsafe { (*ffi::Py_TYPE(obj)).tp_as_async.as_ref() }
}

/// The `tp_name` of `obj`'s type, for CPython-style messages (`'%.200s' object ...`).
///
/// # Safety
/// As for [`async_methods`].
#[inline]
pub unsafe fn type_name(obj: *mut ffi::PyObject) -> *const std::ffi::c_char {
    // SAFETY: caller's contract.
    unsafe { (*ffi::Py_TYPE(obj)).tp_name }
}
