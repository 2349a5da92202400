//! Driving an awaitable's iterator one step: the part of CPython's `SEND`, `send()` and
//! `throw()` that every native awaitable forwards to the awaitable it waits on.

use super::object::Obj;
use super::slots::{async_methods, type_name};
use super::step::{Poll, Step};
use pyo3::ffi;
use std::ffi::CStr;

/// Advances `iter`, the iterator of an awaitable, by one step.
///
/// Types with an `am_send` slot (generators, coroutines, our own awaitables) are driven
/// through `PyIter_Send`, which completes without creating a `StopIteration`. Other iterators
/// are driven as CPython drives them: `tp_iternext` for `Next`, their `send` and `throw`
/// methods otherwise.
///
/// # Safety
/// `iter` is a live object, the GIL is held, and the caller keeps a strong reference to
/// `iter` for the duration of the call (user code run by the step may drop others).
pub unsafe fn resume(iter: *mut ffi::PyObject, step: Step) -> Poll {
    // SAFETY: GIL held, `iter` alive (caller's contract); the type's slot tables are valid
    // for the type's lifetime, which exceeds the object's.
    unsafe {
        let ty = ffi::Py_TYPE(iter);
        let has_am_send = async_methods(iter).is_some_and(|slots| slots.am_send.is_some());
        match step {
            Step::Next | Step::Send(_) if has_am_send => {
                let value = match step {
                    Step::Send(value) => value,
                    _ => ffi::Py_None(),
                };
                let mut result = std::ptr::null_mut();
                match ffi::PyIter_Send(iter, value, &mut result) {
                    ffi::PySendResult::PYGEN_NEXT => Poll::Yield(owned(result)),
                    ffi::PySendResult::PYGEN_RETURN => Poll::Return(owned(result)),
                    ffi::PySendResult::PYGEN_ERROR => Poll::Raised,
                }
            }
            Step::Next => match (*ty).tp_iternext {
                Some(next) => {
                    let result = next(iter);
                    if !result.is_null() {
                        Poll::Yield(owned(result))
                    } else if ffi::PyErr_Occurred().is_null() {
                        // Exhausted without an exception: completion with None.
                        Poll::Return(Obj::none())
                    } else {
                        Poll::Raised
                    }
                }
                None => call_method(iter, c"__next__", Args::Zero),
            },
            Step::Send(value) => call_method(iter, c"send", Args::One(value)),
            Step::Throw(args) => call_method(iter, c"throw", Args::Spread(args)),
        }
    }
}

/// How a method of the iterator is called for a step.
enum Args {
    Zero,
    One(*mut ffi::PyObject),
    /// The arguments of a `throw(*args)` call, as the tuple CPython gave us.
    Spread(*mut ffi::PyObject),
}

/// Calls `iter.name(...)` as a step: a returned value is a yield.
///
/// # Safety
/// GIL held, `iter` and the arguments alive.
unsafe fn call_method(iter: *mut ffi::PyObject, name: &CStr, args: Args) -> Poll {
    // SAFETY: caller's contract; we own the bound method for the call's duration.
    unsafe {
        let Some(method) = Obj::from_owned(ffi::PyObject_GetAttrString(iter, name.as_ptr())) else {
            return Poll::Raised;
        };
        let method = method.as_ptr();
        let result = match args {
            Args::Zero => ffi::PyObject_CallNoArgs(method),
            Args::One(arg) => ffi::PyObject_CallOneArg(method, arg),
            Args::Spread(tuple) => ffi::PyObject_Call(method, tuple, std::ptr::null_mut()),
        };
        match Obj::from_owned(result) {
            Some(value) => Poll::Yield(value),
            None => Poll::Raised,
        }
    }
}

/// Calls `iter.close(*args)`; the method's result, or `None` with an exception set.
///
/// # Safety
/// GIL held, `iter` alive, `args` a live tuple or null (no arguments).
pub unsafe fn close(iter: *mut ffi::PyObject, args: *mut ffi::PyObject) -> Option<Obj> {
    let args = if args.is_null() {
        Args::Zero
    } else {
        Args::Spread(args)
    };
    // SAFETY: caller's contract.
    match unsafe { call_method(iter, c"close", args) } {
        Poll::Yield(value) | Poll::Return(value) => Some(value),
        Poll::Raised => None,
    }
}

/// # Safety
/// `ptr` is a non-null new reference and the GIL is held.
#[inline]
unsafe fn owned(ptr: *mut ffi::PyObject) -> Obj {
    // SAFETY: caller's contract.
    unsafe { Obj::from_owned(ptr).unwrap_unchecked() }
}

/// The iterator to drive for an awaitable, as CPython's `_PyCoro_GetAwaitableIter` gets it
/// (same checks, same messages), except that a coroutine is returned itself rather than
/// wrapped: it is driven through `am_send` and its `throw`, exactly like its wrapper.
///
/// Returns `None` with an exception set on failure.
///
/// # Safety
/// `awaitable` is a live object and the GIL is held.
pub unsafe fn awaitable_iter(awaitable: *mut ffi::PyObject) -> Option<Obj> {
    // SAFETY: GIL held, object alive (caller's contract); slot tables live with the type.
    unsafe {
        let am_await = async_methods(awaitable).and_then(|slots| slots.am_await);
        // The common case first (an async generator's `__anext__()`, our awaitables): an
        // iterator whose `__await__` returns itself passes every check below, and is not a
        // coroutine (coroutines and generators have other `am_await` slots).
        if am_await
            .is_some_and(|slot| slot as usize == ffi::PyObject_SelfIter as ffi::unaryfunc as usize)
            && ffi::PyIter_Check(awaitable) != 0
        {
            return Some(Obj::from_borrowed(awaitable));
        }
        if is_coroutine(awaitable)? {
            return Some(Obj::from_borrowed(awaitable));
        }
        let Some(am_await) = am_await else {
            #[cfg(Py_3_14)]
            let format = c"'%.100s' object can't be awaited";
            #[cfg(not(Py_3_14))]
            let format = c"object %.100s can't be used in 'await' expression";
            ffi::PyErr_Format(ffi::PyExc_TypeError, format.as_ptr(), type_name(awaitable));
            return None;
        };
        let iter = Obj::from_owned(am_await(awaitable))?;
        if is_coroutine(iter.as_ptr())? {
            // 3.15+ names the awaitable's type, fully qualified (`%T`).
            #[cfg(Py_3_15)]
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"%T.__await__() must return an iterator, not coroutine".as_ptr(),
                awaitable,
            );
            #[cfg(not(Py_3_15))]
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"__await__() returned a coroutine".as_ptr(),
            );
            return None;
        }
        if ffi::PyIter_Check(iter.as_ptr()) == 0 {
            #[cfg(Py_3_15)]
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"%T.__await__() must return an iterator, not %T".as_ptr(),
                awaitable,
                iter.as_ptr(),
            );
            #[cfg(not(Py_3_15))]
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"__await__() returned non-iterator of type '%.100s'".as_ptr(),
                type_name(iter.as_ptr()),
            );
            return None;
        }
        Some(iter)
    }
}

/// Whether `obj` is a coroutine for `await`: a native coroutine, or a generator made by a
/// `@types.coroutine` function (its code has `CO_ITERABLE_COROUTINE`).
/// `None` with an exception set if reading the generator's code failed.
///
/// # Safety
/// `obj` is a live object and the GIL is held.
unsafe fn is_coroutine(obj: *mut ffi::PyObject) -> Option<bool> {
    // SAFETY: caller's contract.
    unsafe {
        if ffi::PyCoro_CheckExact(obj) != 0 {
            return Some(true);
        }
        if ffi::PyGen_CheckExact(obj) == 0 {
            return Some(false);
        }
        // The generator's layout differs between versions; its code object does not.
        let code = Obj::from_owned(ffi::PyObject_GetAttrString(obj, c"gi_code".as_ptr()))?;
        let flags = Obj::from_owned(ffi::PyObject_GetAttrString(
            code.as_ptr(),
            c"co_flags".as_ptr(),
        ))?;
        let flags = ffi::PyLong_AsLong(flags.as_ptr());
        if flags == -1 && !ffi::PyErr_Occurred().is_null() {
            return None;
        }
        Some(flags & ffi::CO_ITERABLE_COROUTINE as std::ffi::c_long != 0)
    }
}
