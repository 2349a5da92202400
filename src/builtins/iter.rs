//! `iter(object, /)`: an async iterator over a sync or async iterable; and
//! `iter(callable, /, stop_value, *, stop_exception=None)`: the results of calling a sync or
//! async callable until one equals `stop_value` or the call raises `stop_exception` (the
//! callable form proposed for the builtin `aiter()`, gh-64862).

use crate::machinery::args::{is_named, unexpected_keyword, Keywords};
use crate::machinery::call::Callable;
use crate::machinery::exception::exhausted;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::{held, Held};
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::relay::{Relay, RelayKind};
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use crate::machinery::version;
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ffi::CStr;
use std::ptr::null_mut;

pub static ITER: BuiltinFunction = BuiltinFunction::new(
    c"iter",
    iter,
    c"iter(iterable) -> async iterator over a sync or async iterable\n\
iter(callable, stop_value) -> async iterator of callable() until it returns stop_value\n\
iter(callable, *, stop_exception=E) -> ... until callable() raises E\n\n\
The callable may be sync or async: an awaitable result is awaited. StopAsyncIteration \
raised by it also ends the iteration.",
);

vectorcall!(iter, |args, nargs, kwnames| {
    if !crate::machinery::args::check_positional(c"iter", nargs, 1, 2) {
        return null_mut();
    }
    let mut stop_value = if nargs == 2 { *args.add(1) } else { null_mut() };
    let mut stop_exception = null_mut();
    for (key, value) in Keywords::of(args, nargs, kwnames).iter() {
        if is_named(key, c"stop_exception") {
            stop_exception = value;
        } else if is_named(key, c"stop_value") {
            if !stop_value.is_null() {
                ffi::PyErr_SetString(
                    ffi::PyExc_TypeError,
                    c"argument for iter() given by name ('stop_value') and position (2)".as_ptr(),
                );
                return null_mut();
            }
            stop_value = value;
        } else {
            unexpected_keyword(c"iter", key);
            return null_mut();
        }
    }
    if !stop_exception.is_null() && ffi::Py_IsNone(stop_exception) != 0 {
        stop_exception = null_mut();
    }
    let object = *args;
    if stop_value.is_null() && stop_exception.is_null() {
        return match Source::new(object) {
            Some(source) => new_iterator(Relay::<Iterated>::new(source)),
            None => null_mut(),
        };
    }
    if ffi::PyCallable_Check(object) == 0 {
        ffi::PyErr_SetString(ffi::PyExc_TypeError, not_callable().as_ptr());
        return null_mut();
    }
    let Some(stop_exception) = stop_exception_of(stop_exception) else {
        return null_mut();
    };
    new_iterator(CallIterator {
        function: Callable::new(Obj::from_borrowed(object)),
        stop_value: Slot::new((!stop_value.is_null()).then(|| Obj::from_borrowed(stop_value))),
        stop_exception: Slot::new(stop_exception),
        done: Cell::new(false),
    })
});

/// The stdlib's message for a sentinel with something that cannot be called: 3.12.0 to 3.12.9
/// word it their own way (3.12.10 went back to the wording of every other version).
fn not_callable() -> &'static CStr {
    if cfg!(all(Py_3_12, not(Py_3_13))) && !version::at_least(3, 12, 10) {
        c"iter(object, sentinel): object must be callable"
    } else {
        c"iter(v, w): v must be callable"
    }
}

/// The stop exception to match (`Some(None)`: none), or `None` with `TypeError` when it
/// is not an exception class or a tuple of them. `StopAsyncIteration` and `()`
/// always end the iteration, so they are kept as "none".
///
/// # Safety
/// GIL held.
unsafe fn stop_exception_of(given: *mut ffi::PyObject) -> Option<Option<Obj>> {
    // SAFETY: caller's contract.
    unsafe {
        if given.is_null() || given == ffi::PyExc_StopAsyncIteration {
            return Some(None);
        }
        let is_class = |object: *mut ffi::PyObject| ffi::PyExceptionClass_Check(object) != 0;
        let valid = if ffi::PyTuple_Check(given) != 0 {
            let size = ffi::PyTuple_GET_SIZE(given);
            if size == 0 {
                return Some(None);
            }
            (0..size).all(|i| is_class(ffi::PyTuple_GET_ITEM(given, i)))
        } else {
            is_class(given)
        };
        if !valid {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"iter() stop_exception must be an exception class or a tuple of exception classes"
                    .as_ptr(),
            );
            return None;
        }
        Some(Some(Obj::from_borrowed(given)))
    }
}

/// The async iterator of `iter(iterable)`.
pub struct Iterated;

native_type!(
    Iterated,
    c"asyncitertools.iter",
    c"Async iterator over a sync or async iterable."
);

impl RelayKind for Iterated {
    const OWNS: bool = true;
}

/// The async iterator of `iter(callable, stop_value)`.
pub struct CallIterator {
    function: Callable,
    stop_value: Slot,
    stop_exception: Slot,
    /// Ended: every further step raises `StopAsyncIteration`.
    done: Cell<bool>,
}

impl CallIterator {
    /// Ends the iteration: `StopAsyncIteration`.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn end(&self) -> Poll {
        self.done.set(true);
        self.function.clear();
        self.stop_value.clear();
        self.stop_exception.clear();
        // SAFETY: caller's contract.
        unsafe { exhausted() }
    }
}

native_type!(
    CallIterator,
    c"asyncitertools.callable_iterator",
    c"Async iterator of a callable's results until a stop value."
);

impl IterMachine for CallIterator {
    unsafe fn poll_next(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if self.done.get() {
                return self.end();
            }
            let poll = if self.function.is_active() {
                self.function.resume(step)
            } else {
                self.function.call(&[])
            };
            match poll {
                Poll::Return(value) => {
                    if let Some(stop_value) = self.stop_value.get() {
                        // As the stdlib: the stop value is the left operand.
                        match ffi::PyObject_RichCompareBool(
                            stop_value.as_ptr(),
                            value.as_ptr(),
                            ffi::Py_EQ,
                        ) {
                            -1 => return Poll::Raised,
                            0 => {}
                            _ => return self.end(),
                        }
                    }
                    Poll::Return(value)
                }
                Poll::Yield(value) => Poll::Yield(value),
                Poll::Raised => {
                    let stops = raised(ffi::PyExc_StopAsyncIteration)
                        || raised(ffi::PyExc_StopIteration)
                        || self
                            .stop_exception
                            .get()
                            .is_some_and(|stop| ffi::PyErr_ExceptionMatches(stop.as_ptr()) != 0);
                    if stops {
                        ffi::PyErr_Clear();
                        return self.end();
                    }
                    Poll::Raised
                }
            }
        }
    }

    unsafe fn poll_close(&self, _step: Step) -> Poll {
        // SAFETY: GIL held (trait contract); a call in flight cannot be: the phase rule
        // refuses aclose() while a step runs.
        unsafe {
            self.end();
            ffi::PyErr_Clear();
        }
        Poll::Return(Obj::none())
    }
}

held!(CallIterator {
    function,
    stop_value,
    stop_exception
});

/// Builds the types of `iter` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Relay<Iterated>>(py)?;
    iterator::register::<CallIterator>(py)?;
    ITER.add_to(module, public_module)
}
