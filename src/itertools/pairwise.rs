//! `pairwise(iterable, /)`: the overlapping pairs of consecutive items of a sync or async
//! iterable.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::ending::Ending;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static PAIRWISE: BuiltinFunction = BuiltinFunction::new(
    c"pairwise",
    pairwise,
    c"pairwise(iterable, /)\n--\n\n\
Return an async iterator of the overlapping pairs (a, b), (b, c), ... of consecutive items of \
a sync or async iterable.",
);

vectorcall!(pairwise, |args, nargs, kwnames| {
    if !no_keywords(c"pairwise", kwnames) || !check_positional(c"pairwise", nargs, 1, 1) {
        return null_mut();
    }
    let Some(source) = Source::new(*args) else {
        return null_mut();
    };
    new_iterator(Pairwise {
        source,
        previous: Slot::new(None),
        ending: Ending::new(),
    })
});

/// The async iterator of `pairwise()`.
pub struct Pairwise {
    source: Source,
    /// The last item pulled; empty before the first.
    previous: Slot,
    ending: Ending,
}

native_type!(
    Pairwise,
    c"asyncitertools.itertools.pairwise",
    c"Async iterator of overlapping pairs of consecutive items."
);

impl IterMachine for Pairwise {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            // The first step pulls two items, every later one a single item.
            loop {
                let item = match self.source.pull(step) {
                    Poll::Return(item) => item,
                    Poll::Raised => {
                        self.previous.clear();
                        return self.ending.fail(sources);
                    }
                    poll => return poll,
                };
                let Some(previous) = self.previous.get() else {
                    self.previous.set(Some(item));
                    step = Step::Next;
                    continue;
                };
                let pair = ffi::PyTuple_Pack(2, previous.as_ptr(), item.as_ptr());
                self.previous.set(Some(item));
                return match Obj::from_owned(pair) {
                    Some(pair) => Poll::Return(pair),
                    None => self.ending.fail(sources),
                };
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(Pairwise {
    source,
    previous,
    ending
});

/// Builds the types of `pairwise` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Pairwise>(py)?;
    PAIRWISE.add_to(module, public_module)
}
