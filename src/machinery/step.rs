//! The vocabulary of one step of an iterator: what is asked of it ([`Step`]) and what came of
//! it ([`Poll`]). Every driver and every machine of the package speaks it; it depends on
//! nothing but [`super::object`].

use super::object::Obj;
use pyo3::ffi;

/// What the caller asks of an awaitable's iterator.
#[derive(Clone, Copy)]
pub enum Step {
    /// `__next__()`, or the `await` protocol's send of `None`.
    Next,
    /// `send(value)` (borrowed `value`).
    Send(*mut ffi::PyObject),
    /// `throw(*args)` (borrowed args tuple).
    Throw(*mut ffi::PyObject),
}

impl Step {
    /// The step for the `await` protocol's `am_send(value)`: CPython's `PyIter_Send` calls
    /// `tp_iternext` for `None` and the `send` method otherwise.
    ///
    /// # Safety
    /// `value` is a live object and the GIL is held.
    #[inline]
    pub unsafe fn from_am_send(value: *mut ffi::PyObject) -> Step {
        // SAFETY: caller's contract.
        if unsafe { ffi::Py_IsNone(value) } != 0 {
            Step::Next
        } else {
            Step::Send(value)
        }
    }
}

/// The outcome of one step.
pub enum Poll {
    /// The iterator suspended, handing this value up to the event loop.
    Yield(Obj),
    /// The iterator completed with this value.
    Return(Obj),
    /// An exception is set. It may be a `StopIteration` (completion, with its value inside),
    /// which is left raised so that a `__next__` caller passes it on without re-creating it.
    Raised,
}
