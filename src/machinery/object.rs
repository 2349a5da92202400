//! [`Obj`], the owned reference every native type stores.

use pyo3::ffi;
use std::ffi::{c_int, c_void};
use std::ptr::NonNull;

/// An owned strong reference to a Python object.
///
/// Unlike `Py<T>`, dropping an `Obj` decrements the reference count at once. Raw slot
/// functions are not entered through PyO3's trampoline, so a `Py<T>` dropped there would go
/// to PyO3's deferred-decref pool: slower, and the object would outlive its last use.
///
/// Invariant: an `Obj` is only created, cloned and dropped by a thread that holds the GIL.
/// Every function of this crate runs inside a call from CPython into the extension, so this
/// holds; `Obj` is neither `Send` nor `Sync` to keep it so.
pub struct Obj(NonNull<ffi::PyObject>);

impl Obj {
    /// Takes ownership of a new reference; `None` for null (a failed call).
    ///
    /// # Safety
    /// `ptr` is null or a new reference the caller gives up, and the GIL is held.
    #[inline]
    pub unsafe fn from_owned(ptr: *mut ffi::PyObject) -> Option<Obj> {
        NonNull::new(ptr).map(Obj)
    }

    /// Makes a new reference to a borrowed object.
    ///
    /// # Safety
    /// `ptr` points to a live object and the GIL is held.
    #[inline]
    pub unsafe fn from_borrowed(ptr: *mut ffi::PyObject) -> Obj {
        // SAFETY: the caller guarantees a live object and the GIL.
        unsafe { ffi::Py_INCREF(ptr) };
        // SAFETY: a live object's address is not null.
        Obj(unsafe { NonNull::new_unchecked(ptr) })
    }

    /// `None`, as a new reference.
    #[inline]
    pub fn none() -> Obj {
        // SAFETY: Py_None is immortal or at least alive for the interpreter's lifetime; the
        // GIL is held by the invariant of this type.
        unsafe { Obj::from_borrowed(ffi::Py_None()) }
    }

    /// The object, borrowed.
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.0.as_ptr()
    }

    /// Gives the reference to the caller (for returning it to CPython).
    #[inline]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        let ptr = self.0.as_ptr();
        std::mem::forget(self);
        ptr
    }

    /// Reports this reference to the garbage collector (a `tp_traverse` visit).
    #[inline]
    pub fn visit(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: `visit` and `arg` come from CPython's tp_traverse call, which is made with
        // the GIL held; the object is alive while we hold this reference.
        unsafe { visit(self.as_ptr(), arg) }
    }
}

impl Clone for Obj {
    #[inline]
    fn clone(&self) -> Obj {
        // SAFETY: the object is alive (we own a reference) and the GIL is held (invariant).
        unsafe { Obj::from_borrowed(self.as_ptr()) }
    }
}

impl Drop for Obj {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own this reference and the GIL is held (invariant of the type).
        unsafe { ffi::Py_DECREF(self.as_ptr()) }
    }
}
