//! How a child of `tee()` waits for another child's pull: an awaitable and a wake-up from
//! `asyncitertools._waiting`, for the event loop running the current task.

use crate::machinery::object::Obj;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;

/// `asyncitertools._waiting.waiter()`: `Some(None)` when no known loop runs the current task,
/// `None` with an exception on failure.
///
/// # Safety
/// GIL held.
pub(super) unsafe fn waiter() -> Option<Option<(Obj, Obj)>> {
    // SAFETY: GIL held (caller's contract); the result is checked before it is unpacked.
    unsafe {
        static WAITER: StdlibFunction =
            StdlibFunction::in_module(c"asyncitertools._waiting", c"waiter");
        let result = WAITER.call(&[], None)?;
        if ffi::Py_IsNone(result.as_ptr()) != 0 {
            return Some(None);
        }
        if ffi::PyTuple_Check(result.as_ptr()) == 0 || ffi::PyTuple_GET_SIZE(result.as_ptr()) != 2 {
            ffi::PyErr_SetString(
                ffi::PyExc_RuntimeError,
                c"asyncitertools._waiting.waiter() returned no (awaitable, wake) pair".as_ptr(),
            );
            return None;
        }
        let awaitable = Obj::from_borrowed(ffi::PyTuple_GET_ITEM(result.as_ptr(), 0));
        let wake = Obj::from_borrowed(ffi::PyTuple_GET_ITEM(result.as_ptr(), 1));
        Some(Some((awaitable, wake)))
    }
}
