//! The Python references a machine holds, for the garbage collector: every part that holds
//! some is [`Held`], and a machine's `traverse`/`clear` list its parts once.

use super::awaitable::Slot;
use super::call::Callable;
use super::gather::Gather;
use super::pending::Pending;
use super::source::{Ending, Source};
use pyo3::ffi;
use std::ffi::{c_int, c_void};

/// A part of a machine holding Python references.
pub trait Held {
    /// Visits each reference (`tp_traverse`): 0, or the first non-zero visit result.
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int;
    /// Drops each reference (`tp_clear`).
    fn clear(&self);
}

/// Visits the references of every part in turn: a machine's `tp_traverse`.
#[inline]
pub fn traverse_all(parts: &[&dyn Held], visit: ffi::visitproc, arg: *mut c_void) -> c_int {
    for part in parts {
        let status = part.traverse(visit, arg);
        if status != 0 {
            return status;
        }
    }
    0
}

/// Drops the references of every part: a machine's `tp_clear`.
#[inline]
pub fn clear_all(parts: &[&dyn Held]) {
    for part in parts {
        part.clear();
    }
}

impl<T: Held> Held for Option<T> {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.as_ref().map_or(0, |part| part.traverse(visit, arg))
    }
    fn clear(&self) {
        if let Some(part) = self {
            part.clear();
        }
    }
}

impl Held for Slot {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.visit(visit, arg)
    }
    fn clear(&self) {
        Slot::clear(self)
    }
}

impl Held for Pending {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.visit(visit, arg)
    }
    fn clear(&self) {
        Pending::clear(self)
    }
}

/// The parts whose own methods already have the shape of [`Held`].
macro_rules! held_by_own_methods {
    ($($part:ty),*) => {$(
        impl Held for $part {
            fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
                <$part>::traverse(self, visit, arg)
            }
            fn clear(&self) {
                <$part>::clear(self)
            }
        }
    )*};
}

held_by_own_methods!(Source, Ending, Callable, Gather);
