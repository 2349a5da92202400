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
//!   again on every step, which restarts a generator-based `__await__` forever (still so in
//!   CPython main as read on 2026-08-21).

use crate::machinery::awaitable::Machine;
use crate::machinery::awaitable::{new_awaitable, register as register_type};
use crate::machinery::exception::cleared;
use crate::machinery::function::{positional_only, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::pending::Pending;
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
                pending: Pending::new(),
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
    /// `wrapped`, attached on the first step (when `await` checks it, as in CPython).
    pending: Pending,
    /// Whether the last completion was the default's (rather than the inner awaitable's own,
    /// whose `StopIteration` is forwarded as it came).
    defaulted: Cell<bool>,
}

impl AnextAwaitable {
    /// Attaches the wrapped awaitable on first use: `false` with an exception if `await`
    /// refuses it.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn attach(&self) -> bool {
        if self.pending.is_active() {
            return true;
        }
        // SAFETY: caller's contract.
        unsafe {
            match self.wrapped.get() {
                Some(wrapped) => self.pending.attach(&wrapped),
                None => cleared(c"anext_awaitable"),
            }
        }
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
                    match self.default.get() {
                        Some(default) => {
                            self.defaulted.set(true);
                            Poll::Return(default)
                        }
                        None => cleared(c"anext_awaitable"),
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

native_type!(
    AnextAwaitable,
    c"asyncitertools.anext_awaitable",
    c"The awaitable of anext(aiterator, default)."
);

impl Machine for AnextAwaitable {
    unsafe fn resume(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if !self.attach() {
                return Poll::Raised;
            }
            self.stop_async_to_default(self.pending.forward(step))
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
            if !self.attach() {
                return null_mut();
            }
            if let Some(result) = self.pending.close(args) {
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
    pending
});

/// Builds the types of `anext` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    register_type::<AnextAwaitable>(py)?;
    ANEXT.add_to(module, public_module)
}
