//! A plain native object holding Rust state that several of our objects share (tee's buffer
//! and source, shared by its children).
//!
//! The state must be a Python object, not an `Rc`: the garbage collector counts each
//! reference it is shown, so what several objects hold in common must be reported once, by
//! the one object that holds it. Each sharer holds a strong reference to the holder and
//! reports that reference alone.

use super::held::Held;
use super::native_type::{build_type, Native, NativeType};
use pyo3::ffi;
use pyo3::prelude::*;

/// State held by a shared native object. Used through `&self` only (a step may re-enter).
pub trait SharedState: NativeType + Held + Sized + 'static {}

/// The layout of every shared object: no header of its kind.
type Object<S> = Native<(), S>;

/// Creates a shared object holding `state`: a new reference, or null with an exception.
///
/// # Safety
/// GIL held; `S` registered.
pub unsafe fn new_shared<S: SharedState>(state: S) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe { Object::<S>::create((), state) }
}

/// The state of `obj`.
///
/// # Safety
/// `obj` is a live object of `S`'s type; the reference must not outlive it.
pub unsafe fn shared_state<'a, S: SharedState>(obj: *mut ffi::PyObject) -> &'a S {
    // SAFETY: caller's contract; the state is only used through shared references.
    unsafe { Object::<S>::body(obj) }
}

/// Builds the CPython type of `S` (once, at module initialisation).
pub fn register_shared<S: SharedState>(py: Python<'_>) -> PyResult<()> {
    build_type::<(), S>(py, vec![], vec![], None)
}
