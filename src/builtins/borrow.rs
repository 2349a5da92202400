//! `borrow(iterator, /)`: an async iterator over `iterator` that never closes it. When
//! `iterator` is an async generator (it has `asend` and `athrow`), so is the borrowed one:
//! its `asend()` and `athrow()` are the generator's own, passed through (its `aclose()`
//! still closes nothing).

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::exception::cleared;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::iterator::{machine_of, new_iterator};
use crate::machinery::native_type::{method, native_type};
use crate::machinery::object::Obj;
use crate::machinery::panic::guard;
use crate::machinery::relay::{Relay, RelayKind};
use crate::machinery::source::Source;
use crate::machinery::stop::raised;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::CStr;
use std::ptr::null_mut;

pub static BORROW: BuiltinFunction = BuiltinFunction::new(
    c"borrow",
    borrow,
    c"borrow($module, iterator, /)\n--\n\n\
Return an async iterator over iterator (async or sync) that does not close it: the functions \
of this package given the borrowed iterator leave the real one open, to be continued. If \
iterator has asend() and athrow() (an async generator), the borrowed iterator passes them \
through.",
);

vectorcall!(borrow, |args, nargs, kwnames| {
    if !no_keywords(c"borrow", kwnames) || !check_positional(c"borrow", nargs, 1, 1) {
        return null_mut();
    }
    let Some(source) = Source::borrowed(*args) else {
        return null_mut();
    };
    match is_generator_like(*args) {
        Some(true) => new_iterator(Relay::<BorrowedGenerator>::new(source)),
        Some(false) => new_iterator(Relay::<Borrowed>::new(source)),
        None => null_mut(),
    }
});

/// Whether `iterator` has `asend` and `athrow`: `None` with the exception if looking failed
/// otherwise than with `AttributeError`.
///
/// # Safety
/// GIL held; `iterator` alive.
unsafe fn is_generator_like(iterator: *mut ffi::PyObject) -> Option<bool> {
    // SAFETY: caller's contract.
    unsafe {
        for name in [c"asend", c"athrow"] {
            let found = Obj::from_owned(ffi::PyObject_GetAttrString(iterator, name.as_ptr()));
            if found.is_none() {
                if !raised(ffi::PyExc_AttributeError) {
                    return None;
                }
                ffi::PyErr_Clear();
                return Some(false);
            }
        }
        Some(true)
    }
}

/// The async iterator of `borrow()`.
pub struct Borrowed;

native_type!(
    Borrowed,
    c"asyncitertools.borrow",
    c"Async iterator over an iterator that it does not close."
);

impl RelayKind for Borrowed {
    const OWNS: bool = false;
}

/// The async iterator of `borrow()` over an async generator (or anything with `asend` and
/// `athrow`): it has them too.
pub struct BorrowedGenerator;

native_type!(
    BorrowedGenerator,
    c"asyncitertools.borrow",
    c"Async iterator over an async generator that it does not close; asend() and athrow() \
are the generator's."
);

impl RelayKind for BorrowedGenerator {
    const OWNS: bool = false;
}

/// Calls the borrowed iterator's method `name` with `args` (a new reference, or null).
///
/// # Safety
/// GIL held; `obj` a live borrowed generator; `args` null (an exception set) or a tuple.
unsafe fn pass_through(
    obj: *mut ffi::PyObject,
    name: &CStr,
    args: Option<Obj>,
) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        let Some(args) = args else {
            return null_mut();
        };
        let Some(relay) = machine_of::<Relay<BorrowedGenerator>>(obj) else {
            return null_mut();
        };
        let Some(iterator) = relay.iterator() else {
            return cleared(c"iterator");
        };
        let Some(method) = Obj::from_owned(ffi::PyObject_GetAttrString(
            iterator.as_ptr(),
            name.as_ptr(),
        )) else {
            return null_mut();
        };
        ffi::PyObject_Call(method.as_ptr(), args.as_ptr(), null_mut())
    }
}

unsafe extern "C" fn asend(
    obj: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_O method: GIL held, live self and argument.
        unsafe { pass_through(obj, c"asend", Obj::from_owned(ffi::PyTuple_Pack(1, value))) }
    })
}

unsafe extern "C" fn athrow(
    obj: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_VARARGS method: GIL held, live self, `args` a live tuple.
        unsafe { pass_through(obj, c"athrow", Some(Obj::from_borrowed(args))) }
    })
}

/// Builds the types of `borrow` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Relay<Borrowed>>(py)?;
    iterator::register_with::<Relay<BorrowedGenerator>>(
        py,
        None,
        vec![
            method(
                c"asend",
                asend,
                ffi::METH_O,
                c"asend(value) -> the borrowed async generator's asend(value).",
            ),
            method(
                c"athrow",
                athrow,
                ffi::METH_VARARGS,
                c"athrow(...) -> the borrowed async generator's athrow(...).",
            ),
        ],
    )?;
    BORROW.add_to(module, public_module)
}
