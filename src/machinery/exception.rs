//! Holding an exception while something else runs (closing sources before re-raising it),
//! and raising what a `throw()` asks for when nothing is in flight to receive it.

use super::object::Obj;
use pyo3::ffi;

/// Takes the current exception, clearing it: a normalized instance with its traceback.
///
/// # Safety
/// The GIL is held and an exception is set.
pub unsafe fn take() -> Obj {
    // SAFETY: GIL held, exception set (caller's contract).
    unsafe { take_impl() }
}

#[cfg(Py_3_12)]
unsafe fn take_impl() -> Obj {
    // SAFETY: GIL held, exception set: the result is a new reference to the instance.
    unsafe { Obj::from_owned(ffi::PyErr_GetRaisedException()).expect("an exception is set") }
}

#[cfg(not(Py_3_12))]
#[allow(deprecated)] // PyErr_Fetch is the API of these versions
unsafe fn take_impl() -> Obj {
    use std::ptr::null_mut;
    // SAFETY: GIL held, exception set. After normalization `value` is an instance; the
    // traceback is stored on it so that restoring the instance alone loses nothing.
    unsafe {
        let (mut kind, mut value, mut traceback) = (null_mut(), null_mut(), null_mut());
        ffi::PyErr_Fetch(&mut kind, &mut value, &mut traceback);
        ffi::PyErr_NormalizeException(&mut kind, &mut value, &mut traceback);
        if !traceback.is_null() {
            ffi::PyException_SetTraceback(value, traceback);
        }
        ffi::Py_XDECREF(kind);
        ffi::Py_XDECREF(traceback);
        Obj::from_owned(value).expect("a normalized exception has a value")
    }
}

/// Raises `exception` (an instance from [`take`]) again.
///
/// # Safety
/// The GIL is held.
pub unsafe fn restore(exception: Obj) {
    // SAFETY: GIL held; PyErr_SetObject with an instance of the type raises that instance
    // (its traceback travels on it).
    unsafe {
        let instance = exception.as_ptr();
        ffi::PyErr_SetObject(ffi::Py_TYPE(instance) as *mut ffi::PyObject, instance);
    }
}

/// Raises what `throw(*args)` asks for, as a generator that has not started does: the
/// exception is raised without running anything.
///
/// # Safety
/// The GIL is held and `args` is a live tuple.
pub unsafe fn raise_thrown(args: *mut ffi::PyObject) {
    // SAFETY: GIL held, `args` a live tuple (caller's contract).
    unsafe {
        let count = ffi::PyTuple_GET_SIZE(args);
        if count == 0 {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"throw expected at least 1 argument, got 0".as_ptr(),
            );
            return;
        }
        let kind = ffi::PyTuple_GET_ITEM(args, 0);
        let value = if count > 1 {
            ffi::PyTuple_GET_ITEM(args, 1)
        } else {
            ffi::Py_None()
        };
        if ffi::PyExceptionInstance_Check(kind) != 0 {
            if ffi::Py_IsNone(value) == 0 {
                ffi::PyErr_SetString(
                    ffi::PyExc_TypeError,
                    c"instance exception may not have a separate value".as_ptr(),
                );
                return;
            }
            ffi::PyErr_SetObject(ffi::Py_TYPE(kind) as *mut ffi::PyObject, kind);
        } else if ffi::PyExceptionClass_Check(kind) != 0 {
            ffi::PyErr_SetObject(kind, value);
        } else {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"exceptions must be classes or instances deriving from BaseException, not %s"
                    .as_ptr(),
                (*ffi::Py_TYPE(kind)).tp_name,
            );
        }
    }
}
