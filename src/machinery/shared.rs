//! A plain native object holding Rust state that several of our objects share (tee's buffer
//! and source, shared by its children).
//!
//! The state must be a Python object, not an `Rc`: the garbage collector counts each
//! reference it is shown, so what several objects hold in common must be reported once, by
//! the one object that holds it. Each sharer holds a strong reference to the holder and
//! reports that reference alone.

use super::held::Held;
use super::native_type::{
    build_type, slot, tp_clear, tp_dealloc, tp_traverse, Layout, TypeCell, TypeSpec,
};
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::{c_void, CStr};
use std::ptr::addr_of_mut;

/// State held by a shared native object. Used through `&self` only (a step may re-enter).
pub trait SharedState: Held + Sized + 'static {
    const NAME: &'static CStr;
    const QUALIFIED_NAME: &'static CStr;
    const DOC: &'static CStr;
    fn cell() -> &'static TypeCell;
}

#[repr(C)]
struct Object<S> {
    ob_base: ffi::PyObject,
    state: S,
}

/// Creates a shared object holding `state`: a new reference, or null with an exception.
///
/// # Safety
/// GIL held; `S` registered.
pub unsafe fn new_shared<S: SharedState>(state: S) -> *mut ffi::PyObject {
    // SAFETY: GIL held, type built (caller's contract); the state is written before tracking.
    unsafe {
        let (obj, reused) = super::native_type::alloc(S::cell());
        if obj.is_null() {
            return obj;
        }
        addr_of_mut!((*(obj as *mut Object<S>)).state).write(state);
        super::native_type::track_reused(obj, reused);
        obj
    }
}

/// The state of `obj`.
///
/// # Safety
/// `obj` is a live object of `S`'s type; the reference must not outlive it.
pub unsafe fn shared_state<'a, S: SharedState>(obj: *mut ffi::PyObject) -> &'a S {
    // SAFETY: caller's contract; the state is only used through shared references.
    unsafe { &(*(obj as *const Object<S>)).state }
}

/// Builds the CPython type of `S` (once, at module initialisation).
pub fn register_shared<S: SharedState>(py: Python<'_>) -> PyResult<()> {
    let spec = TypeSpec {
        name: S::NAME,
        qualified_name: S::QUALIFIED_NAME,
        doc: S::DOC,
        basicsize: std::mem::size_of::<Object<S>>(),
        slots: vec![
            slot(
                ffi::Py_tp_dealloc,
                tp_dealloc::<SharedLayout<S>> as *mut c_void,
            ),
            slot(
                ffi::Py_tp_traverse,
                tp_traverse::<SharedLayout<S>> as *mut c_void,
            ),
            slot(ffi::Py_tp_clear, tp_clear::<SharedLayout<S>> as *mut c_void),
        ],
        methods: vec![],
    };
    build_type(py, spec, S::cell())
}

struct SharedLayout<S>(std::marker::PhantomData<S>);

impl<S: SharedState> Layout for SharedLayout<S> {
    type Body = S;
    fn cell() -> &'static TypeCell {
        S::cell()
    }
    unsafe fn body(obj: *mut ffi::PyObject) -> *mut S {
        // SAFETY: caller's contract: `obj` is an Object<S>.
        unsafe { addr_of_mut!((*(obj as *mut Object<S>)).state) }
    }
}
