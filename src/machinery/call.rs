//! Callable arguments (a function, a predicate, a key): sync or async alike. A call whose
//! result is awaitable is awaited, per call; any other result is the value.

use super::exception::cleared;
use super::held::Held;
use super::object::Obj;
use super::pending::Pending;
use super::slot::Slot;
use super::slots::async_methods;
use super::step::{Poll, Step};
use pyo3::ffi;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

/// A callable argument and the awaitable of its call in flight.
pub struct Callable {
    function: Slot,
    pending: Pending,
}

impl Callable {
    pub fn new(function: Obj) -> Callable {
        Callable {
            function: Slot::new(Some(function)),
            pending: Pending::new(),
        }
    }

    /// Whether a call's awaitable is in flight (continue it with [`Callable::resume`]).
    #[inline]
    pub fn is_active(&self) -> bool {
        self.pending.is_active()
    }

    /// Calls the function with `args`: `Return(value)`, `Raised`, or `Yield` when its
    /// awaitable result suspends (continue with [`Callable::resume`]).
    ///
    /// # Safety
    /// GIL held; `args` are live objects.
    pub unsafe fn call(&self, args: &[*mut ffi::PyObject]) -> Poll {
        // SAFETY: caller's contract; the function is held across the call.
        unsafe {
            let Some(function) = self.function.get() else {
                return cleared(c"callable");
            };
            let result =
                ffi::PyObject_Vectorcall(function.as_ptr(), args.as_ptr(), args.len(), null_mut());
            let Some(result) = Obj::from_owned(result) else {
                return Poll::Raised;
            };
            if is_awaitable(result.as_ptr()) {
                self.pending.start(result)
            } else {
                Poll::Return(result)
            }
        }
    }

    /// Continues the awaitable result in flight.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive; a call is in flight.
    #[inline]
    pub unsafe fn resume(&self, step: Step) -> Poll {
        // SAFETY: caller's contract.
        unsafe { self.pending.resume(step) }
    }
}

impl Held for Callable {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        let status = self.function.visit(visit, arg);
        if status != 0 {
            return status;
        }
        self.pending.traverse(visit, arg)
    }

    fn clear(&self) {
        self.function.clear();
        self.pending.clear();
    }
}

/// Whether `await` accepts `obj` through its type's `__await__` (coroutines, futures, our
/// awaitables, classes defining `__await__`).
///
/// # Safety
/// GIL held; `obj` alive.
#[inline]
pub unsafe fn is_awaitable(obj: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract.
    unsafe { async_methods(obj).is_some_and(|slots| slots.am_await.is_some()) }
}

/// The items of a tuple as call arguments (`function(*args)`), borrowed for as long as the
/// tuple.
pub fn tuple_items(tuple: &Obj) -> &[*mut ffi::PyObject] {
    // SAFETY: `tuple` is a live tuple (callers' invariant: it comes from `PyTuple_*` or a
    // `PyTuple_CheckExact` test) and the slice borrows it.
    unsafe {
        let size = ffi::PyTuple_GET_SIZE(tuple.as_ptr()) as usize;
        let items = (*(tuple.as_ptr() as *mut ffi::PyTupleObject))
            .ob_item
            .as_ptr();
        std::slice::from_raw_parts(items, size)
    }
}
