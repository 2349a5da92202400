//! The Python references a native object holds, for the garbage collector.
//!
//! Every part that holds some is [`Held`]: it visits them (`tp_traverse`) and drops them
//! (`tp_clear`). A machine made of parts declares its support with [`held!`], naming the
//! fields that hold references once; the native types' GC slots then reach it through the
//! trait. This module depends on nothing of the package: each part implements the trait
//! where it is defined.

use pyo3::ffi;
use std::ffi::{c_int, c_void};

/// A part of a native object holding Python references.
pub trait Held {
    /// Visits each reference (`tp_traverse`): 0, or the first non-zero visit result.
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int;
    /// Drops each reference (`tp_clear`); the part must stay safe to use (its steps raise).
    fn clear(&self);
}

/// Visits the references of every part in turn, for a `traverse` that is more than its fields.
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

/// Drops the references of every part, for a `clear` that is more than its fields.
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

impl<T: Held> Held for [T] {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        for part in self {
            let status = part.traverse(visit, arg);
            if status != 0 {
                return status;
            }
        }
        0
    }
    fn clear(&self) {
        for part in self {
            part.clear();
        }
    }
}

impl<T: Held> Held for Box<[T]> {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        (**self).traverse(visit, arg)
    }
    fn clear(&self) {
        (**self).clear()
    }
}

/// Declares a type's GC support from the fields that hold Python references, each [`Held`]:
///
/// ```ignore
/// held!(Map { function, gather, ending });
/// held!(impl<K: StepKind> for IterStep<K> { iterator });
/// ```
///
/// `traverse` visits the fields in order and stops at the first non-zero result; `clear`
/// clears each. Fields holding no references (counters, flags) are left out.
macro_rules! held {
    (impl<$($generic:ident: $bound:path),*> for $ty:ty { $($field:ident),* $(,)? }) => {
        impl<$($generic: $bound),*> $crate::machinery::held::Held for $ty {
            $crate::machinery::held::held!(@body $($field),*);
        }
    };
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::machinery::held::Held for $ty {
            $crate::machinery::held::held!(@body $($field),*);
        }
    };
    (@body $($field:ident),*) => {
        fn traverse(
            &self,
            visit: ::pyo3::ffi::visitproc,
            arg: *mut ::std::ffi::c_void,
        ) -> ::std::ffi::c_int {
            $(
                let status = $crate::machinery::held::Held::traverse(&self.$field, visit, arg);
                if status != 0 {
                    return status;
                }
            )*
            0
        }
        fn clear(&self) {
            $($crate::machinery::held::Held::clear(&self.$field);)*
        }
    };
}
pub(crate) use held;
