//! The sources `merge` has started so far.

use crate::machinery::held::Held;
use crate::machinery::source::Source;
use pyo3::ffi;
use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void};

/// The sources started so far. Pushed to only between Python calls and never while a slice
/// of them is in use, so the shared slices handed out stay valid.
pub(super) struct Sources(pub(super) UnsafeCell<Vec<Source>>);

impl Sources {
    pub(super) fn all(&self) -> &[Source] {
        // SAFETY: the only mutation is `push`, which no caller makes while using a slice.
        unsafe { &*self.0.get() }
    }

    pub(super) fn push(&self, source: Source) {
        // SAFETY: no slice of the sources is in use (see the type's docs); no Python code
        // runs during the push (the capacity was reserved, nothing is dropped).
        unsafe { (*self.0.get()).push(source) }
    }
}

impl Held for Sources {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.all().traverse(visit, arg)
    }

    fn clear(&self) {
        self.all().clear();
    }
}
