//! `sum(iterable, /, start=0)`: awaitable; exactly the stdlib's result, including the
//! compensated float summation of CPython 3.12+.

use crate::machinery::args::{keyword_count, unexpected_keyword};
use crate::machinery::awaitable::{Slot, TypeCell};
use crate::machinery::function::BuiltinFunction;
use crate::machinery::held::{clear_all, traverse_all, Held};
use crate::machinery::object::Obj;
use crate::machinery::panic::guard;
use crate::machinery::reduce::{new_reduction, Flow, Fold};
use crate::machinery::source::Source;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::ffi;
use std::cell::Cell;
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

pub static SUM: BuiltinFunction = BuiltinFunction::new(
    c"sum",
    sum,
    c"sum($module, iterable, /, start=0)\n--\n\n\
Return the sum of a 'start' value (default: 0) plus a sync or async iterable of numbers. \
Awaitable.\n\n\
When the iterable is empty, return the start value.",
);

unsafe extern "C" fn sum(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: vectorcall convention, GIL held.
        unsafe {
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
        }
    })
}

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
/// a double (compensated on 3.12+), then anything with `+`; it never goes back a stage.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// The total is `int_total` (exact ints and bools so far).
    Int,
    /// The total is `float_total` + `compensation`.
    Float,
    /// The total is the object in `total`.
    Generic,
}

/// The fold of `sum()`.
pub struct Sum {
    stage: Cell<Stage>,
    int_total: Cell<i64>,
    float_total: Cell<f64>,
    compensation: Cell<f64>,
    total: Slot,
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
            sum.after_int();
        }
        sum
    }

    /// Leaving the int stage (or skipping it): the float stage if the total is a float.
    ///
    /// # Safety
    /// GIL held; `total` set.
    unsafe fn after_int(&self) {
        // SAFETY: caller's contract.
        unsafe {
            match self.total.get() {
                Some(total) if ffi::PyFloat_CheckExact(total.as_ptr()) != 0 => {
                    self.float_total.set(ffi::PyFloat_AS_DOUBLE(total.as_ptr()));
                    self.compensation.set(0.0);
                    self.total.clear();
                    self.stage.set(Stage::Float);
                }
                _ => self.stage.set(Stage::Generic),
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
                Stage::Generic => self.total.get(),
            }
        }
    }

    /// The float total with its compensation, as the stdlib rounds it.
    fn float_result(&self) -> f64 {
        let (total, compensation) = (self.float_total.get(), self.compensation.get());
        if compensation != 0.0 && compensation.is_finite() {
            total + compensation
        } else {
            total
        }
    }

    /// Adds a float in the float stage.
    fn add_float(&self, value: f64) {
        let total = self.float_total.get();
        if cfg!(Py_3_12) {
            // Neumaier's compensated summation, as CPython 3.12+.
            let sum = total + value;
            let lost = if total.abs() >= value.abs() {
                (total - sum) + value
            } else {
                (value - sum) + total
            };
            self.compensation.set(self.compensation.get() + lost);
            self.float_total.set(sum);
        } else {
            self.float_total.set(total + value);
        }
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
            if stage == Stage::Int {
                self.after_int();
            }
            Flow::More
        }
    }
}

impl Fold for Sum {
    const NAME: &'static CStr = c"sum";
    const QUALIFIED_NAME: &'static CStr = c"asyncitertools.sum";
    const DOC: &'static CStr = c"The awaitable of sum().";

    fn cell() -> &'static TypeCell {
        static CELL: TypeCell = TypeCell::new();
        &CELL
    }

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
            let (Some(function), Some(start)) = (STDLIB.get(), self.total()) else {
                return Some(Flow::Raised);
            };
            let args = [iterator, start.as_ptr()];
            let result = ffi::PyObject_Vectorcall(function.as_ptr(), args.as_ptr(), 2, null_mut());
            Some(Flow::from(Obj::from_owned(result)))
        }
    }
}

impl Held for Sum {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        traverse_all(&[&self.total], visit, arg)
    }

    fn clear(&self) {
        clear_all(&[&self.total]);
    }
}
