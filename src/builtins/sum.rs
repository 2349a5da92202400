//! `sum(iterable, /, start=0)`: awaitable; exactly the stdlib's result, including the
//! compensated float summation of CPython 3.12+ and, on 3.14+, the compensated ints of the
//! float stage and the compensated complex stage.

use crate::machinery::args::{keyword_count, unexpected_keyword};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::reduce;
use crate::machinery::reduce::{new_reduction, Flow, Fold};
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ptr::null_mut;

pub static SUM: BuiltinFunction = BuiltinFunction::new(
    c"sum",
    sum,
    c"sum($module, iterable, /, start=0)\n--\n\n\
Return the sum of a 'start' value (default: 0) plus a sync or async iterable of numbers. \
Awaitable.\n\n\
When the iterable is empty, return the start value.",
);

vectorcall!(sum, |args, nargs, kwnames| {
    let keywords = keyword_count(kwnames);
    if nargs < 1 {
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"sum() takes at least 1 positional argument (%zd given)".as_ptr(),
            nargs,
        );
        return null_mut();
    }
    if nargs as usize + keywords > 2 {
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"sum() takes at most 2 arguments (%zd given)".as_ptr(),
            nargs + keywords as ffi::Py_ssize_t,
        );
        return null_mut();
    }
    let mut start = if nargs == 2 { *args.add(1) } else { null_mut() };
    if keywords == 1 {
        let key = ffi::PyTuple_GET_ITEM(kwnames, 0);
        if ffi::PyUnicode_CompareWithASCIIString(key, c"start".as_ptr()) != 0 {
            unexpected_keyword(c"sum", key);
            return null_mut();
        }
        start = *args.add(1);
    }
    let Some(source) = Source::new(*args) else {
        return null_mut();
    };
    let start = if start.is_null() {
        Obj::from_owned(ffi::PyLong_FromLong(0))
    } else {
        refuse_start(start).then(|| Obj::from_borrowed(start))
    };
    let Some(start) = start else {
        return null_mut();
    };
    new_reduction(source, Sum::new(start))
});

/// The stdlib's refusal of str, bytes and bytearray starts: false with `TypeError` set.
///
/// # Safety
/// GIL held; `start` alive.
unsafe fn refuse_start(start: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract.
    unsafe {
        let message = if ffi::PyUnicode_Check(start) != 0 {
            c"sum() can't sum strings [use ''.join(seq) instead]"
        } else if ffi::PyBytes_Check(start) != 0 {
            c"sum() can't sum bytes [use b''.join(seq) instead]"
        } else if ffi::PyByteArray_Check(start) != 0 {
            c"sum() can't sum bytearray [use b''.join(seq) instead]"
        } else {
            return true;
        };
        ffi::PyErr_SetString(ffi::PyExc_TypeError, message.as_ptr());
        false
    }
}

/// Where the stdlib's sum is: it adds ints in a machine integer while it can, then floats in
/// a double (compensated on 3.12+), on 3.14+ complex numbers in two compensated doubles, then
/// anything with `+`; it never goes back a stage.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// The total is `int_total` (exact ints and bools so far).
    Int,
    /// The total is `float_total` + `compensation`.
    Float,
    /// The total is `float_total` + `compensation` (real part) and `imag_total` +
    /// `imag_compensation` (imaginary part). CPython 3.14+.
    Complex,
    /// The total is the object in `total`.
    Generic,
}

/// The fold of `sum()`.
pub struct Sum {
    stage: Cell<Stage>,
    int_total: Cell<i64>,
    float_total: Cell<f64>,
    compensation: Cell<f64>,
    imag_total: Cell<f64>,
    imag_compensation: Cell<f64>,
    total: Slot,
}

/// Neumaier's compensated addition of `value` to `total` + `compensation`, as CPython's
/// `cs_add` (3.14+; inline in the float stage on 3.12 and 3.13).
fn compensated_add(total: &Cell<f64>, compensation: &Cell<f64>, value: f64) {
    let before = total.get();
    let sum = before + value;
    let lost = if before.abs() >= value.abs() {
        (before - sum) + value
    } else {
        (value - sum) + before
    };
    compensation.set(compensation.get() + lost);
    total.set(sum);
}

/// A compensated total as one double, as CPython's `cs_to_double`: the compensation is left
/// out when it is zero (the sign of a negative zero survives) or not finite (an overflowed
/// sum stays infinite rather than becoming NaN).
fn compensated_result(total: f64, compensation: f64) -> f64 {
    if compensation != 0.0 && compensation.is_finite() {
        total + compensation
    } else {
        total
    }
}

impl Sum {
    /// # Safety
    /// GIL held.
    unsafe fn new(start: Obj) -> Sum {
        let sum = Sum {
            stage: Cell::new(Stage::Generic),
            int_total: Cell::new(0),
            float_total: Cell::new(0.0),
            compensation: Cell::new(0.0),
            imag_total: Cell::new(0.0),
            imag_compensation: Cell::new(0.0),
            total: Slot::new(None),
        };
        // SAFETY: caller's contract.
        unsafe {
            if ffi::PyLong_CheckExact(start.as_ptr()) != 0 {
                let mut overflow = 0;
                let value = ffi::PyLong_AsLongLongAndOverflow(start.as_ptr(), &mut overflow);
                if overflow == 0 {
                    sum.int_total.set(value);
                    sum.stage.set(Stage::Int);
                    return sum;
                }
            }
            sum.total.set(Some(start));
            sum.next_stage(Stage::Int);
        }
        sum
    }

    /// Leaving stage `left` (or skipping it) with the total in `total`: the next stage the
    /// stdlib tries (float after int; on 3.14+ complex after int or float) if the total is of
    /// its type, else the generic stage.
    ///
    /// # Safety
    /// GIL held; `total` set.
    unsafe fn next_stage(&self, left: Stage) {
        // SAFETY: caller's contract.
        unsafe {
            let Some(total) = self.total.get() else {
                return;
            };
            let total = total.as_ptr();
            if left == Stage::Int && ffi::PyFloat_CheckExact(total) != 0 {
                self.float_total.set(ffi::PyFloat_AS_DOUBLE(total));
                self.compensation.set(0.0);
                self.total.clear();
                self.stage.set(Stage::Float);
            } else if cfg!(Py_3_14)
                && matches!(left, Stage::Int | Stage::Float)
                && ffi::PyComplex_CheckExact(total) != 0
            {
                self.float_total.set(ffi::PyComplex_RealAsDouble(total));
                self.compensation.set(0.0);
                self.imag_total.set(ffi::PyComplex_ImagAsDouble(total));
                self.imag_compensation.set(0.0);
                self.total.clear();
                self.stage.set(Stage::Complex);
            } else {
                self.stage.set(Stage::Generic);
            }
        }
    }

    /// The total as an object, for the generic stage or the result.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn total(&self) -> Option<Obj> {
        // SAFETY: caller's contract.
        unsafe {
            match self.stage.get() {
                Stage::Int => Obj::from_owned(ffi::PyLong_FromLongLong(self.int_total.get())),
                Stage::Float => Obj::from_owned(ffi::PyFloat_FromDouble(self.float_result())),
                Stage::Complex => Obj::from_owned(ffi::PyComplex_FromDoubles(
                    self.float_result(),
                    compensated_result(self.imag_total.get(), self.imag_compensation.get()),
                )),
                Stage::Generic => self.total.get(),
            }
        }
    }

    /// The float total with its compensation, as the stdlib rounds it.
    fn float_result(&self) -> f64 {
        compensated_result(self.float_total.get(), self.compensation.get())
    }

    /// Adds a float in the float stage, or to the real part in the complex stage.
    fn add_float(&self, value: f64) {
        if cfg!(Py_3_12) {
            compensated_add(&self.float_total, &self.compensation, value);
        } else {
            self.float_total.set(self.float_total.get() + value);
        }
    }

    /// Adds an int (or a subclass) in the float or complex stage of 3.14+, converted as
    /// `float(int)` converts it (`OverflowError` past the double range).
    ///
    /// # Safety
    /// GIL held; `object` an int.
    #[cfg(Py_3_14)]
    unsafe fn add_int_as_float(&self, object: *mut ffi::PyObject) -> Flow {
        // SAFETY: caller's contract.
        let value = unsafe { ffi::PyLong_AsDouble(object) };
        // SAFETY: GIL held.
        if value == -1.0 && unsafe { !ffi::PyErr_Occurred().is_null() } {
            return Flow::Raised;
        }
        self.add_float(value);
        Flow::More
    }

    /// `total + item` with `+`, from now on.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn add_generic(&self, item: Obj) -> Flow {
        // SAFETY: caller's contract.
        unsafe {
            let Some(total) = self.total() else {
                return Flow::Raised;
            };
            let stage = self.stage.get();
            let Some(total) = Obj::from_owned(ffi::PyNumber_Add(total.as_ptr(), item.as_ptr()))
            else {
                return Flow::Raised;
            };
            self.total.set(Some(total));
            self.stage.set(Stage::Generic);
            self.next_stage(stage);
            Flow::More
        }
    }
}

native_type!(Sum, c"asyncitertools.sum_awaitable",
    function: c"sum", c"The awaitable of sum().");

impl Fold for Sum {
    unsafe fn feed(&self, item: Obj) -> Flow {
        // SAFETY: GIL held (trait contract).
        unsafe {
            let object = item.as_ptr();
            match self.stage.get() {
                Stage::Int
                    if ffi::PyLong_CheckExact(object) != 0 || ffi::PyBool_Check(object) != 0 =>
                {
                    let mut overflow = 0;
                    let value = ffi::PyLong_AsLongLongAndOverflow(object, &mut overflow);
                    if overflow == 0 {
                        if let Some(total) = self.int_total.get().checked_add(value) {
                            self.int_total.set(total);
                            return Flow::More;
                        }
                    }
                }
                Stage::Float if ffi::PyFloat_CheckExact(object) != 0 => {
                    self.add_float(ffi::PyFloat_AS_DOUBLE(object));
                    return Flow::More;
                }
                #[cfg(Py_3_14)]
                Stage::Float | Stage::Complex if ffi::PyLong_Check(object) != 0 => {
                    return self.add_int_as_float(object);
                }
                #[cfg(Py_3_14)]
                Stage::Complex if ffi::PyComplex_CheckExact(object) != 0 => {
                    self.add_float(ffi::PyComplex_RealAsDouble(object));
                    compensated_add(
                        &self.imag_total,
                        &self.imag_compensation,
                        ffi::PyComplex_ImagAsDouble(object),
                    );
                    return Flow::More;
                }
                #[cfg(Py_3_14)]
                Stage::Complex if ffi::PyFloat_Check(object) != 0 => {
                    self.add_float(ffi::PyFloat_AS_DOUBLE(object));
                    return Flow::More;
                }
                #[cfg(not(Py_3_14))]
                Stage::Float if ffi::PyLong_Check(object) != 0 => {
                    let mut overflow = 0;
                    let value = ffi::PyLong_AsLongLongAndOverflow(object, &mut overflow);
                    if overflow == 0 {
                        // Ints are added without compensation, as the stdlib does.
                        self.float_total.set(self.float_total.get() + value as f64);
                        return Flow::More;
                    }
                }
                _ => {}
            }
            self.add_generic(item)
        }
    }

    unsafe fn finish(&self) -> Flow {
        // SAFETY: GIL held (trait contract).
        Flow::from(unsafe { self.total() })
    }

    unsafe fn bulk(&self, iterator: *mut ffi::PyObject) -> Option<Flow> {
        static STDLIB: StdlibFunction = StdlibFunction::new(c"sum");
        // SAFETY: GIL held (trait contract).
        unsafe {
            let Some(start) = self.total() else {
                return Some(Flow::Raised);
            };
            Some(Flow::from(STDLIB.call(&[iterator, start.as_ptr()], None)))
        }
    }
}

held!(Sum { total });

/// Builds the types of `sum` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Sum>(py)?;
    SUM.add_to(module, public_module)
}
