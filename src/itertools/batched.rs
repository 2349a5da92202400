//! `batched(iterable, n, *, strict=False)`: the items of a sync or async iterable in tuples of
//! `n` (the last one shorter, or a `ValueError` if `strict`). Offered on every Python version,
//! with `strict`, as the stdlib's 3.13 signature.

use crate::machinery::args::flag;
use crate::machinery::clinic::ClinicSignature;
use crate::machinery::ending::Ending;
use crate::machinery::exception::exhausted;
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
use std::cell::Cell;
use std::ptr::null_mut;

pub static BATCHED: BuiltinFunction = BuiltinFunction::new(
    c"batched",
    batched,
    c"batched(iterable, n, *, strict=False)\n--\n\n\
Return an async iterator of tuples of n consecutive items of a sync or async iterable; the \
last one may be shorter. If strict is true, a shorter last batch raises a ValueError instead.",
);

const SIGNATURE: ClinicSignature<3> = ClinicSignature {
    function: c"batched",
    names: [c"iterable", c"n", c"strict"],
    required: 2,
    max_positional: 2,
    positional_only: 0,
};

vectorcall!(batched, |args, nargs, kwnames| {
    let Some([iterable, n, strict]) = SIGNATURE.bind(args, nargs, kwnames) else {
        return null_mut();
    };
    // The stdlib's order: n converted, strict's truth, n's range, the iterable.
    let Some(n) = Obj::from_owned(ffi::PyNumber_Index(n)) else {
        return null_mut();
    };
    let n = ffi::PyLong_AsSsize_t(n.as_ptr());
    if n == -1 && !ffi::PyErr_Occurred().is_null() {
        return null_mut();
    }
    let Some(strict) = flag(strict) else {
        return null_mut();
    };
    if n < 1 {
        ffi::PyErr_SetString(ffi::PyExc_ValueError, c"n must be at least one".as_ptr());
        return null_mut();
    }
    let Some(source) = Source::new(iterable) else {
        return null_mut();
    };
    new_iterator(Batched {
        source,
        n: n as usize,
        strict,
        batch: Slot::new(None),
        exhausted: Cell::new(false),
        ending: Ending::new(),
    })
});

/// The async iterator of `batched()`.
pub struct Batched {
    source: Source,
    n: usize,
    strict: bool,
    /// The batch being filled (a list: it may be seen by the garbage collector while a pull
    /// is suspended, so it never holds an unset item as a tuple under construction would).
    batch: Slot,
    /// The source ended after a shorter last batch: the next step ends without pulling.
    exhausted: Cell<bool>,
    ending: Ending,
}

impl Batched {
    /// The batch filled so far, as a tuple; the next batch starts empty.
    ///
    /// # Safety
    /// GIL held; `batch` is the (non-empty) batch being filled.
    unsafe fn take_batch(&self, batch: &Obj, sources: &[Source]) -> Poll {
        self.batch.clear();
        // SAFETY: caller's contract; `batch` is a list.
        unsafe {
            match Obj::from_owned(ffi::PyList_AsTuple(batch.as_ptr())) {
                Some(tuple) => Poll::Return(tuple),
                None => self.ending.fail(sources),
            }
        }
    }
}

native_type!(
    Batched,
    c"asyncitertools.itertools.batched",
    c"Async iterator of tuples of consecutive items."
);

impl IterMachine for Batched {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            if self.exhausted.get() {
                exhausted::<()>();
                return self.ending.fail(sources);
            }
            loop {
                match self.source.pull(step) {
                    Poll::Return(item) => {
                        let batch = match self.batch.get() {
                            Some(batch) => batch,
                            None => {
                                let Some(batch) = Obj::from_owned(ffi::PyList_New(0)) else {
                                    return self.ending.fail(sources);
                                };
                                self.batch.set(Some(batch.clone()));
                                batch
                            }
                        };
                        if ffi::PyList_Append(batch.as_ptr(), item.as_ptr()) != 0 {
                            self.batch.clear();
                            return self.ending.fail(sources);
                        }
                        if ffi::PyList_GET_SIZE(batch.as_ptr()) as usize == self.n {
                            return self.take_batch(&batch, sources);
                        }
                        step = Step::Next;
                    }
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Raised => {
                        let ended = ffi::PyErr_ExceptionMatches(ffi::PyExc_StopAsyncIteration) != 0;
                        let batch = self.batch.get();
                        let Some(batch) = batch.filter(|_| ended) else {
                            // A failing source loses the batch in progress, as in the stdlib.
                            self.batch.clear();
                            return self.ending.fail(sources);
                        };
                        ffi::PyErr_Clear();
                        if self.strict {
                            self.batch.clear();
                            ffi::PyErr_SetString(
                                ffi::PyExc_ValueError,
                                c"batched(): incomplete batch".as_ptr(),
                            );
                            return self.ending.fail(sources);
                        }
                        self.exhausted.set(true);
                        return self.take_batch(&batch, sources);
                    }
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(Batched {
    source,
    batch,
    ending
});

/// Builds the types of `batched` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Batched>(py)?;
    BATCHED.add_to(module, public_module)
}
