//! `reduce(function, iterable, /[, initial])`: awaitable; the items folded left with a sync
//! or async two-argument function, with `functools.reduce`'s messages: on 3.14+ `initial` may
//! be given by keyword (Argument Clinic's binding), before it is positional-only.

#[cfg(not(Py_3_14))]
use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::call::Callable;
#[cfg(Py_3_14)]
use crate::machinery::clinic::ClinicSignature;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::reduce::{new_reduction, Flow, Fold};
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static REDUCE: BuiltinFunction = BuiltinFunction::new(
    c"reduce",
    reduce,
    c"reduce(function, iterable, /[, initial]) -> value\n\n\
Awaitable: apply a function of two arguments cumulatively to the items of a sync or async \
iterable, from left to right, so as to reduce the iterable to a single value. The function \
may be sync or async (its awaitable results are awaited).\n\n\
If initial is present, it is placed before the items of the iterable in the calculation, \
and serves as a default when the iterable is empty.",
);

vectorcall!(reduce, |args, nargs, kwnames| {
    let Some([function, iterable, initial]) = bind(args, nargs, kwnames) else {
        return null_mut();
    };
    let Some(source) = Source::new(iterable) else {
        if raised(ffi::PyExc_TypeError) {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"reduce() arg 2 must support iteration".as_ptr(),
            );
        }
        return null_mut();
    };
    let initial = (!initial.is_null()).then(|| Obj::from_borrowed(initial));
    let fold = Reduce {
        function: Callable::new(Obj::from_borrowed(function)),
        value: Slot::new(initial),
    };
    new_reduction(source, fold)
});

/// The arguments `function`, `iterable` and `initial` (null when not given), or `None` with
/// the stdlib's `TypeError`: on 3.14+ as Argument Clinic binds `(function, iterable, /,
/// initial=<missing>)`.
///
/// # Safety
/// The vectorcall convention; GIL held.
#[cfg(Py_3_14)]
unsafe fn bind(
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> Option<[*mut ffi::PyObject; 3]> {
    const SIGNATURE: ClinicSignature<3> = ClinicSignature {
        function: c"reduce",
        names: [c"function", c"iterable", c"initial"],
        required: 2,
        max_positional: 3,
        positional_only: 2,
    };
    // SAFETY: caller's contract.
    unsafe { SIGNATURE.bind(args, nargs, kwnames) }
}

/// The arguments, as before 3.14 the stdlib's `METH_VARARGS` function takes them: keywords
/// are refused before the count is checked.
///
/// # Safety
/// The vectorcall convention; GIL held.
#[cfg(not(Py_3_14))]
unsafe fn bind(
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> Option<[*mut ffi::PyObject; 3]> {
    // SAFETY: caller's contract.
    unsafe {
        if !no_keywords(c"reduce", kwnames) || !check_positional(c"reduce", nargs, 2, 3) {
            return None;
        }
        let initial = if nargs == 3 { *args.add(2) } else { null_mut() };
        Some([*args, *args.add(1), initial])
    }
}

/// The fold of `reduce()`: the value so far, and the function's call in flight.
pub struct Reduce {
    function: Callable,
    /// The value so far; empty before the first item (without initial) and while the
    /// function's call is in flight (its awaitable holds the arguments).
    value: Slot,
}

impl Reduce {
    /// Takes the outcome of a call of the function.
    fn called(&self, poll: Poll) -> Flow {
        match poll {
            Poll::Return(value) => {
                self.value.set(Some(value));
                Flow::More
            }
            Poll::Yield(value) => Flow::Yield(value),
            Poll::Raised => Flow::Raised,
        }
    }
}

native_type!(
    Reduce,
    c"asyncitertools.functools.reduce_awaitable",
    function: c"reduce",
    c"The awaitable of reduce()."
);

impl Fold for Reduce {
    unsafe fn feed(&self, item: Obj) -> Flow {
        let Some(value) = self.value.get() else {
            self.value.set(Some(item));
            return Flow::More;
        };
        self.value.clear();
        // SAFETY: GIL held (trait contract); both arguments are held across the call.
        let poll = unsafe { self.function.call(&[value.as_ptr(), item.as_ptr()]) };
        self.called(poll)
    }

    unsafe fn resume(&self, step: Step) -> Flow {
        // SAFETY: GIL held (trait contract); only the function's call suspends.
        let poll = unsafe { self.function.resume(step) };
        self.called(poll)
    }

    unsafe fn finish(&self) -> Flow {
        if let Some(value) = self.value.get() {
            self.value.clear();
            return Flow::Done(value);
        }
        // SAFETY: GIL held (trait contract).
        unsafe {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"reduce() of empty iterable with no initial value".as_ptr(),
            );
        }
        Flow::Raised
    }
}

held!(Reduce { function, value });

/// Builds the types of `reduce` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    crate::machinery::reduce::register::<Reduce>(py)?;
    REDUCE.add_to(module, public_module)
}
