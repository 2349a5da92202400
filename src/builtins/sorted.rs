//! `sorted(iterable, /, *, key=None, reverse=False)`: awaitable; a new sorted list (stable),
//! the key function sync or async.

use crate::machinery::args::{check_positional, keyword_only};
use crate::machinery::awaitable::{visit_slots, Slot, TypeCell};
use crate::machinery::call::Callable;
use crate::machinery::drive::{Poll, Step};
use crate::machinery::function::BuiltinFunction;
use crate::machinery::object::Obj;
use crate::machinery::panic::guard;
use crate::machinery::reduce::{reduce, Flow, Fold};
use pyo3::ffi;
use std::ffi::{c_int, c_void, CStr};
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

unsafe extern "C" fn sorted(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: vectorcall convention, GIL held.
        unsafe {
            if !check_positional(c"sorted", nargs, 1, 1) {
                return null_mut();
            }
            // The stdlib reports keyword errors as list.sort's.
            let Some([key, reverse]) =
                keyword_only(c"sort", [c"key", c"reverse"], args, nargs, kwnames)
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
                item: Slot::new(None),
            };
            reduce(*args, fold)
        }
    })
}

/// The fold of `sorted()`: the items, and their keys when there is a key function.
pub struct Sorted {
    key: Option<Callable>,
    /// As given: `list.sort` converts it, with each version's rules.
    reverse: Slot,
    items: Slot,
    keys: Slot,
    /// The item whose key is in flight.
    item: Slot,
}

impl Sorted {
    /// Stores `item` and the outcome of its key call.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn keyed(&self, item: Obj, poll: Poll) -> Flow {
        // SAFETY: caller's contract.
        unsafe {
            match poll {
                Poll::Return(key) => {
                    let (Some(items), Some(keys)) = (self.items.get(), self.keys.get()) else {
                        return super::collect::cleared();
                    };
                    if ffi::PyList_Append(items.as_ptr(), item.as_ptr()) != 0
                        || ffi::PyList_Append(keys.as_ptr(), key.as_ptr()) != 0
                    {
                        return Flow::Raised;
                    }
                    Flow::More
                }
                Poll::Yield(value) => {
                    self.item.set(Some(item));
                    Flow::Yield(value)
                }
                Poll::Raised => Flow::Raised,
            }
        }
    }

    /// `list.sort(**keywords)` on `list`: 0, or -1 with an exception.
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
            let Some(method) =
                Obj::from_owned(ffi::PyObject_GetAttrString(list.as_ptr(), c"sort".as_ptr()))
            else {
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
}

impl Fold for Sorted {
    const NAME: &'static CStr = c"sorted";
    const QUALIFIED_NAME: &'static CStr = c"asyncitertools.sorted";
    const DOC: &'static CStr = c"The awaitable of sorted().";

    fn cell() -> &'static TypeCell {
        static CELL: TypeCell = TypeCell::new();
        &CELL
    }

    unsafe fn feed(&self, item: Obj) -> Flow {
        // SAFETY: GIL held (trait contract).
        unsafe {
            match &self.key {
                None => {
                    let Some(items) = self.items.get() else {
                        return super::collect::cleared();
                    };
                    match ffi::PyList_Append(items.as_ptr(), item.as_ptr()) {
                        0 => Flow::More,
                        _ => Flow::Raised,
                    }
                }
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
                return super::collect::cleared();
            };
            self.item.clear();
            let poll = key.resume(step);
            self.keyed(item, poll)
        }
    }

    unsafe fn finish(&self) -> Option<Obj> {
        let items = self.items.get()?;
        self.items.clear();
        // SAFETY: GIL held (trait contract).
        unsafe {
            let Some(keys) = self.keys.get() else {
                return (self.sort(&items, None) == 0).then_some(items);
            };
            // Sort the positions by their keys (stable, and comparing keys only, as the
            // stdlib's sort with a key), then take the items in that order.
            let count = ffi::PyList_GET_SIZE(items.as_ptr());
            let order = Obj::from_owned(ffi::PyList_New(count))?;
            for index in 0..count {
                let position = Obj::from_owned(ffi::PyLong_FromSsize_t(index))?;
                ffi::PyList_SET_ITEM(order.as_ptr(), index, position.into_ptr());
            }
            let key_of = Obj::from_owned(ffi::PyObject_GetAttrString(
                keys.as_ptr(),
                c"__getitem__".as_ptr(),
            ))?;
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

    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        if let Some(key) = &self.key {
            let status = key.traverse(visit, arg);
            if status != 0 {
                return status;
            }
        }
        visit_slots(
            &[&self.reverse, &self.items, &self.keys, &self.item],
            visit,
            arg,
        )
    }

    fn clear(&self) {
        if let Some(key) = &self.key {
            key.clear();
        }
        self.reverse.clear();
        self.items.clear();
        self.keys.clear();
        self.item.clear();
    }
}
