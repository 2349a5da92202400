//! The fold shared by `max` and `min`: the first item whose key is greatest (least), the key
//! function sync or async; with the stdlib's argument forms and messages.

use crate::machinery::args::keyword_only;
use crate::machinery::call::Callable;
use crate::machinery::exception::cleared;
use crate::machinery::held::held;
use crate::machinery::native_type::{native_type, NativeType};
use crate::machinery::object::Obj;
use crate::machinery::reduce::{new_reduction, reduce, Flow, Fold};
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::stdlib::{KeywordNames, StdlibFunction};
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use std::ffi::{c_int, CStr};
use std::ptr::null_mut;

/// `max` or `min`.
pub trait Extreme: NativeType + 'static {
    /// The comparison that makes a new item the result (`max`: `>`).
    const OP: c_int;
    fn stdlib() -> &'static StdlibFunction;
}

/// The fold of `max()` or `min()`.
pub struct Extremum<K> {
    key: Option<Callable>,
    default: Slot,
    best_item: Slot,
    best_key: Slot,
    /// The item whose key is in flight.
    item: Slot,
    kind: std::marker::PhantomData<K>,
}

/// The entry point of `max(iterable, /, *, key=None, default=...)` and
/// `max(arg1, arg2, /, *args, key=None)` (and `min`).
///
/// # Safety
/// The vectorcall convention, GIL held.
pub unsafe fn entry<K: Extreme>(
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        if nargs == 0 {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"%s expected at least 1 argument, got 0".as_ptr(),
                K::NAME.as_ptr(),
            );
            return null_mut();
        }
        let Some([key, default]) =
            keyword_only(K::NAME, [c"key", c"default"], args, nargs, kwnames)
        else {
            return null_mut();
        };
        if nargs > 1 && !default.is_null() {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"Cannot specify a default for %s() with multiple positional arguments".as_ptr(),
                K::NAME.as_ptr(),
            );
            return null_mut();
        }
        let key = (!key.is_null() && ffi::Py_IsNone(key) == 0)
            .then(|| Callable::new(Obj::from_borrowed(key)));
        let fold = Extremum::<K> {
            key,
            default: Slot::new((!default.is_null()).then(|| Obj::from_borrowed(default))),
            best_item: Slot::new(None),
            best_key: Slot::new(None),
            item: Slot::new(None),
            kind: std::marker::PhantomData,
        };
        if nargs == 1 {
            return reduce(*args, fold);
        }
        // The arguments are the items.
        let Some(items) = Obj::from_owned(ffi::PyTuple_New(nargs)) else {
            return null_mut();
        };
        for index in 0..nargs {
            let item = Obj::from_borrowed(*args.add(index as usize));
            ffi::PyTuple_SET_ITEM(items.as_ptr(), index, item.into_ptr());
        }
        match Source::of_tuple(items.as_ptr()) {
            Some(source) => new_reduction(source, fold),
            None => null_mut(),
        }
    }
}

impl<K: Extreme> Extremum<K> {
    /// Takes `item` with its `key` as the result if it beats the one so far.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn consider(&self, item: Obj, key: Obj) -> Flow {
        let Some(best_key) = self.best_key.get() else {
            self.best_item.set(Some(item));
            self.best_key.set(Some(key));
            return Flow::More;
        };
        // SAFETY: caller's contract.
        match unsafe { ffi::PyObject_RichCompareBool(key.as_ptr(), best_key.as_ptr(), K::OP) } {
            -1 => Flow::Raised,
            0 => Flow::More,
            _ => {
                self.best_item.set(Some(item));
                self.best_key.set(Some(key));
                Flow::More
            }
        }
    }

    /// Continues with the outcome of the key call for `item`.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn keyed(&self, item: Obj, poll: Poll) -> Flow {
        // SAFETY: caller's contract.
        unsafe {
            match poll {
                Poll::Return(key) => self.consider(item, key),
                Poll::Yield(value) => {
                    self.item.set(Some(item));
                    Flow::Yield(value)
                }
                Poll::Raised => Flow::Raised,
            }
        }
    }
}

native_type!(impl<K: Extreme> for Extremum<K> as K);

impl<K: Extreme> Fold for Extremum<K> {
    unsafe fn feed(&self, item: Obj) -> Flow {
        // SAFETY: GIL held (trait contract).
        unsafe {
            match &self.key {
                None => self.consider(item.clone(), item),
                Some(key) => {
                    let poll = key.call(&[item.as_ptr()]);
                    self.keyed(item, poll)
                }
            }
        }
    }

    unsafe fn resume(&self, step: Step) -> Flow {
        // SAFETY: GIL held (trait contract); only a key call suspends.
        unsafe {
            let (Some(key), Some(item)) = (&self.key, self.item.get()) else {
                return cleared(c"reduction");
            };
            self.item.clear();
            let poll = key.resume(step);
            self.keyed(item, poll)
        }
    }

    unsafe fn finish(&self) -> Flow {
        if let Some(best) = self.best_item.get() {
            return Flow::Done(best);
        }
        if let Some(default) = self.default.get() {
            return Flow::Done(default);
        }
        // SAFETY: GIL held (trait contract).
        unsafe {
            ffi::PyErr_Format(ffi::PyExc_ValueError, EMPTY.as_ptr(), K::NAME.as_ptr());
        }
        Flow::Raised
    }

    unsafe fn bulk(&self, iterator: *mut ffi::PyObject) -> Option<Flow> {
        if self.key.is_some() {
            // A sync key may still return awaitables: item by item.
            return None;
        }
        // SAFETY: GIL held (trait contract).
        unsafe {
            static DEFAULT: KeywordNames = KeywordNames::new(&[c"default"]);
            let result = match self.default.get() {
                None => K::stdlib().call(&[iterator], None),
                Some(default) => K::stdlib().call(&[iterator, default.as_ptr()], Some(&DEFAULT)),
            };
            Some(Flow::from(result))
        }
    }
}

held!(impl<K: Extreme> for Extremum<K> { key, default, best_item, best_key, item });

/// The stdlib's message for an empty iterable without a default.
#[cfg(Py_3_12)]
const EMPTY: &CStr = c"%s() iterable argument is empty";
#[cfg(not(Py_3_12))]
const EMPTY: &CStr = c"%s() arg is an empty sequence";
