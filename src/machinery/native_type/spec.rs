//! Building the CPython type of a native object from raw slots.

use super::object::Native;
use super::NativeType;
use crate::machinery::held::Held;
use pyo3::prelude::*;
use pyo3::{ffi, PyErr};
use std::ffi::{c_int, c_uint, c_void, CStr};
use std::ptr::null_mut;

/// A type slot entry.
pub fn slot(slot: c_int, pfunc: *mut c_void) -> ffi::PyType_Slot {
    ffi::PyType_Slot { slot, pfunc }
}

/// A method table entry.
pub fn method(
    name: &'static CStr,
    function: ffi::PyCFunction,
    flags: c_int,
    doc: &'static CStr,
) -> ffi::PyMethodDef {
    ffi::PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunction: function,
        },
        ml_flags: flags,
        ml_doc: doc.as_ptr(),
    }
}

/// Builds the CPython type of objects laid out as `Native<H, B>` and stores it in `B`'s cell:
/// a GC-tracked, immutable, non-subclassable type with `B`'s names and docstring, the shared
/// GC and deallocation slots, and `slots` and `methods` (their end markers are added here).
///
/// Python cannot instantiate it, unless `new` is given: then it is the type's `tp_new` (a
/// type that is itself the public callable, as the stdlib's `itertools.chain`).
pub fn build_type<H: 'static, B: NativeType + Held>(
    py: Python<'_>,
    mut slots: Vec<ffi::PyType_Slot>,
    mut methods: Vec<ffi::PyMethodDef>,
    new: Option<ffi::newfunc>,
) -> PyResult<()> {
    // SAFETY: an all-zero PyMethodDef is the table's end marker.
    methods.push(unsafe { std::mem::zeroed() });
    // Method descriptors point into the table for the type's lifetime: it is leaked.
    let methods: &'static mut [ffi::PyMethodDef] = methods.leak();
    slots.extend(Native::<H, B>::gc_slots());
    slots.push(slot(ffi::Py_tp_doc, B::DOC.as_ptr() as *mut c_void));
    slots.push(slot(
        ffi::Py_tp_methods,
        methods.as_mut_ptr() as *mut c_void,
    ));
    let instantiation = match new {
        Some(new) => {
            slots.push(slot(ffi::Py_tp_new, new as *mut c_void));
            0
        }
        None => ffi::Py_TPFLAGS_DISALLOW_INSTANTIATION,
    };
    slots.push(slot(0, null_mut()));
    let mut type_spec = ffi::PyType_Spec {
        name: B::QUALIFIED_NAME.as_ptr(),
        basicsize: c_int::try_from(Native::<H, B>::BASICSIZE).expect("small type"),
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT
            | ffi::Py_TPFLAGS_HAVE_GC
            | instantiation
            | ffi::Py_TPFLAGS_IMMUTABLETYPE) as c_uint,
        slots: slots.as_mut_ptr(),
    };
    // SAFETY: the GIL is held (we have `py`); the spec and slots are valid for the call and
    // PyType_FromSpec copies them (the docstring too), except the method table (leaked).
    let ty = unsafe { ffi::PyType_FromSpec(&mut type_spec) } as *mut ffi::PyTypeObject;
    if ty.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: `ty` is the new heap type. CPython prints `tp_name` in its messages ("cannot
    // create 'anext_awaitable' instances"); PyType_FromSpec set it to the qualified name.
    // Pointing it at a static string is safe: CPython frees `ht_name`/`_ht_tpname`, never
    // `tp_name` itself, and the type is immutable, so `__name__` cannot be reassigned.
    unsafe { (*ty).tp_name = B::TYPE_NAME.as_ptr() };
    B::cell().set_type(ty);
    Ok(())
}
