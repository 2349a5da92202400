//! The fold shared by `all` and `any`: stop at the first item whose truth decides.

use crate::machinery::held::Held;
use crate::machinery::native_type::{native_type, NativeType};
use crate::machinery::object::Obj;
use crate::machinery::reduce::{exactly_one, reduce, Flow, Fold};
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;
use std::ffi::{c_int, c_void};
use std::marker::PhantomData;
use std::ptr::null_mut;

/// `all` or `any`.
pub trait Decide: NativeType + 'static {
    /// The truth that decides the result (`any`: true), which is then the result.
    const DECISIVE: bool;
    /// The stdlib's function, for a sync source.
    fn stdlib() -> &'static StdlibFunction;
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

native_type!(impl<K: Decide> for Truth<K> as K);

impl<K: Decide> Fold for Truth<K> {
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
        Some(Flow::from(unsafe { K::stdlib().call(&[iterator], None) }))
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
