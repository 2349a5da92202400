//! [`Slot`]: how every machine holds a Python reference, safe under re-entry.

use super::held::Held;
use super::object::Obj;
use pyo3::ffi;
use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void};

/// A machine's field holding a Python reference, safe under re-entry.
///
/// The reference is read by cloning it out and written by swapping; the old reference is
/// dropped (which may run Python code) only after the write is complete. No borrow of the
/// inside ever outlives a method call, so code run by a step may use the slot freely.
pub struct Slot(UnsafeCell<Option<Obj>>);

impl Slot {
    pub const fn new(value: Option<Obj>) -> Slot {
        Slot(UnsafeCell::new(value))
    }

    /// A new reference to the value.
    #[inline]
    pub fn get(&self) -> Option<Obj> {
        // SAFETY: single-threaded under the GIL (Obj's invariant) and no borrow of the inside
        // is alive across this call: cloning only increments a reference count.
        unsafe { (*self.0.get()).clone() }
    }

    /// Whether the slot holds a reference.
    #[inline]
    pub fn is_some(&self) -> bool {
        // SAFETY: as in `get`; only the discriminant is read.
        unsafe { (*self.0.get()).is_some() }
    }

    /// Stores `value`; the previous value is dropped after the store.
    #[inline]
    pub fn set(&self, value: Option<Obj>) {
        // SAFETY: as in `get`; the borrow ends before the old value is dropped.
        let old = unsafe { std::mem::replace(&mut *self.0.get(), value) };
        drop(old);
    }

    /// Empties the slot (for `tp_clear`).
    #[inline]
    pub fn clear(&self) {
        self.set(None);
    }

    /// Reports the reference to the garbage collector (for `tp_traverse`).
    #[inline]
    pub fn visit(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: as in `get`; visiting does not run Python code that could reach the slot.
        match unsafe { &*self.0.get() } {
            Some(obj) => obj.visit(visit, arg),
            None => 0,
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
