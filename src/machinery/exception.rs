//! The package's error vocabulary: holding an exception while something else runs (closing
//! sources before re-raising it), raising what a `throw()` asks for when nothing is in flight
//! to receive it, and the errors every machine shares ([`exhausted`], [`cleared`]), each
//! returned as the failure of whatever the caller returns ([`Failure`]).

use super::object::Obj;
use super::step::Poll;
use pyo3::ffi;
use std::ffi::CStr;
use std::ptr::null_mut;

/// What a failed step returns (with an exception set), in each result type of the machinery.
pub trait Failure {
    fn failure() -> Self;
}

impl Failure for Poll {
    #[inline]
    fn failure() -> Poll {
        Poll::Raised
    }
}

impl<T> Failure for Option<T> {
    #[inline]
    fn failure() -> Option<T> {
        None
    }
}

impl Failure for *mut ffi::PyObject {
    #[inline]
    fn failure() -> *mut ffi::PyObject {
        null_mut()
    }
}

/// `false`: the check failed, with an exception set.
impl Failure for bool {
    #[inline]
    fn failure() -> bool {
        false
    }
}

impl Failure for () {
    #[inline]
    fn failure() {}
}

/// Raises `StopAsyncIteration`: the iterator is exhausted.
///
/// # Safety
/// The GIL is held.
#[inline]
pub unsafe fn exhausted<T: Failure>() -> T {
    // SAFETY: GIL held (caller's contract).
    unsafe { ffi::PyErr_SetNone(ffi::PyExc_StopAsyncIteration) };
    T::failure()
}

/// Raises `RuntimeError: <what> cleared by the garbage collector`: a step of an object whose
/// references the garbage collector dropped (`tp_clear`) while something still used it (a
/// finalizer of an object in the same garbage cycle).
///
/// # Safety
/// The GIL is held.
#[cold]
pub unsafe fn cleared<T: Failure>(what: &CStr) -> T {
    // SAFETY: GIL held (caller's contract); `what` is a C string.
    unsafe {
        ffi::PyErr_Format(
            ffi::PyExc_RuntimeError,
            c"%s cleared by the garbage collector".as_ptr(),
            what.as_ptr(),
        );
    }
    T::failure()
}

/// Takes the current exception, clearing it: a normalized instance with its traceback.
///
/// # Safety
/// The GIL is held and an exception is set.
pub unsafe fn take() -> Obj {
    // SAFETY: GIL held, exception set (caller's contract).
    unsafe { take_impl() }
}

/// Takes the current exception if one is set (see [`take`]).
///
/// # Safety
/// The GIL is held.
pub unsafe fn take_pending() -> Option<Obj> {
    // SAFETY: GIL held (caller's contract).
    unsafe { (!ffi::PyErr_Occurred().is_null()).then(|| take()) }
}

/// Runs `body` with the current exception (if any) put aside and raised again after it: for
/// work done on the way out of a failure (closing, waking) that must not see or lose it.
///
/// # Safety
/// The GIL is held; `body` leaves no exception set (it reports its own failures, as with
/// `PyErr_WriteUnraisable`).
pub unsafe fn keeping_current<R>(body: impl FnOnce() -> R) -> R {
    // SAFETY: caller's contract.
    unsafe {
        let saved = take_pending();
        let result = body();
        if let Some(saved) = saved {
            restore(saved);
        }
        result
    }
}

/// Adds `note` to the current exception's notes (PEP 678: `add_note()`, 3.11+; shown under
/// the traceback, the message unchanged). On 3.10, which shows no notes, nothing. If adding
/// fails, the exception is left as it was.
///
/// # Safety
/// The GIL is held and an exception is set.
pub unsafe fn add_note(note: &CStr) {
    #[cfg(Py_3_11)]
    // SAFETY: caller's contract; the exception is taken, noted and raised again.
    unsafe {
        let exception = take();
        let added = Obj::from_owned(ffi::PyObject_CallMethod(
            exception.as_ptr(),
            c"add_note".as_ptr(),
            c"s".as_ptr(),
            note.as_ptr(),
        ));
        if added.is_none() {
            ffi::PyErr_Clear();
        }
        restore(exception);
    }
    #[cfg(not(Py_3_11))]
    let _ = note;
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
/// exception is raised without running anything. The arguments are checked as CPython's
/// `gen_throw` checks them, in its order and with its messages (and, from 3.12, its deprecation
/// warning for the three-argument form).
///
/// # Safety
/// The GIL is held and `args` is a live tuple.
// The three-part exception API that PyO3 marks deprecated on 3.14+ is what CPython's own
// `gen_throw` uses to normalize a (type, value, traceback) triple: its results are the same.
#[allow(deprecated)]
pub unsafe fn raise_thrown(args: *mut ffi::PyObject) {
    // SAFETY: GIL held, `args` a live tuple (caller's contract); every reference taken below is
    // handed to PyErr_Restore or released.
    unsafe {
        let count = ffi::PyTuple_GET_SIZE(args);
        if count == 0 {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"throw expected at least 1 argument, got 0".as_ptr(),
            );
            return;
        }
        if count > 3 {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"throw expected at most 3 arguments, got %zd".as_ptr(),
                count,
            );
            return;
        }
        #[cfg(Py_3_12)]
        if count > 1
            && ffi::PyErr_WarnEx(
                ffi::PyExc_DeprecationWarning,
                c"the (type, exc, tb) signature of throw() is deprecated, use the single-arg signature instead.".as_ptr(),
                1,
            ) < 0
        {
            return;
        }
        let item = |index: isize| match index < count {
            true => ffi::PyTuple_GET_ITEM(args, index),
            false => ffi::Py_None(),
        };
        let (kind, value, traceback) = (item(0), item(1), item(2));
        let traceback = match ffi::Py_IsNone(traceback) != 0 {
            true => std::ptr::null_mut(),
            false if ffi::PyTraceBack_Check(traceback) == 0 => {
                ffi::PyErr_SetString(
                    ffi::PyExc_TypeError,
                    c"throw() third argument must be a traceback object".as_ptr(),
                );
                return;
            }
            false => traceback,
        };
        if ffi::PyExceptionClass_Check(kind) != 0 {
            let (mut kind, mut value, mut traceback) = (kind, value, traceback);
            ffi::Py_INCREF(kind);
            ffi::Py_INCREF(value);
            ffi::Py_XINCREF(traceback);
            ffi::PyErr_NormalizeException(&mut kind, &mut value, &mut traceback);
            ffi::PyErr_Restore(kind, value, traceback);
        } else if ffi::PyExceptionInstance_Check(kind) != 0 {
            if ffi::Py_IsNone(value) == 0 {
                ffi::PyErr_SetString(
                    ffi::PyExc_TypeError,
                    c"instance exception may not have a separate value".as_ptr(),
                );
                return;
            }
            let traceback = match traceback.is_null() {
                true => ffi::PyException_GetTraceback(kind),
                false => {
                    ffi::Py_INCREF(traceback);
                    traceback
                }
            };
            let kind_type = ffi::Py_TYPE(kind) as *mut ffi::PyObject;
            ffi::Py_INCREF(kind_type);
            ffi::Py_INCREF(kind);
            ffi::PyErr_Restore(kind_type, kind, traceback);
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
