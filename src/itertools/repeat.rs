//! `repeat(object[, times])`: `object` forever, or `times` times (none if negative), as the
//! stdlib. Never suspends.

use crate::machinery::args::{check_keywords, keyword_count, Param, Signature};
use crate::machinery::exception::{cleared, exhausted};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::slot::Slot;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ptr::null_mut;

pub static REPEAT: BuiltinFunction = BuiltinFunction::new(
    c"repeat",
    repeat,
    c"repeat(object, times=...)\n--\n\n\
Return an async iterator of object, times times (forever if times is not given).",
);

const SIGNATURE: Signature<2> = Signature {
    function: c"repeat",
    params: [
        // Checked below: the stdlib's message names the position in every version.
        Param {
            name: c"object",
            required: false,
        },
        Param {
            name: c"times",
            required: false,
        },
    ],
};

vectorcall!(repeat, |args, nargs, kwnames| {
    if nargs as usize + keyword_count(kwnames) <= 2
        && !check_keywords(c"repeat", &[c"object", c"times"], kwnames)
    {
        return null_mut();
    }
    let Some([object, times]) = SIGNATURE.bind(args, nargs, kwnames) else {
        return null_mut();
    };
    if object.is_null() {
        ffi::PyErr_SetString(
            ffi::PyExc_TypeError,
            c"repeat() missing required argument 'object' (pos 1)".as_ptr(),
        );
        return null_mut();
    }
    let remaining = if times.is_null() {
        None
    } else {
        // The stdlib's "n" conversion: __index__, then a C ssize_t.
        let Some(index) = Obj::from_owned(ffi::PyNumber_Index(times)) else {
            return null_mut();
        };
        let times = ffi::PyLong_AsSsize_t(index.as_ptr());
        if times == -1 && !ffi::PyErr_Occurred().is_null() {
            return null_mut();
        }
        Some(times.max(0))
    };
    new_iterator(Repeat {
        object: Slot::new(Some(Obj::from_borrowed(object))),
        remaining: Cell::new(remaining),
    })
});

/// The async iterator of `repeat()`.
pub struct Repeat {
    object: Slot,
    /// How many items are left (`None`: forever).
    remaining: Cell<Option<isize>>,
}

native_type!(
    Repeat,
    c"asyncitertools.itertools.repeat",
    c"Async iterator of one object, a number of times or forever."
);

impl IterMachine for Repeat {
    unsafe fn poll_next(&self, _step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            match self.remaining.get() {
                Some(0) => {
                    // Done: the object is no longer needed.
                    self.object.clear();
                    return exhausted();
                }
                Some(left) => self.remaining.set(Some(left - 1)),
                None => {}
            }
            match self.object.get() {
                Some(object) => Poll::Return(object),
                None => cleared(c"iterator"),
            }
        }
    }

    unsafe fn poll_close(&self, _step: Step) -> Poll {
        // No sources: nothing to close.
        Poll::Return(Obj::none())
    }
}

held!(Repeat { object });

/// Builds the types of `repeat` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Repeat>(py)?;
    REPEAT.add_to(module, public_module)
}
