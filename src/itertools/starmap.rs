//! `starmap(function, iterable, /)`: `function(*item)` (sync or async) for each item of
//! `iterable`; each item is unpacked as the stdlib does (a tuple as it is, another iterable
//! through `tuple()`, anything else a `TypeError`).

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::call::{tuple_items, Callable};
use crate::machinery::ending::Ending;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static STARMAP: BuiltinFunction = BuiltinFunction::new(
    c"starmap",
    starmap,
    c"starmap(function, iterable, /)\n--\n\n\
Return an async iterator of function(*args) for each tuple args of iterable. The function \
may be sync or async: an awaitable result is awaited.",
);

vectorcall!(starmap, |args, nargs, kwnames| {
    if !no_keywords(c"starmap", kwnames) || !check_positional(c"starmap", nargs, 2, 2) {
        return null_mut();
    }
    let Some(source) = Source::new(*args.add(1)) else {
        return null_mut();
    };
    new_iterator(Starmap {
        function: Callable::new(Obj::from_borrowed(*args)),
        source,
        ending: Ending::new(),
    })
});

/// The async iterator of `starmap()`.
pub struct Starmap {
    function: Callable,
    source: Source,
    ending: Ending,
}

native_type!(
    Starmap,
    c"asyncitertools.itertools.starmap",
    c"Async iterator of a function's results over argument tuples."
);

impl IterMachine for Starmap {
    unsafe fn poll_next(&self, step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            self.ending.step(sources, step, |step| {
                if self.function.is_active() {
                    return self.function.resume(step);
                }
                match self.source.pull(step) {
                    Poll::Return(item) => match arguments(item) {
                        Some(args) => self.function.call(tuple_items(&args)),
                        None => Poll::Raised,
                    },
                    other => other,
                }
            })
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(Starmap {
    function,
    source,
    ending
});

/// An item as an argument tuple, as the stdlib's starmap makes it: an exact tuple as it is,
/// anything else through `PySequence_Tuple` (`'int' object is not iterable`).
///
/// # Safety
/// GIL held.
unsafe fn arguments(item: Obj) -> Option<Obj> {
    // SAFETY: caller's contract.
    unsafe {
        if ffi::PyTuple_CheckExact(item.as_ptr()) != 0 {
            Some(item)
        } else {
            Obj::from_owned(ffi::PySequence_Tuple(item.as_ptr()))
        }
    }
}

/// Builds the types of `starmap` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Starmap>(py)?;
    STARMAP.add_to(module, public_module)
}
