//! The completion value of an iterator step, carried by `StopIteration`.
//!
//! These are this crate's versions of CPython's private `_PyGen_SetStopIterationValue` and
//! `_PyGen_FetchStopIterationValue` (private symbols are not part of the stable surface an
//! extension may link against).

use super::object::Obj;
use super::step::Poll;
use pyo3::ffi;

/// Raises `StopIteration` carrying `value`, as `return value` in a generator does.
///
/// A tuple or an exception instance is wrapped in an explicit `StopIteration(value)` instance:
/// given bare, CPython would unpack the tuple into the exception's arguments or take the
/// exception instance for the exception itself (the cause of CPython's gh-128078).
///
/// # Safety
/// The GIL is held and `value` is a live object.
pub unsafe fn raise_stop_iteration(value: &Obj) {
    let value = value.as_ptr();
    // SAFETY: GIL held; `value` alive (caller's contract).
    unsafe {
        let stop_iteration = ffi::PyExc_StopIteration;
        if ffi::PyTuple_Check(value) == 0 && ffi::PyExceptionInstance_Check(value) == 0 {
            ffi::PyErr_SetObject(stop_iteration, value);
            return;
        }
        let instance = ffi::PyObject_CallOneArg(stop_iteration, value);
        if instance.is_null() {
            return; // the failed call's exception is set
        }
        ffi::PyErr_SetObject(stop_iteration, instance);
        ffi::Py_DECREF(instance);
    }
}

/// Raises `StopIteration` carrying `value` as an item or default is delivered: as CPython's
/// `_PyGen_SetStopIterationValue` does for an async generator's `asend()` and for
/// `anext_awaitable`, which since 3.12.9 and 3.13.2 carries `None` too (`StopIteration(None)`,
/// args `(None,)`), where a coroutine returning `None` raises a bare `StopIteration()`.
///
/// # Safety
/// The GIL is held and `value` is a live object.
pub unsafe fn raise_stop_iteration_item(value: &Obj) {
    // SAFETY: GIL held; `value` alive (caller's contract).
    unsafe {
        if ffi::Py_IsNone(value.as_ptr()) == 0 || !super::version::stop_iteration_keeps_none() {
            raise_stop_iteration(value);
            return;
        }
        let stop_iteration = ffi::PyExc_StopIteration;
        let instance = ffi::PyObject_CallOneArg(stop_iteration, value.as_ptr());
        if instance.is_null() {
            return; // the failed call's exception is set
        }
        ffi::PyErr_SetObject(stop_iteration, instance);
        ffi::Py_DECREF(instance);
    }
}

/// Whether the current exception is an instance of `kind`. The exact type is compared first:
/// on a step's hot path the exception is almost always exactly `StopIteration`, and the
/// subclass check walks the MRO.
///
/// # Safety
/// The GIL is held.
#[inline]
pub unsafe fn raised(kind: *mut ffi::PyObject) -> bool {
    // SAFETY: GIL held (caller's contract).
    unsafe {
        let current = ffi::PyErr_Occurred();
        current == kind
            || (!current.is_null() && ffi::PyErr_GivenExceptionMatches(current, kind) != 0)
    }
}

/// If the current exception is `StopIteration`, clears it and returns its value (`None` when
/// it carries none). Otherwise leaves the exception set and returns `None`.
///
/// # Safety
/// The GIL is held and an exception is set.
pub unsafe fn take_stop_iteration_value() -> Option<Obj> {
    // SAFETY: GIL held (caller's contract).
    unsafe {
        if !raised(ffi::PyExc_StopIteration) {
            return None;
        }
        fetch_stop_iteration_value()
    }
}

/// Clears the current `StopIteration` and returns its value.
///
/// # Safety
/// The GIL is held and the current exception is a `StopIteration` (or subclass).
#[cfg(Py_3_12)]
unsafe fn fetch_stop_iteration_value() -> Option<Obj> {
    // SAFETY: GIL held; since 3.12 the raised exception is always a normalized instance, so a
    // matching one is a PyStopIterationObject and its `value` field is a valid reference.
    unsafe {
        let exception = ffi::PyErr_GetRaisedException();
        let value = (*(exception as *mut ffi::PyStopIterationObject)).value;
        let value = if value.is_null() {
            Obj::none()
        } else {
            Obj::from_borrowed(value)
        };
        ffi::Py_DECREF(exception);
        Some(value)
    }
}

/// Clears the current `StopIteration` and returns its value; `None` if normalizing the
/// exception raised another one (left set), as CPython's own fetch does.
///
/// # Safety
/// The GIL is held and the current exception is a `StopIteration` (or subclass).
#[cfg(not(Py_3_12))]
#[allow(deprecated)] // PyErr_Fetch is the API of these versions
unsafe fn fetch_stop_iteration_value() -> Option<Obj> {
    use std::ptr::null_mut;
    // SAFETY: GIL held. Before 3.12 the exception may be unnormalized: `value` is then the
    // raw argument. A non-tuple raw argument of exactly StopIteration is the value itself
    // (CPython's own shortcut); anything else is normalized first.
    unsafe {
        let (mut kind, mut value, mut traceback) = (null_mut(), null_mut(), null_mut());
        ffi::PyErr_Fetch(&mut kind, &mut value, &mut traceback);
        let stop_iteration = ffi::PyExc_StopIteration;
        let result = if value.is_null() {
            Obj::none()
        } else if ffi::PyObject_TypeCheck(value, kind as *mut ffi::PyTypeObject) != 0 {
            stop_value_field(value)
        } else if kind == stop_iteration && ffi::PyTuple_Check(value) == 0 {
            Obj::from_borrowed(value)
        } else {
            ffi::PyErr_NormalizeException(&mut kind, &mut value, &mut traceback);
            let stop_type = stop_iteration as *mut ffi::PyTypeObject;
            if ffi::PyObject_TypeCheck(value, stop_type) == 0 {
                // The subclass's constructor raised: that exception is the outcome.
                ffi::PyErr_Restore(kind, value, traceback);
                return None;
            }
            stop_value_field(value)
        };
        ffi::Py_XDECREF(kind);
        ffi::Py_XDECREF(value);
        ffi::Py_XDECREF(traceback);
        Some(result)
    }
}

/// The `value` field of a `StopIteration` instance.
///
/// # Safety
/// `instance` is a live StopIteration instance and the GIL is held.
#[cfg(not(Py_3_12))]
unsafe fn stop_value_field(instance: *mut ffi::PyObject) -> Obj {
    // SAFETY: caller's contract: the object's layout is PyStopIterationObject.
    unsafe {
        let value = (*(instance as *mut ffi::PyStopIterationObject)).value;
        if value.is_null() {
            Obj::none()
        } else {
            Obj::from_borrowed(value)
        }
    }
}

/// A step of ours never completes by raising: a `StopIteration` coming out of one was raised
/// by user code it called (a callable, `__bool__`, `__add__`, ...), and would be taken for
/// the step's completion. As in a generator (PEP 479) it becomes a `RuntimeError` whose
/// cause is the `StopIteration`.
///
/// # Safety
/// GIL held; for `Raised`, an exception is set.
#[inline]
pub unsafe fn forbid_stop_iteration(poll: Poll, name: &std::ffi::CStr) -> Poll {
    // SAFETY: caller's contract.
    unsafe {
        if !matches!(poll, Poll::Raised) || !raised(ffi::PyExc_StopIteration) {
            return poll;
        }
        let stop = super::exception::take();
        ffi::PyErr_Format(
            ffi::PyExc_RuntimeError,
            c"%s() step raised StopIteration".as_ptr(),
            name.as_ptr(),
        );
        let error = super::exception::take();
        ffi::PyException_SetCause(error.as_ptr(), stop.clone().into_ptr());
        ffi::PyException_SetContext(error.as_ptr(), stop.into_ptr());
        super::exception::restore(error);
        Poll::Raised
    }
}

/// Completion read out of a raised `StopIteration`, for drivers that need the value.
impl Poll {
    /// Turns a raised `StopIteration` into `Return` (for callers that need the value).
    ///
    /// # Safety
    /// The GIL is held.
    #[inline]
    pub unsafe fn settle(self) -> Poll {
        match self {
            // SAFETY: GIL held (caller's contract); `Raised` means an exception is set.
            Poll::Raised => match unsafe { take_stop_iteration_value() } {
                Some(value) => Poll::Return(value),
                None => Poll::Raised,
            },
            other => other,
        }
    }
}
