//! `cycle(iterable, /)`: the items of the iterable, saved on the first pass (as the stdlib),
//! then repeated forever; an iterable without items ends at once. The owned source is closed
//! as soon as the first pass is exhausted.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::ending::Ending;
use crate::machinery::exception::cleared;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ptr::null_mut;

pub static CYCLE: BuiltinFunction = BuiltinFunction::new(
    c"cycle",
    cycle,
    c"cycle(iterable, /)\n--\n\n\
Return an async iterator of the items of iterable (sync or async), then of the same items \
again, saved on the first pass, forever.",
);

vectorcall!(cycle, |args, nargs, kwnames| {
    if !no_keywords(c"cycle", kwnames) || !check_positional(c"cycle", nargs, 1, 1) {
        return null_mut();
    }
    let Some(source) = Source::new(*args) else {
        return null_mut();
    };
    let Some(saved) = Obj::from_owned(ffi::PyList_New(0)) else {
        return null_mut();
    };
    new_iterator(Cycle {
        source,
        saved: Slot::new(Some(saved)),
        state: Cell::new(State::FirstPass),
        index: Cell::new(0),
        ending: Ending::new(),
    })
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Pulling from the source, saving each item.
    FirstPass,
    /// Closing the exhausted source.
    Closing,
    /// Repeating the saved items.
    Repeating,
}

/// The async iterator of `cycle()`.
pub struct Cycle {
    source: Source,
    /// The items of the first pass (a list).
    saved: Slot,
    state: Cell<State>,
    /// The saved item to give next.
    index: Cell<ffi::Py_ssize_t>,
    ending: Ending,
}

impl Cycle {
    /// The next saved item, from the start again after the last.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn repeat(&self) -> Poll {
        // SAFETY: GIL held (caller's contract); the list is ours alone and not empty.
        unsafe {
            let Some(saved) = self.saved.get() else {
                return cleared(c"iterator");
            };
            let length = ffi::PyList_GET_SIZE(saved.as_ptr());
            let index = self.index.get() % length;
            self.index.set(index + 1);
            Poll::Return(Obj::from_borrowed(ffi::PyList_GET_ITEM(
                saved.as_ptr(),
                index,
            )))
        }
    }
}

native_type!(
    Cycle,
    c"asyncitertools.itertools.cycle",
    c"Async iterator repeating the items of an iterable forever."
);

impl IterMachine for Cycle {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            loop {
                if let Some(poll) = self.ending.next_step(sources, step) {
                    return poll;
                }
                match self.state.get() {
                    State::FirstPass => match self.source.pull(step) {
                        Poll::Return(item) => {
                            let Some(saved) = self.saved.get() else {
                                return self.repeat();
                            };
                            if ffi::PyList_Append(saved.as_ptr(), item.as_ptr()) != 0 {
                                return self.ending.fail(sources);
                            }
                            return Poll::Return(item);
                        }
                        Poll::Raised if raised(ffi::PyExc_StopAsyncIteration) => {
                            let empty = self
                                .saved
                                .get()
                                .map_or(true, |saved| ffi::PyList_GET_SIZE(saved.as_ptr()) == 0);
                            if empty {
                                return self.ending.fail(sources);
                            }
                            ffi::PyErr_Clear();
                            self.state.set(State::Closing);
                        }
                        Poll::Raised => return self.ending.fail(sources),
                        poll => return poll,
                    },
                    State::Closing => match self.source.close(step) {
                        Poll::Return(_) => self.state.set(State::Repeating),
                        Poll::Raised => return self.ending.fail(sources),
                        poll => return poll,
                    },
                    State::Repeating => return self.repeat(),
                }
                step = Step::Next;
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(Cycle {
    source,
    saved,
    ending
});

/// Builds the types of `cycle` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Cycle>(py)?;
    CYCLE.add_to(module, public_module)
}
