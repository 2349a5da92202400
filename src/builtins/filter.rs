//! `filter(function, iterable, /)`: the items for which `function` (sync or async; `None`
//! for the item's own truth) is true.

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::awaitable::Slot;
use crate::machinery::call::Callable;
use crate::machinery::drive::{Poll, Step};
use crate::machinery::function::BuiltinFunction;
use crate::machinery::held::{clear_all, traverse_all};
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::TypeCell;
use crate::machinery::object::Obj;
use crate::machinery::panic::guard;
use crate::machinery::source::{Ending, Source};
use pyo3::ffi;
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

pub static FILTER: BuiltinFunction = BuiltinFunction::new(
    c"filter",
    filter,
    c"filter(function, iterable, /)\n--\n\n\
Return an async iterator of the items of iterable for which function(item) is true. The \
function may be sync or async; if it is None, the items that are true are kept.",
);

unsafe extern "C" fn filter(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: vectorcall convention, GIL held.
        unsafe {
            if !no_keywords(c"filter", kwnames) || !check_positional(c"filter", nargs, 2, 2) {
                return null_mut();
            }
            let function = *args;
            // As the stdlib: None and bool both mean the item's own truth.
            let predicate = if function == ffi::Py_None()
                || function == std::ptr::addr_of_mut!(ffi::PyBool_Type) as *mut ffi::PyObject
            {
                None
            } else {
                Some(Callable::new(Obj::from_borrowed(function)))
            };
            let Some(source) = Source::new(*args.add(1)) else {
                return null_mut();
            };
            new_iterator(Filter {
                predicate,
                source,
                item: Slot::new(None),
                ending: Ending::new(),
            })
        }
    })
}

/// The async iterator of `filter()`.
pub struct Filter {
    predicate: Option<Callable>,
    source: Source,
    /// The item whose predicate is in flight.
    item: Slot,
    ending: Ending,
}

impl IterMachine for Filter {
    const NAME: &'static CStr = c"filter";
    const QUALIFIED_NAME: &'static CStr = c"asyncitertools.filter";
    const DOC: &'static CStr = c"Async iterator of the items a predicate accepts.";

    fn cell() -> &'static TypeCell {
        static CELL: TypeCell = TypeCell::new();
        &CELL
    }

    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            loop {
                if let Some(poll) = self.ending.next_step(sources, step) {
                    return poll;
                }
                let (item, verdict) = match &self.predicate {
                    Some(predicate) if predicate.is_active() => {
                        let verdict = predicate.resume(step);
                        (self.item.get(), verdict)
                    }
                    predicate => {
                        let item = match self.source.pull(step) {
                            Poll::Return(item) => item,
                            Poll::Raised => return self.ending.fail(sources),
                            poll => return poll,
                        };
                        match predicate {
                            None => (Some(item.clone()), Poll::Return(item)),
                            Some(predicate) => {
                                let verdict = predicate.call(&[item.as_ptr()]);
                                if matches!(verdict, Poll::Yield(_)) {
                                    self.item.set(Some(item));
                                    return verdict;
                                }
                                (Some(item), verdict)
                            }
                        }
                    }
                };
                step = Step::Next;
                match verdict {
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Raised => {
                        self.item.clear();
                        return self.ending.fail(sources);
                    }
                    Poll::Return(verdict) => {
                        self.item.clear();
                        let Some(item) = item else {
                            ffi::PyErr_SetString(
                                ffi::PyExc_RuntimeError,
                                c"iterator cleared by the garbage collector".as_ptr(),
                            );
                            return self.ending.fail(sources);
                        };
                        match ffi::PyObject_IsTrue(verdict.as_ptr()) {
                            -1 => return self.ending.fail(sources),
                            0 => {}
                            _ => return Poll::Return(item),
                        }
                    }
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }

    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        traverse_all(
            &[&self.predicate, &self.source, &self.item, &self.ending],
            visit,
            arg,
        )
    }

    fn clear(&self) {
        clear_all(&[&self.predicate, &self.source, &self.item, &self.ending]);
    }
}
