//! `map(function, iterable, /, *iterables, strict=False)`: `function` (sync or async) applied
//! to the items of sync or async iterables.

use crate::machinery::args::{flag, keyword_only};
use crate::machinery::call::{tuple_items, Callable};
use crate::machinery::ending::Ending;
use crate::machinery::exception::add_note;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::gather::Gather;
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static MAP: BuiltinFunction = BuiltinFunction::new(
    c"map",
    map,
    c"map(function, iterable, /, *iterables, strict=False)\n--\n\n\
Return an async iterator of function(*items) for one item from each iterable, until the \
shortest is exhausted. The function may be sync or async: an awaitable result is awaited.\n\n\
If strict is true and one of the iterables is exhausted before the others, raise a ValueError.",
);

vectorcall!(map, |args, nargs, kwnames| {
    if nargs < 2 {
        ffi::PyErr_SetString(
            ffi::PyExc_TypeError,
            c"map() must have at least two arguments.".as_ptr(),
        );
        return null_mut();
    }
    let Some([strict]) = keyword_only(c"map", [c"strict"], args, nargs, kwnames) else {
        return null_mut();
    };
    let Some(strict) = flag(strict) else {
        return null_mut();
    };
    let iterables = std::slice::from_raw_parts(args.add(1), nargs as usize - 1);
    let Some(gather) = Gather::new(c"map", iterables, strict) else {
        // `map(source, function)`, in aiostream's order (`stream.map(source, func)`).
        if ffi::PyCallable_Check(*args) == 0 && ffi::PyCallable_Check(iterables[0]) != 0 {
            add_note(c"map() takes the function first: map(function, iterable, ...).");
        }
        return null_mut();
    };
    new_iterator(Map {
        function: Callable::new(Obj::from_borrowed(*args)),
        gather,
        ending: Ending::new(),
    })
});

/// The async iterator of `map()`.
pub struct Map {
    function: Callable,
    gather: Gather,
    ending: Ending,
}

native_type!(
    Map,
    c"asyncitertools.map",
    c"Async iterator of a function's results over items."
);

impl IterMachine for Map {
    unsafe fn poll_next(&self, step: Step) -> Poll {
        let sources = self.gather.sources();
        // SAFETY: GIL held (trait contract).
        unsafe {
            self.ending.step(sources, step, |step| {
                if self.function.is_active() {
                    self.function.resume(step)
                } else if let [source] = sources {
                    // One iterable: its item is the argument, no tuple in between.
                    match source.pull(step) {
                        Poll::Return(item) => self.function.call(&[item.as_ptr()]),
                        other => other,
                    }
                } else {
                    match self.gather.poll(step) {
                        Poll::Return(items) => self.function.call(tuple_items(&items)),
                        other => other,
                    }
                }
            })
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(self.gather.sources(), step) }
    }
}

held!(Map {
    function,
    gather,
    ending
});

/// Builds the types of `map` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Map>(py)?;
    MAP.add_to(module, public_module)
}
