//! The fold shared by `list`, `tuple` and `set`: every item into one container.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::exception::cleared;
use crate::machinery::held::held;
use crate::machinery::native_type::{native_type, NativeType};
use crate::machinery::object::Obj;
use crate::machinery::reduce::{reduce, Flow, Fold};
use crate::machinery::slot::Slot;
use pyo3::ffi;
use std::ffi::c_int;
use std::ptr::null_mut;

/// `list`, `tuple` or `set`.
pub trait Collection: NativeType + 'static {
    /// An empty container to add the items to (new reference or null).
    ///
    /// # Safety
    /// GIL held.
    unsafe fn empty() -> *mut ffi::PyObject;
    /// Adds an item: 0, or -1 with an exception.
    ///
    /// # Safety
    /// GIL held; both alive.
    unsafe fn add(container: *mut ffi::PyObject, item: *mut ffi::PyObject) -> c_int;
    /// The result from the filled container (new reference or null).
    ///
    /// # Safety
    /// GIL held; `container` alive.
    unsafe fn result(container: Obj) -> *mut ffi::PyObject;
    /// The stdlib's constructor over a sync iterator (new reference or null).
    ///
    /// # Safety
    /// GIL held; `iterator` alive.
    unsafe fn from_iterator(iterator: *mut ffi::PyObject) -> *mut ffi::PyObject;
}

/// The fold of a collection.
pub struct Collect<K> {
    container: Slot,
    kind: std::marker::PhantomData<K>,
}

/// The entry point of `list(iterable=(), /)` and the like.
///
/// # Safety
/// The vectorcall convention, GIL held.
pub unsafe fn entry<K: Collection>(
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        if !no_keywords(K::NAME, kwnames) || !check_positional(K::NAME, nargs, 0, 1) {
            return null_mut();
        }
        let Some(container) = Obj::from_owned(K::empty()) else {
            return null_mut();
        };
        let fold = Collect::<K> {
            container: Slot::new(Some(container)),
            kind: std::marker::PhantomData,
        };
        reduce(if nargs == 1 { *args } else { null_mut() }, fold)
    }
}

native_type!(impl<K: Collection> for Collect<K> as K);

impl<K: Collection> Fold for Collect<K> {
    unsafe fn feed(&self, item: Obj) -> Flow {
        let Some(container) = self.container.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"reduction") };
        };
        // SAFETY: GIL held (trait contract).
        match unsafe { K::add(container.as_ptr(), item.as_ptr()) } {
            0 => Flow::More,
            _ => Flow::Raised,
        }
    }

    unsafe fn finish(&self) -> Flow {
        let Some(container) = self.container.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"reduction") };
        };
        self.container.clear();
        // SAFETY: GIL held (trait contract).
        Flow::from(unsafe { Obj::from_owned(K::result(container)) })
    }

    unsafe fn bulk(&self, iterator: *mut ffi::PyObject) -> Option<Flow> {
        // SAFETY: GIL held (trait contract).
        Some(Flow::from(unsafe {
            Obj::from_owned(K::from_iterator(iterator))
        }))
    }
}

held!(impl<K: Collection> for Collect<K> { container });
