//! `count(start=0, step=1)`: `start`, `start + step`, `start + step + step`, ... by repeated
//! addition, exactly as the stdlib (so floats accumulate its rounding). Never suspends.

use crate::machinery::args::{check_keywords, keyword_count, Param, Signature};
use crate::machinery::exception::cleared;
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

pub static COUNT: BuiltinFunction = BuiltinFunction::new(
    c"count",
    count,
    c"count(start=0, step=1)\n--\n\n\
Return an async iterator of evenly spaced numbers: start, start + step, start + 2 * step \
(by repeated addition), and so on, forever.",
);

const SIGNATURE: Signature<2> = Signature {
    function: c"count",
    params: [
        Param {
            name: c"start",
            required: false,
        },
        Param {
            name: c"step",
            required: false,
        },
    ],
};

vectorcall!(count, |args, nargs, kwnames| {
    // The count check first, as the stdlib; then the version's unknown-keyword text.
    if nargs as usize + keyword_count(kwnames) <= 2
        && !check_keywords(c"count", &[c"start", c"step"], kwnames)
    {
        return null_mut();
    }
    let Some([start, step]) = SIGNATURE.bind(args, nargs, kwnames) else {
        return null_mut();
    };
    for number in [start, step] {
        if !number.is_null() && ffi::PyNumber_Check(number) == 0 {
            ffi::PyErr_SetString(ffi::PyExc_TypeError, c"a number is required".as_ptr());
            return null_mut();
        }
    }
    let Some(machine) = Count::new(start, step) else {
        return null_mut();
    };
    new_iterator(machine)
});

/// The async iterator of `count()`.
pub struct Count {
    /// The stdlib's fast mode: the next value as a machine integer (`start` an int that fits
    /// and `step` the int 1); `None` once the values are Python objects.
    fast: Cell<Option<isize>>,
    /// The next value (slow mode) and the step.
    value: Slot,
    step: Slot,
}

impl Count {
    /// # Safety
    /// GIL held; `start` and `step` null (not given) or numbers.
    unsafe fn new(start: *mut ffi::PyObject, step: *mut ffi::PyObject) -> Option<Count> {
        // SAFETY: caller's contract.
        unsafe {
            let fast_start = if start.is_null() {
                Some(0)
            } else if ffi::PyLong_Check(start) != 0 {
                let value = ffi::PyLong_AsSsize_t(start);
                if value == -1 && !ffi::PyErr_Occurred().is_null() {
                    ffi::PyErr_Clear();
                    None
                } else {
                    Some(value)
                }
            } else {
                None
            };
            let step_is_one = step.is_null()
                || (ffi::PyLong_Check(step) != 0 && {
                    let value = ffi::PyLong_AsLong(step);
                    if value == -1 && !ffi::PyErr_Occurred().is_null() {
                        ffi::PyErr_Clear();
                    }
                    value == 1
                });
            let fast = fast_start.filter(|_| step_is_one);
            let value = match (fast, start.is_null()) {
                (Some(_), _) => None,
                (None, false) => Some(Obj::from_borrowed(start)),
                (None, true) => Some(Obj::from_owned(ffi::PyLong_FromLong(0))?),
            };
            let step = if step.is_null() {
                Obj::from_owned(ffi::PyLong_FromLong(1))?
            } else {
                Obj::from_borrowed(step)
            };
            Some(Count {
                fast: Cell::new(fast),
                value: Slot::new(value),
                step: Slot::new(Some(step)),
            })
        }
    }
}

native_type!(
    Count,
    c"asyncitertools.itertools.count",
    c"Async iterator of evenly spaced numbers, forever."
);

impl IterMachine for Count {
    unsafe fn poll_next(&self, _step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(value) = self.fast.get() {
                let Some(item) = Obj::from_owned(ffi::PyLong_FromSsize_t(value)) else {
                    return Poll::Raised;
                };
                match value.checked_add(1) {
                    Some(next) => self.fast.set(Some(next)),
                    // Past the machine integers: Python ints from here on, as the stdlib.
                    None => {
                        self.fast.set(None);
                        let Some(one) = Obj::from_owned(ffi::PyLong_FromLong(1)) else {
                            return Poll::Raised;
                        };
                        let Some(next) =
                            Obj::from_owned(ffi::PyNumber_Add(item.as_ptr(), one.as_ptr()))
                        else {
                            return Poll::Raised;
                        };
                        self.value.set(Some(next));
                    }
                }
                return Poll::Return(item);
            }
            let (Some(value), Some(step)) = (self.value.get(), self.step.get()) else {
                return cleared(c"iterator");
            };
            let Some(next) = Obj::from_owned(ffi::PyNumber_Add(value.as_ptr(), step.as_ptr()))
            else {
                return Poll::Raised;
            };
            self.value.set(Some(next));
            Poll::Return(value)
        }
    }

    unsafe fn poll_close(&self, _step: Step) -> Poll {
        // No sources: nothing to close.
        Poll::Return(Obj::none())
    }
}

held!(Count { value, step });

/// Builds the types of `count` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Count>(py)?;
    COUNT.add_to(module, public_module)
}
