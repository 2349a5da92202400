//! The fold shared by `all` and `any`: stop at the first item whose truth decides.

use crate::machinery::awaitable::TypeCell;
use crate::machinery::held::Held;
use crate::machinery::object::Obj;
use crate::machinery::reduce::{call_stdlib, exactly_one, reduce, Flow, Fold};
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;
use std::ffi::{c_int, c_void, CStr};
use std::marker::PhantomData;
use std::ptr::null_mut;

/// `all` or `any`.
pub trait Decide: 'static {
    /// The truth that decides the result (`any`: true), which is then the result.
    const DECISIVE: bool;
    const NAME: &'static CStr;
    const QUALIFIED_NAME: &'static CStr;
    const DOC: &'static CStr;
    /// The stdlib's function, for a sync source.
    fn stdlib() -> &'static StdlibFunction;
    fn cell() -> &'static TypeCell;
}

/// The fold of `all()` or `any()`.
pub struct Truth<K>(PhantomData<K>);

/// The entry point of `all(iterable, /)` or `any(iterable, /)`.
///
/// # Safety
/// The vectorcall convention, GIL held.
pub unsafe fn entry<K: Decide>(
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        if !exactly_one(K::NAME, nargs, kwnames) {
            return null_mut();
        }
        reduce(*args, Truth::<K>(PhantomData))
    }
}

impl<K: Decide> Fold for Truth<K> {
    const NAME: &'static CStr = K::NAME;
    const QUALIFIED_NAME: &'static CStr = K::QUALIFIED_NAME;
    const DOC: &'static CStr = K::DOC;

    fn cell() -> &'static TypeCell {
        K::cell()
    }

    unsafe fn feed(&self, item: Obj) -> Flow {
        // SAFETY: GIL held (trait contract).
        match unsafe { ffi::PyObject_IsTrue(item.as_ptr()) } {
            -1 => Flow::Raised,
            truth if (truth != 0) == K::DECISIVE => Flow::Done(boolean(K::DECISIVE)),
            _ => Flow::More,
        }
    }

    unsafe fn finish(&self) -> Flow {
        Flow::Done(boolean(!K::DECISIVE))
    }

    unsafe fn bulk(&self, iterator: *mut ffi::PyObject) -> Option<Flow> {
        // SAFETY: GIL held (trait contract).
        Some(unsafe { call_stdlib(K::stdlib(), iterator) })
    }
}

impl<K: Decide> Held for Truth<K> {
    fn traverse(&self, _visit: ffi::visitproc, _arg: *mut c_void) -> c_int {
        0
    }

    fn clear(&self) {}
}

/// `True` or `False`.
pub fn boolean(value: bool) -> Obj {
    // SAFETY: the bools are static objects; from_borrowed increfs.
    unsafe {
        Obj::from_borrowed(if value {
            ffi::Py_True()
        } else {
            ffi::Py_False()
        })
    }
}
