//! `sorted(iterable, /, *, key=None, reverse=False)`: awaitable; a new sorted list (stable),
//! the key function sync or async.

use crate::machinery::args::{check_positional, keyword_only};
use crate::machinery::call::Callable;
use crate::machinery::exception::cleared;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::reduce;
use crate::machinery::reduce::{reduce, Flow, Fold};
use crate::machinery::slot::Slot;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ffi::c_int;
use std::ptr::null_mut;

pub static SORTED: BuiltinFunction = BuiltinFunction::new(
    c"sorted",
    sorted,
    c"sorted($module, iterable, /, *, key=None, reverse=False)\n--\n\n\
Return a new list containing all items from a sync or async iterable in ascending order. \
Awaitable.\n\n\
A custom key function (sync or async) can be supplied to customize the sort order, and the \
reverse flag can be set to request the result in descending order.",
);

vectorcall!(sorted, |args, nargs, kwnames| {
    if !check_positional(c"sorted", nargs, 1, 1) {
        return null_mut();
    }
    // The stdlib reports keyword errors as list.sort's.
    let Some([key, reverse]) = keyword_only(c"sort", [c"key", c"reverse"], args, nargs, kwnames)
    else {
        return null_mut();
    };
    let key = (!key.is_null() && ffi::Py_IsNone(key) == 0)
        .then(|| Callable::new(Obj::from_borrowed(key)));
    let (Some(items), Some(keys)) = (
        Obj::from_owned(ffi::PyList_New(0)),
        if key.is_some() {
            Obj::from_owned(ffi::PyList_New(0)).map(Some)
        } else {
            Some(None)
        },
    ) else {
        return null_mut();
    };
    let fold = Sorted {
        key,
        reverse: Slot::new((!reverse.is_null()).then(|| Obj::from_borrowed(reverse))),
        items: Slot::new(Some(items)),
        keys: Slot::new(keys),
        keyed: Cell::new(0),
    };
    reduce(*args, fold)
});

/// The fold of `sorted()`: the items, then (as the stdlib, once all are taken) their keys
/// when there is a key function.
pub struct Sorted {
    key: Option<Callable>,
    /// As given: `list.sort` converts it, with each version's rules.
    reverse: Slot,
    items: Slot,
    keys: Slot,
    /// How many keys are computed.
    keyed: Cell<ffi::Py_ssize_t>,
}

impl Sorted {
    /// Stores the outcome of the key call for the next item: `More` once it is stored.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn keyed(&self, poll: Poll) -> Flow {
        // SAFETY: caller's contract.
        unsafe {
            match poll {
                Poll::Return(key) => {
                    let Some(keys) = self.keys.get() else {
                        return cleared(c"reduction");
                    };
                    if ffi::PyList_Append(keys.as_ptr(), key.as_ptr()) != 0 {
                        return Flow::Raised;
                    }
                    self.keyed.set(self.keyed.get() + 1);
                    Flow::More
                }
                Poll::Yield(value) => Flow::Yield(value),
                Poll::Raised => Flow::Raised,
            }
        }
    }

    /// `list.sort(key=key, reverse=reverse)` on `list`, with what was given: 0, or -1 with
    /// an exception.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn sort(&self, list: &Obj, key: Option<&Obj>) -> c_int {
        // SAFETY: caller's contract.
        unsafe {
            let reverse = self.reverse.get();
            if key.is_none() && reverse.is_none() {
                return ffi::PyList_Sort(list.as_ptr());
            }
            let mut values = vec![];
            let mut names = vec![];
            if let Some(key) = key {
                values.push(key.as_ptr());
                names.push(c"key");
            }
            if let Some(reverse) = &reverse {
                values.push(reverse.as_ptr());
                names.push(c"reverse");
            }
            let Some(kwnames) = Obj::from_owned(ffi::PyTuple_New(names.len() as ffi::Py_ssize_t))
            else {
                return -1;
            };
            for (index, name) in names.iter().enumerate() {
                let Some(name) = Obj::from_owned(ffi::PyUnicode_FromString(name.as_ptr())) else {
                    return -1;
                };
                ffi::PyTuple_SET_ITEM(kwnames.as_ptr(), index as ffi::Py_ssize_t, name.into_ptr());
            }
            let method = ffi::PyObject_GetAttrString(list.as_ptr(), c"sort".as_ptr());
            let Some(method) = Obj::from_owned(method) else {
                return -1;
            };
            let result =
                ffi::PyObject_Vectorcall(method.as_ptr(), values.as_ptr(), 0, kwnames.as_ptr());
            match Obj::from_owned(result) {
                Some(_) => 0,
                None => -1,
            }
        }
    }

    /// The items in the order of their keys: the positions sorted by key (stable, and only
    /// the keys compared, as the stdlib's sort with a key), then the items in that order.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn by_keys(&self, items: &Obj, keys: &Obj) -> Option<Obj> {
        // SAFETY: caller's contract; the lists are ours and not resized while read.
        unsafe {
            let count = ffi::PyList_GET_SIZE(items.as_ptr());
            let order = Obj::from_owned(ffi::PyList_New(count))?;
            for index in 0..count {
                let position = Obj::from_owned(ffi::PyLong_FromSsize_t(index))?;
                ffi::PyList_SET_ITEM(order.as_ptr(), index, position.into_ptr());
            }
            let key_of = ffi::PyObject_GetAttrString(keys.as_ptr(), c"__getitem__".as_ptr());
            let key_of = Obj::from_owned(key_of)?;
            if self.sort(&order, Some(&key_of)) != 0 {
                return None;
            }
            let result = Obj::from_owned(ffi::PyList_New(count))?;
            for index in 0..count {
                let position = ffi::PyLong_AsSsize_t(ffi::PyList_GET_ITEM(order.as_ptr(), index));
                let item = Obj::from_borrowed(ffi::PyList_GET_ITEM(items.as_ptr(), position));
                ffi::PyList_SET_ITEM(result.as_ptr(), index, item.into_ptr());
            }
            Some(result)
        }
    }
}

native_type!(
    Sorted,
    c"asyncitertools.sorted_awaitable",
    function: c"sorted",
    c"The awaitable of sorted()."
);

impl Fold for Sorted {
    unsafe fn feed(&self, item: Obj) -> Flow {
        let Some(items) = self.items.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"reduction") };
        };
        // SAFETY: GIL held (trait contract).
        match unsafe { ffi::PyList_Append(items.as_ptr(), item.as_ptr()) } {
            0 => Flow::More,
            _ => Flow::Raised,
        }
    }

    unsafe fn resume(&self, step: Step) -> Flow {
        // SAFETY: GIL held (trait contract); only a key call suspends.
        unsafe {
            let Some(key) = &self.key else {
                return cleared(c"reduction");
            };
            self.keyed(key.resume(step))
        }
    }

    unsafe fn finish(&self) -> Flow {
        let Some(items) = self.items.get() else {
            // SAFETY: GIL held (the caller's contract).
            return unsafe { cleared(c"reduction") };
        };
        // SAFETY: GIL held (trait contract).
        unsafe {
            let (Some(key), Some(keys)) = (&self.key, self.keys.get()) else {
                self.items.clear();
                return match self.sort(&items, None) {
                    0 => Flow::Done(items),
                    _ => Flow::Raised,
                };
            };
            while self.keyed.get() < ffi::PyList_GET_SIZE(items.as_ptr()) {
                let item =
                    Obj::from_borrowed(ffi::PyList_GET_ITEM(items.as_ptr(), self.keyed.get()));
                match self.keyed(key.call(&[item.as_ptr()])) {
                    Flow::More => {}
                    flow => return flow,
                }
            }
            self.items.clear();
            Flow::from(self.by_keys(&items, &keys))
        }
    }

    unsafe fn bulk(&self, iterator: *mut ffi::PyObject) -> Option<Flow> {
        // SAFETY: GIL held (trait contract).
        unsafe {
            let Some(items) = Obj::from_owned(ffi::PySequence_List(iterator)) else {
                return Some(Flow::Raised);
            };
            self.items.set(Some(items));
        }
        Some(Flow::More)
    }
}

held!(Sorted {
    key,
    reverse,
    items,
    keys
});

/// Builds the types of `sorted` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    reduce::register::<Sorted>(py)?;
    SORTED.add_to(module, public_module)
}
