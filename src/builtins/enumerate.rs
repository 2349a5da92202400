//! `enumerate(iterable, start=0)`: `(index, item)` pairs from a sync or async iterable.

use crate::machinery::args::{Param, Signature};
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
use std::cell::Cell;
use std::ptr::null_mut;

pub static ENUMERATE: BuiltinFunction = BuiltinFunction::new(
    c"enumerate",
    enumerate,
    c"enumerate(iterable, start=0)\n--\n\n\
Return an async iterator of (index, item) pairs of a sync or async iterable.",
);

const SIGNATURE: Signature<2> = Signature {
    function: c"enumerate",
    params: [
        Param {
            name: c"iterable",
            required: true,
        },
        Param {
            name: c"start",
            required: false,
        },
    ],
};

vectorcall!(enumerate, |args, nargs, kwnames| {
    let Some([iterable, start]) = SIGNATURE.bind(args, nargs, kwnames) else {
        return null_mut();
    };
    // The stdlib converts start first (its messages come first too).
    let start = if start.is_null() {
        ffi::PyLong_FromLong(0)
    } else {
        ffi::PyNumber_Index(start)
    };
    let Some(start) = Obj::from_owned(start) else {
        return null_mut();
    };
    let Some(source) = Source::new(iterable) else {
        return null_mut();
    };
    let mut overflow = 0;
    let small = ffi::PyLong_AsLongLongAndOverflow(start.as_ptr(), &mut overflow);
    let (index, big) = if overflow == 0 && small < i64::MAX {
        (small, None)
    } else {
        (0, Some(start))
    };
    new_iterator(Enumerate {
        source,
        index: Cell::new(index),
        big_index: Slot::new(big),
        ending: Ending::new(),
    })
});

/// The async iterator of `enumerate()`.
pub struct Enumerate {
    source: Source,
    /// The next index while it fits a machine integer,
    index: Cell<i64>,
    /// then as a Python int.
    big_index: Slot,
    ending: Ending,
}

impl Enumerate {
    /// The index for the next item (a new reference), advancing the counter.
    unsafe fn take_index(&self) -> Option<Obj> {
        // SAFETY: GIL held (all machine methods run inside CPython calls).
        unsafe {
            if let Some(big) = self.big_index.get() {
                let one = Obj::from_owned(ffi::PyLong_FromLong(1))?;
                let next = Obj::from_owned(ffi::PyNumber_Add(big.as_ptr(), one.as_ptr()))?;
                self.big_index.set(Some(next));
                return Some(big);
            }
            let index = self.index.get();
            if index == i64::MAX {
                self.big_index
                    .set(Some(Obj::from_owned(ffi::PyLong_FromLongLong(index))?));
                return self.take_index();
            }
            self.index.set(index + 1);
            Obj::from_owned(ffi::PyLong_FromLongLong(index))
        }
    }
}

native_type!(
    Enumerate,
    c"asyncitertools.enumerate",
    c"Async iterator of (index, item) pairs."
);

impl IterMachine for Enumerate {
    unsafe fn poll_next(&self, step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            self.ending
                .step(sources, step, |step| match self.source.pull(step) {
                    Poll::Return(item) => {
                        let Some(index) = self.take_index() else {
                            return Poll::Raised;
                        };
                        let pair = ffi::PyTuple_Pack(2, index.as_ptr(), item.as_ptr());
                        match Obj::from_owned(pair) {
                            Some(pair) => Poll::Return(pair),
                            None => Poll::Raised,
                        }
                    }
                    other => other,
                })
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(Enumerate {
    source,
    big_index,
    ending
});

/// Builds the types of `enumerate` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Enumerate>(py)?;
    ENUMERATE.add_to(module, public_module)
}
