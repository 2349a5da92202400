//! The native awaitable: the object every asynchronous step of this package is.
//!
//! A [`Machine`] is a state machine written in Rust; [`register`] builds a CPython type for it
//! from raw slots and [`new_awaitable`] makes instances. The type is an awaitable and its own
//! iterator, like a coroutine:
//!
//! - `am_send` (the `await` protocol on 3.10 and 3.11, and any native driver through
//!   `PyIter_Send`): completion is returned as a value, no `StopIteration` is created;
//! - `__next__`, `send(value)`, `throw(...)`, `close()`: the generator-style methods, for
//!   the interpreter's `SEND` on 3.12+ and for event loops that drive awaitables by hand;
//! - GC support (`tp_traverse`, `tp_clear`) and a free list of dead objects for speed.
//!
//! While a machine runs a step it calls Python code, which may come back to the same object:
//! `send` from inside the awaited iterator, a GC pass (`tp_traverse`, `tp_clear`). Machines
//! are therefore used through `&self` only and keep their Python references in [`Slot`]s,
//! which are read by cloning the reference out and written by swapping, never borrowed across
//! a call into Python. Re-entry then behaves as in CPython: the step is forwarded again, and
//! whatever is awaited decides (a generator says "already executing").

use super::held::Held;
use super::native_type::{build_type, method, slot, Native, NativeType};
use super::object::Obj;
use super::panic::guard;
use super::step::{Poll, Step};
use super::stop::raise_stop_iteration;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::c_void;
use std::ptr::null_mut;

/// A state machine that a native awaitable runs.
///
/// Every method takes `&self`: a step may be re-entered (see the module docs).
pub trait Machine: NativeType + Held + Sized + 'static {
    /// One step: `__next__()`, `send(value)`, `throw(*args)` or `am_send`.
    ///
    /// # Safety
    /// The GIL is held; the step's pointers are alive.
    unsafe fn resume(&self, step: Step) -> Poll;

    /// Raises the `StopIteration` of a completion with `value`, for `__next__()`, `send()` and
    /// `throw()` (`am_send` returns the value without one). By default as a coroutine returns
    /// it; a machine that delivers an item or a default (as an async generator's `asend()` or
    /// `anext_awaitable`) raises it as CPython delivers those: the two differ for `None` on
    /// some versions (see [`super::stop::raise_stop_iteration_item`]).
    ///
    /// # Safety
    /// The GIL is held.
    unsafe fn raise_completion(&self, value: &Obj) {
        // SAFETY: caller's contract.
        unsafe { raise_stop_iteration(value) }
    }

    /// Whether `close()` takes arguments (`close(*args)`, a `METH_VARARGS` method) rather than
    /// none (`METH_NOARGS`, as a coroutine's).
    const CLOSE_TAKES_ARGUMENTS: bool = true;

    /// `close(*args)`: the method's result as a new reference, or null with an exception
    /// set. `args` is the tuple of arguments the caller passed, or null when
    /// [`Machine::CLOSE_TAKES_ARGUMENTS`] is false.
    ///
    /// # Safety
    /// The GIL is held; `args` is a live tuple or null (as above).
    unsafe fn close(&self, args: *mut ffi::PyObject) -> *mut ffi::PyObject;

    /// Whether the awaitable stands for a result (a reduction's: `await sum(...)`), as a
    /// coroutine does: it warns when it is freed without having been awaited (`RuntimeWarning:
    /// awaitable 'sum_awaitable' was never awaited`), and using it as its result (`len()`,
    /// `+`, `[...]`, `<`) raises a `TypeError` with the hint ([`super::misuse`]). Not for
    /// the steps of iterators or `anext()` (as CPython's `asend` and `anext_awaitable`).
    const STANDS_FOR_RESULT: bool = false;

    /// Whether the awaitable was never started nor closed (for the never-awaited warning).
    fn never_awaited(&self) -> bool {
        false
    }
}

/// The layout of every native awaitable object: no header of its kind.
type Object<M> = Native<(), M>;

/// Creates a native awaitable running `machine`: a new reference, or null with an
/// exception set.
///
/// # Safety
/// The GIL is held and `M` was registered.
pub unsafe fn new_awaitable<M: Machine>(machine: M) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe { Object::<M>::create((), machine) }
}

/// Builds the CPython type of machine `M` (once, at module initialisation).
pub fn register<M: Machine>(py: Python<'_>) -> PyResult<()> {
    let mut slots = vec![
        slot(ffi::Py_tp_iter, ffi::PyObject_SelfIter as *mut c_void),
        slot(ffi::Py_tp_iternext, iternext::<M> as *mut c_void),
        slot(ffi::Py_am_await, ffi::PyObject_SelfIter as *mut c_void),
        slot(ffi::Py_am_send, am_send::<M> as *mut c_void),
        slot(ffi::Py_tp_repr, repr::<M> as *mut c_void),
    ];
    if M::STANDS_FOR_RESULT {
        slots.push(slot(ffi::Py_tp_finalize, finalize::<M> as *mut c_void));
        slots.extend(super::misuse::slots());
    }
    build_type::<(), M>(
        py,
        slots,
        vec![
            method(
                c"send",
                send::<M>,
                ffi::METH_O,
                c"send(arg) -> send 'arg' into the awaitable,\nreturn next yielded value or raise StopIteration.",
            ),
            method(
                c"throw",
                throw::<M>,
                ffi::METH_VARARGS,
                c"throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in the awaitable, return next yielded value or raise\nStopIteration.",
            ),
            method(
                c"close",
                close::<M>,
                if M::CLOSE_TAKES_ARGUMENTS {
                    ffi::METH_VARARGS
                } else {
                    ffi::METH_NOARGS
                },
                c"close() -> raise GeneratorExit inside the awaitable.",
            ),
        ],
        None,
    )
}

/// The machine of `obj`.
///
/// # Safety
/// `obj` is a live `Object<M>`; the reference must not outlive it.
#[inline]
unsafe fn machine<'a, M: Machine>(obj: *mut ffi::PyObject) -> &'a M {
    // SAFETY: caller's contract; machines are only ever used through shared references.
    unsafe { Object::<M>::body(obj) }
}

/// A step's outcome in the iterator protocol: yielded value, or null with `StopIteration`
/// (completion) or another exception set.
///
/// # Safety
/// GIL held.
#[inline]
unsafe fn into_next_result<M: Machine>(machine: &M, poll: Poll) -> *mut ffi::PyObject {
    match poll {
        Poll::Yield(value) => value.into_ptr(),
        Poll::Return(value) => {
            // SAFETY: GIL held (caller's contract).
            unsafe { machine.raise_completion(&value) };
            null_mut()
        }
        Poll::Raised => null_mut(),
    }
}

unsafe extern "C" fn iternext<M: Machine>(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: CPython calls tp_iternext with the GIL and a live object of our type.
        unsafe {
            let machine = machine::<M>(obj);
            into_next_result(machine, machine.resume(Step::Next))
        }
    })
}

unsafe extern "C" fn am_send<M: Machine>(
    obj: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
    result: *mut *mut ffi::PyObject,
) -> ffi::PySendResult {
    let (status, value) = guard((ffi::PySendResult::PYGEN_ERROR, null_mut()), || {
        // SAFETY: CPython calls am_send with the GIL, a live object of our type and a live
        // argument.
        unsafe {
            match machine::<M>(obj).resume(Step::from_am_send(arg)).settle() {
                Poll::Yield(value) => (ffi::PySendResult::PYGEN_NEXT, value.into_ptr()),
                Poll::Return(value) => (ffi::PySendResult::PYGEN_RETURN, value.into_ptr()),
                Poll::Raised => (ffi::PySendResult::PYGEN_ERROR, null_mut()),
            }
        }
    });
    // SAFETY: `result` is CPython's out-pointer for this call.
    unsafe { *result = value };
    status
}

unsafe extern "C" fn send<M: Machine>(
    obj: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_O method: GIL held, live self and argument.
        unsafe {
            let machine = machine::<M>(obj);
            into_next_result(machine, machine.resume(Step::Send(arg)))
        }
    })
}

unsafe extern "C" fn throw<M: Machine>(
    obj: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_VARARGS method: GIL held, live self, `args` a live tuple.
        unsafe {
            let machine = machine::<M>(obj);
            into_next_result(machine, machine.resume(Step::Throw(args)))
        }
    })
}

unsafe extern "C" fn close<M: Machine>(
    obj: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_VARARGS or METH_NOARGS method, as M says: GIL held, live self, `args` a
        // live tuple or null.
        unsafe { machine::<M>(obj).close(args) }
    })
}

unsafe extern "C" fn repr<M: Machine>(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_repr with the GIL on a live object. The builtins' repr form
    // (their module, builtins, is left out): `<anext_awaitable object at 0x...>`.
    unsafe {
        ffi::PyUnicode_FromFormat(
            c"<%s object at %p>".as_ptr(),
            M::TYPE_NAME.as_ptr(),
            obj as *const c_void,
        )
    }
}

/// `tp_finalize` (PEP 442) of an awaitable that stands for a result: the never-awaited
/// warning, as a coroutine's (CPython's `_PyGen_Finalize`). A warning turned into an error
/// (`-W error`) cannot propagate from a finalizer: it is reported as unraisable, as CPython
/// reports a coroutine's.
unsafe extern "C" fn finalize<M: Machine>(obj: *mut ffi::PyObject) {
    guard((), || {
        // SAFETY: CPython calls tp_finalize with the GIL on a live object of our type; the
        // exception being handled, if any, is saved and restored around the warning (a
        // finalizer must leave it as it was).
        unsafe {
            if !machine::<M>(obj).never_awaited() {
                return;
            }
            super::exception::keeping_current(|| {
                if ffi::PyErr_WarnFormat(
                    ffi::PyExc_RuntimeWarning,
                    1,
                    c"awaitable '%s' was never awaited".as_ptr(),
                    M::TYPE_NAME.as_ptr(),
                ) != 0
                {
                    ffi::PyErr_WriteUnraisable(obj);
                }
            });
        }
    })
}
