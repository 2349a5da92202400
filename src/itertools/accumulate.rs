//! `accumulate(iterable, func=None, *, initial=None)`: running totals of a sync or async
//! iterable, by addition or by `func` (sync or async: an awaitable result is awaited).

use crate::machinery::call::Callable;
use crate::machinery::clinic::ClinicSignature;
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

pub static ACCUMULATE: BuiltinFunction = BuiltinFunction::new(
    c"accumulate",
    accumulate,
    c"accumulate(iterable, func=None, *, initial=None)\n--\n\n\
Return an async iterator of the running totals of a sync or async iterable: by addition, or \
by func(total, item), which may be sync or async (an awaitable result is awaited). With an \
initial value, it comes first and starts the total.",
);

const SIGNATURE: ClinicSignature<3> = ClinicSignature {
    function: c"accumulate",
    names: [c"iterable", c"func", c"initial"],
    required: 1,
    max_positional: 2,
    positional_only: 0,
};

vectorcall!(accumulate, |args, nargs, kwnames| {
    let Some([iterable, func, initial]) = SIGNATURE.bind(args, nargs, kwnames) else {
        return null_mut();
    };
    let Some(source) = Source::new(iterable) else {
        return null_mut();
    };
    // As the stdlib: None for either means "not given".
    let given = |arg: *mut ffi::PyObject| !arg.is_null() && arg != ffi::Py_None();
    new_iterator(Accumulate {
        source,
        func: given(func).then(|| Callable::new(Obj::from_borrowed(func))),
        initial: Slot::new(given(initial).then(|| Obj::from_borrowed(initial))),
        total: Slot::new(None),
        ending: Ending::new(),
    })
});

/// The async iterator of `accumulate()`.
pub struct Accumulate {
    source: Source,
    /// `None`: addition.
    func: Option<Callable>,
    /// The initial value, until it is produced.
    initial: Slot,
    /// The running total; empty before the first item.
    total: Slot,
    ending: Ending,
}

native_type!(
    Accumulate,
    c"asyncitertools.itertools.accumulate",
    c"Async iterator of running totals."
);

impl IterMachine for Accumulate {
    unsafe fn poll_next(&self, step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            if let Some(initial) = self.initial.get() {
                self.initial.clear();
                self.total.set(Some(initial.clone()));
                return Poll::Return(initial);
            }
            let poll = match &self.func {
                Some(func) if func.is_active() => func.resume(step),
                func => {
                    let item = match self.source.pull(step) {
                        Poll::Return(item) => item,
                        Poll::Raised => return self.ending.fail(sources),
                        poll => return poll,
                    };
                    let Some(total) = self.total.get() else {
                        self.total.set(Some(item.clone()));
                        return Poll::Return(item);
                    };
                    match func {
                        Some(func) => func.call(&[total.as_ptr(), item.as_ptr()]),
                        None => {
                            match Obj::from_owned(ffi::PyNumber_Add(total.as_ptr(), item.as_ptr()))
                            {
                                Some(sum) => Poll::Return(sum),
                                None => Poll::Raised,
                            }
                        }
                    }
                }
            };
            match poll {
                Poll::Return(total) => {
                    self.total.set(Some(total.clone()));
                    Poll::Return(total)
                }
                Poll::Raised => self.ending.fail(sources),
                poll => poll,
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(Accumulate {
    source,
    func,
    initial,
    total,
    ending
});

/// Builds the types of `accumulate` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Accumulate>(py)?;
    ACCUMULATE.add_to(module, public_module)
}
