//! An awaitable in flight: what a combinator waits on between two steps (a source's
//! `__anext__()`, its `aclose()`, an async callable's result) and how each step reaches it.

use super::drive::{self, awaitable_iter};
use super::exception::cleared;
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
                return cleared(c"awaitable");
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

/// For an awaitable that forwards another's steps as they come (`anext_awaitable`): the
/// awaitable in flight is attached without a step, and stays in flight after it completed.
impl Pending {
    /// Attaches `awaitable` unless one is in flight: `false` with an exception if `await`
    /// refuses it (CPython's messages).
    ///
    /// # Safety
    /// GIL held.
    pub unsafe fn attach(&self, awaitable: &Obj) -> bool {
        if self.is_active() {
            return true;
        }
        // SAFETY: caller's contract.
        match unsafe { awaitable_iter(awaitable.as_ptr()) } {
            Some(iter) => {
                self.0.set(Some(iter));
                true
            }
            None => false,
        }
    }

    /// Forwards `step` to the attached awaitable and returns its outcome as it came: a
    /// completion's `StopIteration` stays raised (for a `__next__` caller to pass on), and the
    /// awaitable stays attached (a later step reaches it and it decides, as in CPython).
    ///
    /// # Safety
    /// GIL held; the step's pointers alive; an awaitable was attached.
    pub unsafe fn forward(&self, step: Step) -> Poll {
        // SAFETY: caller's contract; the iterator is held across the step.
        unsafe {
            match self.0.get() {
                Some(iter) => drive::resume(iter.as_ptr(), step),
                None => cleared(c"awaitable"),
            }
        }
    }

    /// `close(*args)` of the attached awaitable (`args` null: no arguments): its result, or
    /// `None` with an exception.
    ///
    /// # Safety
    /// GIL held; `args` a live tuple or null; an awaitable was attached.
    pub unsafe fn close(&self, args: *mut ffi::PyObject) -> Option<Obj> {
        // SAFETY: caller's contract; the iterator is held across the call.
        unsafe {
            match self.0.get() {
                Some(iter) => drive::close(iter.as_ptr(), args),
                None => cleared(c"awaitable"),
            }
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
