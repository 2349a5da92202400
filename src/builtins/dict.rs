//! `dict(iterable=(), /, **kwargs)`: awaitable; a dict from a mapping or from the key/value
//! pairs of a sync or async iterable, then the keyword arguments.

use crate::machinery::args::check_positional;
use crate::machinery::exception::cleared;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::reduce;
use crate::machinery::reduce::{new_reduction, Flow, Fold};
use crate::machinery::slot::Slot;
use crate::machinery::slots::async_methods;
use crate::machinery::source::Source;
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ffi::c_int;
use std::ptr::null_mut;

pub static DICT: BuiltinFunction = BuiltinFunction::new(
    c"dict",
    dict,
    c"dict(iterable=(), /, **kwargs)\n--\n\n\
Return a new dict from a mapping, or from the (key, value) pairs of a sync or async \
iterable, updated with the keyword arguments. Awaitable.",
);

vectorcall!(dict, |args, nargs, kwnames| {
    if !check_positional(c"dict", nargs, 0, 1) {
        return null_mut();
    }
    let Some(keywords) = keywords(args.add(nargs as usize), kwnames) else {
        return null_mut();
    };
    let Some(result) = Obj::from_owned(ffi::PyDict_New()) else {
        return null_mut();
    };
    let argument = if nargs == 1 { *args } else { null_mut() };
    let is_async = !argument.is_null()
        && async_methods(argument).is_some_and(|slots| slots.am_aiter.is_some());
    // A sync argument (a mapping or pairs) is merged at once when awaited, by the
    // dict machinery itself; only async pairs come item by item.
    let (source, merge) = if is_async {
        (Source::new(argument), None)
    } else {
        (
            Source::empty(),
            (!argument.is_null()).then(|| Obj::from_borrowed(argument)),
        )
    };
    let Some(source) = source else {
        return null_mut();
    };
    new_reduction(
        source,
        Dict {
            result: Slot::new(Some(result)),
            merge: Slot::new(merge),
            keywords: Slot::new(keywords),
            index: Cell::new(0),
        },
    )
});

/// The keyword arguments as a dict (`None` inside when there are none).
///
/// # Safety
/// The vectorcall convention: `values` holds one object per name in `kwnames`.
unsafe fn keywords(
    values: *const *mut ffi::PyObject,
    kwnames: *mut ffi::PyObject,
) -> Option<Option<Obj>> {
    // SAFETY: caller's contract.
    unsafe {
        let count = crate::machinery::args::keyword_count(kwnames);
        if count == 0 {
            return Some(None);
        }
        let dict = Obj::from_owned(ffi::PyDict_New())?;
        for k in 0..count {
            let key = ffi::PyTuple_GET_ITEM(kwnames, k as ffi::Py_ssize_t);
            if ffi::PyDict_SetItem(dict.as_ptr(), key, *values.add(k)) != 0 {
                return None;
            }
        }
        Some(Some(dict))
    }
}

/// The fold of `dict()`.
pub struct Dict {
    result: Slot,
    /// A sync argument, merged as `dict()` merges it.
    merge: Slot,
    keywords: Slot,
    /// The index of the next pair, for the messages.
    index: Cell<ffi::Py_ssize_t>,
}

/// Element `index` of the pairs as a list, as `PyDict_MergeFromSeq2` takes it with
/// `PySequence_Fast`: an iterable whose `iter()` fails with `TypeError` gets the version's
/// message (3.14+: `object is not iterable` with a note naming the element; before:
/// `cannot convert dictionary update sequence element #i to a sequence`). A `TypeError` raised
/// while iterating the element gets the same treatment, as in CPython.
///
/// # Safety
/// GIL held; `item` alive.
unsafe fn pair_of(item: *mut ffi::PyObject, index: ffi::Py_ssize_t) -> Option<Obj> {
    // SAFETY: caller's contract.
    unsafe {
        let pair = match Obj::from_owned(ffi::PyObject_GetIter(item)) {
            Some(iterator) => Obj::from_owned(ffi::PySequence_List(iterator.as_ptr())),
            None => {
                #[cfg(Py_3_14)]
                if ffi::PyErr_ExceptionMatches(ffi::PyExc_TypeError) != 0 {
                    ffi::PyErr_SetString(ffi::PyExc_TypeError, c"object is not iterable".as_ptr());
                }
                None
            }
        };
        if pair.is_none() && ffi::PyErr_ExceptionMatches(ffi::PyExc_TypeError) != 0 {
            #[cfg(Py_3_14)]
            add_note(index);
            #[cfg(not(Py_3_14))]
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"cannot convert dictionary update sequence element #%zd to a sequence".as_ptr(),
                index,
            );
        }
        pair
    }
}

/// Adds 3.14's note to the current exception, as CPython's `_PyErr_FormatNote`: an error
/// while adding it is chained to the exception.
///
/// # Safety
/// GIL held; an exception is set.
#[cfg(Py_3_14)]
unsafe fn add_note(index: ffi::Py_ssize_t) {
    // SAFETY: caller's contract.
    unsafe {
        let exception = ffi::PyErr_GetRaisedException();
        let note = Obj::from_owned(ffi::PyUnicode_FromFormat(
            c"Cannot convert dictionary update sequence element #%zd to a sequence".as_ptr(),
            index,
        ));
        let added = note.and_then(|note| {
            Obj::from_owned(ffi::PyObject_CallMethod(
                exception,
                c"add_note".as_ptr(),
                c"O".as_ptr(),
                note.as_ptr(),
            ))
        });
        if added.is_none() {
            let failure = ffi::PyErr_GetRaisedException();
            ffi::PyException_SetContext(failure, exception);
            ffi::PyErr_SetRaisedException(failure);
            return;
        }
        ffi::PyErr_SetRaisedException(exception);
    }
}

native_type!(Dict, c"asyncitertools.dict_awaitable",
    function: c"dict", c"The awaitable of dict().");

impl Fold for Dict {
    unsafe fn feed(&self, item: Obj) -> Flow {
        let Some(result) = self.result.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"reduction") };
        };
        let index = self.index.get();
        self.index.set(index + 1);
        // SAFETY: GIL held (trait contract). The checks and messages of
        // PyDict_MergeFromSeq2, per pair.
        unsafe {
            let Some(pair) = pair_of(item.as_ptr(), index) else {
                return Flow::Raised;
            };
            let length = ffi::PyList_GET_SIZE(pair.as_ptr());
            if length != 2 {
                ffi::PyErr_Format(
                    ffi::PyExc_ValueError,
                    c"dictionary update sequence element #%zd has length %zd; 2 is required"
                        .as_ptr(),
                    index,
                    length,
                );
                return Flow::Raised;
            }
            let key = ffi::PyList_GET_ITEM(pair.as_ptr(), 0);
            let value = ffi::PyList_GET_ITEM(pair.as_ptr(), 1);
            match ffi::PyDict_SetItem(result.as_ptr(), key, value) {
                0 => Flow::More,
                _ => Flow::Raised,
            }
        }
    }

    unsafe fn finish(&self) -> Flow {
        let Some(result) = self.result.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"reduction") };
        };
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(argument) = self.merge.get() {
                if merge_argument(result.as_ptr(), argument.as_ptr()) != 0 {
                    return Flow::Raised;
                }
            }
            if let Some(keywords) = self.keywords.get() {
                if ffi::PyDict_Merge(result.as_ptr(), keywords.as_ptr(), 1) != 0 {
                    return Flow::Raised;
                }
            }
        }
        self.result.clear();
        Flow::Done(result)
    }
}

held!(Dict {
    result,
    merge,
    keywords
});

/// What `dict(argument)` does with a sync argument: a mapping (a dict, or anything with
/// `keys`) is merged by keys, anything else as a sequence of pairs.
///
/// # Safety
/// GIL held; both alive.
unsafe fn merge_argument(result: *mut ffi::PyObject, argument: *mut ffi::PyObject) -> c_int {
    // SAFETY: caller's contract.
    unsafe {
        if ffi::PyDict_CheckExact(argument) != 0 {
            return ffi::PyDict_Merge(result, argument, 1);
        }
        let keys = ffi::PyObject_GetAttrString(argument, c"keys".as_ptr());
        if keys.is_null() {
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) == 0 {
                return -1;
            }
            ffi::PyErr_Clear();
            return ffi::PyDict_MergeFromSeq2(result, argument, 1);
        }
        ffi::Py_DECREF(keys);
        ffi::PyDict_Merge(result, argument, 1)
    }
}

/// Builds the types of `dict` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Dict>(py)?;
    DICT.add_to(module, public_module)
}
