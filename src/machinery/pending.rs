//! An awaitable in flight: what a combinator waits on between two steps (a source's
//! `__anext__()`, its `aclose()`, an async callable's result) and how each step reaches it.

use super::drive::{self, awaitable_iter};
use super::held::Held;
use super::object::Obj;
use super::slot::Slot;
use super::step::{Poll, Step};
use pyo3::ffi;
use std::ffi::{c_int, c_void};

/// The iterator of the awaitable being awaited, if any.
pub struct Pending(Slot);

impl Default for Pending {
    fn default() -> Pending {
        Pending::new()
    }
}

impl Pending {
    pub const fn new() -> Pending {
        Pending(Slot::new(None))
    }

    /// Whether an awaitable is in flight (the next step goes to it).
    #[inline]
    pub fn is_active(&self) -> bool {
        self.0.is_some()
    }

    /// Starts awaiting `awaitable` (anything `await` accepts, with CPython's messages):
    /// `Return` at once if it completes without suspending.
    ///
    /// # Safety
    /// GIL held.
    pub unsafe fn start(&self, awaitable: Obj) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            let Some(iter) = awaitable_iter(awaitable.as_ptr()) else {
                return Poll::Raised;
            };
            drop(awaitable);
            self.0.set(Some(iter));
            self.resume(Step::Next)
        }
    }

    /// Continues the awaitable in flight with `step`: `Yield` while it is suspended, then its
    /// completion (`Return`) or exception (`Raised`), after which nothing is in flight.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive; an awaitable is in flight.
    pub unsafe fn resume(&self, step: Step) -> Poll {
        // SAFETY: caller's contract; the iterator is held across the step.
        unsafe {
            let Some(iter) = self.0.get() else {
                ffi::PyErr_SetString(
                    ffi::PyExc_RuntimeError,
                    c"awaitable cleared by the garbage collector".as_ptr(),
                );
                return Poll::Raised;
            };
            let poll = drive::resume(iter.as_ptr(), step);
            if matches!(poll, Poll::Yield(_)) {
                return poll;
            }
            self.0.clear();
            poll.settle()
        }
    }
}

impl Held for Pending {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.0.visit(visit, arg)
    }

    fn clear(&self) {
        self.0.clear();
    }
}
