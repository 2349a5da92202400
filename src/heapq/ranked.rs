//! The fold shared by `nlargest` and `nsmallest`: the items (and their keys, the key function
//! sync or async, called once per item as the items come), then the stdlib's own choice.
//!
//! The stdlib's `heapq` decides; over a sync iterable without a key it gets the iterator
//! itself, otherwise the collected items (or, with a key, their positions ordered by the
//! collected keys): the same comparisons of the same keys, so the same result and ties.

use crate::machinery::call::Callable;
use crate::machinery::exception::{add_note, cleared};
use crate::machinery::held::held;
use crate::machinery::native_type::{native_type, NativeType};
use crate::machinery::object::Obj;
use crate::machinery::python_args::bind_python;
use crate::machinery::reduce::{new_reduction, Flow, Fold};
use crate::machinery::slot::Slot;
use crate::machinery::slots::async_methods;
use crate::machinery::source::Source;
use crate::machinery::stdlib::{KeywordNames, StdlibFunction};
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use std::cell::Cell;
use std::ptr::null_mut;

/// `nlargest` or `nsmallest`.
pub trait Selection: NativeType + 'static {
    /// The stdlib takes `range(0, -n, -1)` (`nlargest`) or `range(n)` (`nsmallest`).
    const NEGATES: bool;
    /// The note for a call in asyncstdlib's argument order, `(iterable, n)`.
    const ORDER_HINT: &'static std::ffi::CStr;
    fn stdlib() -> &'static StdlibFunction;
}

/// The fold of `nlargest()` or `nsmallest()`.
pub struct Ranked<S> {
    /// The `n` given to the stdlib: checked, and an int unless it equals 1.
    count: Slot,
    /// `n <= 0`: the result is `[]` and no item is taken (as the stdlib).
    empty: Cell<bool>,
    key: Option<Callable>,
    items: Slot,
    keys: Slot,
    kind: std::marker::PhantomData<S>,
}

/// The entry point of `nlargest(n, iterable, key=None)` (and `nsmallest`).
///
/// # Safety
/// The vectorcall convention, GIL held.
pub unsafe fn entry<S: Selection>(
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        let Some([n, iterable, key]) = bind_python(
            S::NAME,
            [c"n", c"iterable", c"key"],
            2,
            args,
            nargs,
            kwnames,
        ) else {
            return null_mut();
        };
        let mut source = None;
        let planned = plan(n, iterable, S::NEGATES, &mut source);
        let source = match (planned.is_some(), source) {
            (true, Some(source)) => Some(source),
            (true, None) => Source::new(iterable),
            (false, _) => None,
        };
        let (Some((count, empty)), Some(source)) = (planned, source) else {
            if looks_swapped(n, iterable) {
                add_note(S::ORDER_HINT);
            }
            return null_mut();
        };
        let key = (!key.is_null() && ffi::Py_IsNone(key) == 0)
            .then(|| Callable::new(Obj::from_borrowed(key)));
        let Some(items) = Obj::from_owned(ffi::PyList_New(0)) else {
            return null_mut();
        };
        let keys = match key {
            Some(_) => match Obj::from_owned(ffi::PyList_New(0)) {
                Some(keys) => Some(keys),
                None => return null_mut(),
            },
            None => None,
        };
        let fold = Ranked::<S> {
            count: Slot::new(Some(count)),
            empty: Cell::new(empty),
            key,
            items: Slot::new(Some(items)),
            keys: Slot::new(keys),
            kind: std::marker::PhantomData,
        };
        new_reduction(source, fold)
    }
}

/// Checks `n` as the stdlib does before it takes an item, in its order: `n == 1`; for a
/// sized sync iterable, `n >= len(iterable)` and then (before 3.15) `n` as a slice index; else `-n`
/// (`negates`) or `n` as an index (`range(0, -n, -1)`, `range(n)`). The `n` to give the stdlib and whether it is `<= 0`; `None`
/// with the stdlib's exception.
///
/// # Safety
/// GIL held; both alive.
unsafe fn plan(
    n: *mut ffi::PyObject,
    iterable: *mut ffi::PyObject,
    negates: bool,
    source: &mut Option<Source>,
) -> Option<(Obj, bool)> {
    // SAFETY: caller's contract.
    unsafe {
        let one = Obj::from_owned(ffi::PyLong_FromLong(1))?;
        match ffi::PyObject_RichCompareBool(n, one.as_ptr(), ffi::Py_EQ) {
            -1 => return None,
            0 => {}
            _ => return Some((Obj::from_borrowed(n), false)),
        }
        let is_async = async_methods(iterable).is_some_and(|slots| slots.am_aiter.is_some());
        if !is_async {
            let size = ffi::PyObject_Size(iterable);
            if size < 0 {
                // The stdlib catches exactly these from len().
                if !raised(ffi::PyExc_TypeError) && !raised(ffi::PyExc_AttributeError) {
                    return None;
                }
                ffi::PyErr_Clear();
            } else {
                let size = Obj::from_owned(ffi::PyLong_FromSsize_t(size))?;
                match ffi::PyObject_RichCompareBool(n, size.as_ptr(), ffi::Py_GE) {
                    -1 => return None,
                    0 => {}
                    // 3.15+: sorted(...) whole, whatever n is; the stdlib, given the
                    // items without their len(), selects them all for n = len.
                    _ if cfg!(Py_3_15) => return Some((size, false)),
                    _ => {
                        // sorted(...)[:n]
                        if ffi::PyIndex_Check(n) == 0 {
                            ffi::PyErr_SetString(
                                ffi::PyExc_TypeError,
                                c"slice indices must be integers or None or have an __index__ method"
                                    .as_ptr(),
                            );
                            return None;
                        }
                        return Some((Obj::from_owned(ffi::PyNumber_Index(n))?, false));
                    }
                }
            }
        }
        // The stdlib takes `iter(iterable)` here, before `n` is negated or made an index: a
        // non-iterable is its error first (as for `nlargest([3, 1], 2)`, asyncstdlib's order).
        *source = Some(Source::new(iterable)?);
        let count = if negates {
            let negative = Obj::from_owned(ffi::PyNumber_Negative(n))?;
            let negative = Obj::from_owned(ffi::PyNumber_Index(negative.as_ptr()))?;
            Obj::from_owned(ffi::PyNumber_Negative(negative.as_ptr()))?
        } else {
            Obj::from_owned(ffi::PyNumber_Index(n))?
        };
        let zero = Obj::from_owned(ffi::PyLong_FromLong(0))?;
        match ffi::PyObject_RichCompareBool(count.as_ptr(), zero.as_ptr(), ffi::Py_LE) {
            -1 => None,
            empty => Some((count, empty == 1)),
        }
    }
}

/// Whether `nlargest(iterable, n)` was meant (asyncstdlib's order): `n` is iterable and
/// `iterable` is not.
///
/// # Safety
/// GIL held; both alive.
unsafe fn looks_swapped(n: *mut ffi::PyObject, iterable: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract.
    unsafe {
        let iterable_kind = |obj: *mut ffi::PyObject| {
            async_methods(obj).is_some_and(|slots| slots.am_aiter.is_some())
                || (*ffi::Py_TYPE(obj)).tp_iter.is_some()
                || ffi::PySequence_Check(obj) != 0
        };
        iterable_kind(n) && !iterable_kind(iterable)
    }
}

impl<S: Selection> Ranked<S> {
    /// Stores the outcome of the key call for the last item.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn keyed(&self, poll: Poll) -> Flow {
        match poll {
            Poll::Return(key) => {
                let Some(keys) = self.keys.get() else {
                    // SAFETY: GIL held (the caller's contract).
                    return unsafe { cleared(c"state") };
                };
                // SAFETY: caller's contract.
                match unsafe { ffi::PyList_Append(keys.as_ptr(), key.as_ptr()) } {
                    0 => Flow::More,
                    _ => Flow::Raised,
                }
            }
            Poll::Yield(value) => Flow::Yield(value),
            Poll::Raised => Flow::Raised,
        }
    }

    /// The stdlib's `function(count, iterable)`, or with `key=key`.
    ///
    /// # Safety
    /// GIL held; the pointers alive.
    unsafe fn choose(&self, iterable: *mut ffi::PyObject, key: Option<&Obj>) -> Option<Obj> {
        // SAFETY: caller's contract.
        unsafe {
            static KEY: KeywordNames = KeywordNames::new(&[c"key"]);
            let Some(count) = self.count.get() else {
                return cleared(c"state");
            };
            match key {
                None => S::stdlib().call(&[count.as_ptr(), iterable], None),
                Some(key) => {
                    S::stdlib().call(&[count.as_ptr(), iterable, key.as_ptr()], Some(&KEY))
                }
            }
        }
    }

    /// The chosen items by their keys: the stdlib chooses among the positions, ordered by
    /// the keys at those positions, and the items at the chosen positions are the result.
    ///
    /// # Safety
    /// GIL held; the lists ours, not resized while read.
    unsafe fn by_keys(&self, items: &Obj, keys: &Obj) -> Option<Obj> {
        // SAFETY: caller's contract.
        unsafe {
            let count = ffi::PyList_GET_SIZE(items.as_ptr());
            let positions = Obj::from_owned(ffi::PyList_New(count))?;
            for index in 0..count {
                let position = Obj::from_owned(ffi::PyLong_FromSsize_t(index))?;
                ffi::PyList_SET_ITEM(positions.as_ptr(), index, position.into_ptr());
            }
            let key_of = Obj::from_owned(ffi::PyObject_GetAttrString(
                keys.as_ptr(),
                c"__getitem__".as_ptr(),
            ))?;
            let chosen = self.choose(positions.as_ptr(), Some(&key_of))?;
            let size = ffi::PyList_Size(chosen.as_ptr());
            if size < 0 {
                return None;
            }
            let result = Obj::from_owned(ffi::PyList_New(size))?;
            for index in 0..size {
                let position = ffi::PyLong_AsSsize_t(ffi::PyList_GET_ITEM(chosen.as_ptr(), index));
                if !(0..count).contains(&position) {
                    ffi::PyErr_SetString(
                        ffi::PyExc_SystemError,
                        c"heapq chose a position that is not one".as_ptr(),
                    );
                    return None;
                }
                let item = Obj::from_borrowed(ffi::PyList_GET_ITEM(items.as_ptr(), position));
                ffi::PyList_SET_ITEM(result.as_ptr(), index, item.into_ptr());
            }
            Some(result)
        }
    }
}

native_type!(impl<S: Selection> for Ranked<S> as S);

impl<S: Selection> Fold for Ranked<S> {
    unsafe fn start(&self) -> Option<Flow> {
        if !self.empty.get() {
            return None;
        }
        // SAFETY: GIL held (trait contract).
        Some(Flow::from(unsafe { Obj::from_owned(ffi::PyList_New(0)) }))
    }

    unsafe fn feed(&self, item: Obj) -> Flow {
        let Some(items) = self.items.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"state") };
        };
        // SAFETY: GIL held (trait contract).
        unsafe {
            if ffi::PyList_Append(items.as_ptr(), item.as_ptr()) != 0 {
                return Flow::Raised;
            }
            match &self.key {
                None => Flow::More,
                Some(key) => self.keyed(key.call(&[item.as_ptr()])),
            }
        }
    }

    unsafe fn resume(&self, step: Step) -> Flow {
        let Some(key) = &self.key else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"state") };
        };
        // SAFETY: GIL held (trait contract); only a key call suspends.
        unsafe { self.keyed(key.resume(step)) }
    }

    unsafe fn finish(&self) -> Flow {
        let Some(items) = self.items.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"state") };
        };
        self.items.clear();
        // SAFETY: GIL held (trait contract).
        unsafe {
            if self.key.is_none() {
                return Flow::from(self.choose(items.as_ptr(), None));
            }
            let Some(keys) = self.keys.get() else {
                return cleared(c"state");
            };
            self.keys.clear();
            Flow::from(self.by_keys(&items, &keys))
        }
    }

    unsafe fn bulk(&self, iterator: *mut ffi::PyObject) -> Option<Flow> {
        if self.key.is_some() {
            // A sync key may still return awaitables: item by item.
            return None;
        }
        // SAFETY: GIL held (trait contract).
        Some(Flow::from(unsafe { self.choose(iterator, None) }))
    }
}

held!(impl<S: Selection> for Ranked<S> { count, key, items, keys });
