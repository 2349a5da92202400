//! `islice(iterable, stop)` / `islice(iterable, start, stop[, step])`: the items of a sync or
//! async iterable at the indices `range(start, stop, step)`, pulling no item beyond the last
//! of them. The source is closed as soon as the slice is complete: before its last item is
//! delivered.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::ending::Ending;
use crate::machinery::exception::exhausted;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ffi::CStr;
use std::ptr::null_mut;

pub static ISLICE: BuiltinFunction = BuiltinFunction::new(
    c"islice",
    islice,
    c"islice(iterable, stop)\nislice(iterable, start, stop[, step])\n\n\
Return an async iterator of the items of a sync or async iterable at the indices \
range(start, stop, step). start defaults to 0, step to 1; a stop of None means no end. No \
item is pulled beyond the last one of the slice, and the source is closed before the last one \
is delivered.",
);

const STOP_ERROR: &CStr =
    c"Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const INDICES_ERROR: &CStr =
    c"Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const STEP_ERROR: &CStr = c"Step for islice() must be a positive integer or None.";

/// An index argument as the stdlib reads it: `None` for `None`, else its value, which is -1
/// for anything that is not an integer in the range of `isize` (any exception cleared: the
/// caller raises its own).
///
/// # Safety
/// GIL held; `arg` alive.
unsafe fn index(arg: *mut ffi::PyObject) -> Option<isize> {
    // SAFETY: caller's contract.
    unsafe {
        if arg == ffi::Py_None() {
            return None;
        }
        let value = ffi::PyNumber_AsSsize_t(arg, ffi::PyExc_OverflowError);
        if value == -1 && !ffi::PyErr_Occurred().is_null() {
            ffi::PyErr_Clear();
        }
        Some(value)
    }
}

/// # Safety
/// GIL held.
unsafe fn value_error(message: &CStr) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe { ffi::PyErr_SetString(ffi::PyExc_ValueError, message.as_ptr()) };
    null_mut()
}

vectorcall!(islice, |args, nargs, kwnames| {
    if !no_keywords(c"islice", kwnames) || !check_positional(c"islice", nargs, 2, 4) {
        return null_mut();
    }
    let args = std::slice::from_raw_parts(args, nargs as usize);
    // The stdlib's checks, in its order: the stop, then the indices, then the step.
    let (start, stop) = if args.len() == 2 {
        (0, index(args[1]))
    } else {
        (index(args[1]).unwrap_or(0), index(args[2]))
    };
    if stop == Some(-1) {
        return value_error(STOP_ERROR);
    }
    if start < 0 || stop.is_some_and(|stop| stop < 0) {
        return value_error(INDICES_ERROR);
    }
    let step = args.get(3).map_or(1, |step| index(*step).unwrap_or(1));
    if step < 1 {
        return value_error(STEP_ERROR);
    }
    let Some(source) = Source::new(args[0]) else {
        return null_mut();
    };
    new_iterator(Islice {
        source,
        pulled: Cell::new(0),
        next: Cell::new(start as usize),
        stop: stop.map_or(usize::MAX, |stop| stop as usize),
        step: step as usize,
        ending: Ending::new(),
    })
});

/// The async iterator of `islice()`.
pub struct Islice {
    source: Source,
    /// How many items were pulled: the index of the next one.
    pulled: Cell<usize>,
    /// The index of the next item to produce.
    next: Cell<usize>,
    /// `usize::MAX` for no stop (an index never reached: at most `sys.maxsize` items are
    /// counted).
    stop: usize,
    step: usize,
    ending: Ending,
}

native_type!(
    Islice,
    c"asyncitertools.itertools.islice",
    c"Async iterator of a slice of the items of an iterable."
);

impl IterMachine for Islice {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            let next = self.next.get();
            if next >= self.stop {
                // The slice is complete: end without pulling another item.
                exhausted::<()>();
                return self.ending.fail(sources);
            }
            // Items before `next` are pulled and dropped (in this loop: no recursion).
            loop {
                match self.source.pull(step) {
                    Poll::Return(item) => {
                        let index = self.pulled.get();
                        self.pulled.set(index + 1);
                        if index == next {
                            let after = next.saturating_add(self.step);
                            self.next.set(after);
                            if after >= self.stop {
                                // The last item of the slice: the source is closed before it
                                // is delivered, not at the next step (which may never come).
                                return self.ending.finish(sources, item);
                            }
                            return Poll::Return(item);
                        }
                        step = Step::Next;
                    }
                    Poll::Raised => return self.ending.fail(sources),
                    poll => return poll,
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(Islice { source, ending });

/// Builds the types of `islice` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Islice>(py)?;
    ISLICE.add_to(module, public_module)
}
