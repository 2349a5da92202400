//! `anext(aiterator, default=<none>, /)`: the builtin, with CPython's later fixes.
//!
//! - `__anext__` is called eagerly through the type's `am_anext` slot; an exception it
//!   raises propagates from `anext()` itself, with or without a default (CPython before
//!   3.12.10 and 3.13.3 crash there with a default: gh-131670).
//! - With a default, the result is an `anext_awaitable` that forwards every step to the
//!   awaitable `__anext__` returned and turns `StopAsyncIteration` into completion with the
//!   default, returned unchanged even when it is a tuple or an exception (gh-128078, fixed in
//!   CPython 3.12.9 and 3.13.2).
//! - The awaitable's iterator is got once, on the first step. CPython 3.10 to 3.15 get it
//!   again on every step, which restarts a generator-based `__await__` forever; 3.16 fixed it.

use crate::machinery::native_type::native_type;
use crate::machinery::awaitable::Machine;
use crate::machinery::awaitable::{new_awaitable, register as register_type};
use crate::machinery::drive::{self, awaitable_iter};
use crate::machinery::function::{positional_only, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::object::Obj;
use crate::machinery::slot::Slot;
use crate::machinery::slots::{async_methods, type_name};
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::{raise_stop_iteration, raise_stop_iteration_item, raised};
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ptr::null_mut;

pub static ANEXT: BuiltinFunction = BuiltinFunction::new(
    c"anext",
    anext,
    c"anext(aiterator[, default])\n\n\
Return the next item from the async iterator.  If default is given and the async\n\
iterator is exhausted, it is returned instead of raising StopAsyncIteration.",
);

unsafe extern "C" fn anext(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    positional_only(c"anext", kwnames, || {
        // SAFETY: vectorcall convention: GIL held, `args` holds `nargs` live objects; the
        // type's slot table lives as long as the type.
        unsafe {
            if nargs < 1 {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"anext expected at least 1 argument, got %zd".as_ptr(),
                    nargs,
                );
                return null_mut();
            }
            if nargs > 2 {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"anext expected at most 2 arguments, got %zd".as_ptr(),
                    nargs,
                );
                return null_mut();
            }
            let aiterator = *args;
            let Some(am_anext) = async_methods(aiterator).and_then(|slots| slots.am_anext) else {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"'%.200s' object is not an async iterator".as_ptr(),
                    type_name(aiterator),
                );
                return null_mut();
            };
            let Some(awaitable) = Obj::from_owned(am_anext(aiterator)) else {
                return null_mut();
            };
            if nargs == 1 {
                return awaitable.into_ptr();
            }
            new_awaitable(AnextAwaitable {
                wrapped: Slot::new(Some(awaitable)),
                default: Slot::new(Some(Obj::from_borrowed(*args.add(1)))),
                iter: Slot::new(None),
                defaulted: Cell::new(false),
            })
        }
    })
}

/// The awaitable of `anext(aiterator, default)`.
pub struct AnextAwaitable {
    /// What `__anext__` returned. Empty only after a GC clear, as are the others.
    wrapped: Slot,
    default: Slot,
    /// The iterator of `wrapped`, got on the first step.
    iter: Slot,
    /// Whether the last completion was the default's (rather than the inner awaitable's own,
    /// whose `StopIteration` is forwarded as it came).
    defaulted: Cell<bool>,
}

impl AnextAwaitable {
    /// The iterator to drive (a new reference, held across the step so that code the step
    /// runs cannot free it); got from the wrapped awaitable on first use.
    unsafe fn iterator(&self) -> Option<Obj> {
        if let Some(iter) = self.iter.get() {
            return Some(iter);
        }
        let wrapped = self.wrapped.get().or_else(cleared)?;
        // SAFETY: GIL held (all machine methods run inside CPython calls).
        let iter = unsafe { awaitable_iter(wrapped.as_ptr()) }?;
        self.iter.set(Some(iter.clone()));
        Some(iter)
    }

    /// Completion with the default when the step raised `StopAsyncIteration`.
    unsafe fn stop_async_to_default(&self, poll: Poll) -> Poll {
        // SAFETY: GIL held; `Raised` means an exception is set.
        unsafe {
            match poll {
                // A value (exactly StopIteration) is the common outcome: tell it apart by
                // identity before the subclass check.
                Poll::Raised
                    if ffi::PyErr_Occurred() != ffi::PyExc_StopIteration
                        && raised(ffi::PyExc_StopAsyncIteration) =>
                {
                    ffi::PyErr_Clear();
                    match self.default.get().or_else(cleared) {
                        Some(default) => {
                            self.defaulted.set(true);
                            Poll::Return(default)
                        }
                        None => Poll::Raised,
                    }
                }
                other => {
                    self.defaulted.set(false);
                    other
                }
            }
        }
    }
}

/// Raises the error of a step on an awaitable the GC has cleared (reachable only from
/// finalizers of objects in the same garbage cycle).
fn cleared<T>() -> Option<T> {
    // SAFETY: GIL held (all machine methods run inside CPython calls).
    unsafe {
        ffi::PyErr_SetString(
            ffi::PyExc_RuntimeError,
            c"anext_awaitable was cleared by the garbage collector".as_ptr(),
        );
    }
    None
}

native_type!(
    AnextAwaitable,
    c"asyncitertools.anext_awaitable",
    c"The awaitable of anext(aiterator, default)."
);

impl Machine for AnextAwaitable {
    unsafe fn resume(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract); `iter` is held for the duration of the step.
        unsafe {
            let Some(iter) = self.iterator() else {
                return Poll::Raised;
            };
            let poll = drive::resume(iter.as_ptr(), step);
            self.stop_async_to_default(poll)
        }
    }

    unsafe fn raise_completion(&self, value: &Obj) {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if self.defaulted.get() {
                raise_stop_iteration_item(value);
            } else {
                raise_stop_iteration(value);
            }
        }
    }

    // CPython 3.14 made `anext_awaitable.close()` take no arguments (gh-131666); before, they
    // went on to the wrapped awaitable's `close()`.
    const CLOSE_TAKES_ARGUMENTS: bool = !cfg!(Py_3_14);

    unsafe fn close(&self, args: *mut ffi::PyObject) -> *mut ffi::PyObject {
        // SAFETY: GIL held, `args` a live tuple or null (trait contract). Like CPython, the
        // arguments (if any) go to the wrapped awaitable's close(), and a StopAsyncIteration
        // from it becomes StopIteration(default).
        unsafe {
            let Some(iter) = self.iterator() else {
                return null_mut();
            };
            if let Some(result) = drive::close(iter.as_ptr(), args) {
                return result.into_ptr();
            }
            if let Poll::Return(default) = self.stop_async_to_default(Poll::Raised) {
                raise_stop_iteration_item(&default);
            }
            null_mut()
        }
    }
}

held!(AnextAwaitable {
    wrapped,
    default,
    iter
});

/// Builds the types of `anext` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    register_type::<AnextAwaitable>(py)?;
    ANEXT.add_to(module, public_module)
}
