//! Sources: where a combinator's items come from, and how it is done with them.
//!
//! A [`Source`] is made from an iterable argument: an async iterable (it has `__aiter__`,
//! even if it also has `__iter__`) gives an async iterator, owned by the combinator; anything
//! else gives a sync iterator (`iter()`). An async iterator that is one of our native
//! iterators is driven directly through Rust ([`iterator::step_next`]): no awaitable per item.
//! How a combinator is done with them is [`super::ending::Ending`].

use super::exception::cleared;
use super::held::Held;
use super::iterator;
use super::object::Obj;
use super::pending::Pending;
use super::slot::Slot;
use super::slots::async_methods;
use super::step::{Poll, Step};
use super::stop::raised;
use pyo3::ffi;
use std::cell::Cell;
use std::ffi::{c_int, c_void};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A sync iterator: `next()` completes at once.
    Sync,
    /// A Python async iterator: `__anext__()` gives an awaitable to drive.
    Async,
    /// One of our native iterators: driven through Rust.
    Native,
}

/// A combinator's source of items.
pub struct Source {
    kind: Kind,
    iter: Slot,
    /// The `__anext__()` or `aclose()` awaitable in flight (`Async` only).
    pending: Pending,
    /// A step of a `Native` source is in flight and continues with the next step.
    in_flight: Cell<bool>,
    /// Closed, or not ours to close (sync or borrowed).
    closed: Cell<bool>,
}

impl Source {
    /// The source for an iterable argument, owned by the combinator; `None` with CPython's
    /// exception (`'int' object is not iterable`) when it is neither async nor sync iterable,
    /// with a note when it looks like a forgotten `await` or call (see
    /// [`super::misuse::hint_not_iterable`]). A result's awaitable of ours is refused too
    /// (`list(sorted(xs))`: the inner `await` forgotten), though it is its own iterator.
    ///
    /// # Safety
    /// GIL held; `iterable` alive.
    pub unsafe fn new(iterable: *mut ffi::PyObject) -> Option<Source> {
        // SAFETY: caller's contract.
        unsafe {
            let is_async = async_methods(iterable).is_some_and(|slots| slots.am_aiter.is_some());
            if is_async {
                let iter = Obj::from_owned(ffi::PyObject_GetAIter(iterable))?;
                Some(Source::of_async(iter, true))
            } else {
                if super::misuse::is_result_awaitable(iterable) {
                    super::misuse::refuse_iteration(iterable);
                    return None;
                }
                let Some(iter) = Obj::from_owned(ffi::PyObject_GetIter(iterable)) else {
                    super::misuse::hint_not_iterable(iterable);
                    return None;
                };
                Some(Source::of(Kind::Sync, iter, false))
            }
        }
    }

    /// A source over `iterator` itself (async if it has `__anext__`, else sync), which is
    /// never closed: `None` with `TypeError` if it is not an iterator.
    ///
    /// # Safety
    /// GIL held; `iterator` alive.
    pub unsafe fn borrowed(iterator: *mut ffi::PyObject) -> Option<Source> {
        // SAFETY: caller's contract.
        unsafe {
            let iter = Obj::from_borrowed(iterator);
            if async_methods(iterator).is_some_and(|slots| slots.am_anext.is_some()) {
                return Some(Source::of_async(iter, false));
            }
            if ffi::PyIter_Check(iterator) != 0 {
                return Some(Source::of(Kind::Sync, iter, false));
            }
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"'%.200s' object is not an iterator".as_ptr(),
                (*ffi::Py_TYPE(iterator)).tp_name,
            );
            None
        }
    }

    /// The owned source for an async iterator given as such (its `__anext__` is used; its
    /// `__aiter__` is not called): `None` if `object` is not an async iterator.
    ///
    /// # Safety
    /// GIL held; `object` alive.
    pub unsafe fn owned_async_iterator(object: *mut ffi::PyObject) -> Option<Source> {
        // SAFETY: caller's contract.
        unsafe {
            async_methods(object)
                .is_some_and(|slots| slots.am_anext.is_some())
                .then(|| Source::of_async(Obj::from_borrowed(object), true))
        }
    }

    /// A source over the items of a tuple (for functions that take items as arguments).
    ///
    /// # Safety
    /// GIL held; `tuple` alive.
    pub unsafe fn of_tuple(tuple: *mut ffi::PyObject) -> Option<Source> {
        // SAFETY: caller's contract.
        unsafe {
            Some(Source::of(
                Kind::Sync,
                Obj::from_owned(ffi::PyObject_GetIter(tuple))?,
                false,
            ))
        }
    }

    /// A source without items (for a function called without its iterable).
    ///
    /// # Safety
    /// GIL held.
    pub unsafe fn empty() -> Option<Source> {
        // SAFETY: caller's contract.
        unsafe {
            let empty = Obj::from_owned(ffi::PyTuple_New(0))?;
            Source::of_tuple(empty.as_ptr())
        }
    }

    /// # Safety
    /// GIL held; `iter` an async iterator.
    unsafe fn of_async(iter: Obj, owned: bool) -> Source {
        // SAFETY: caller's contract.
        let kind = if unsafe { iterator::is_native(iter.as_ptr()) } {
            Kind::Native
        } else {
            Kind::Async
        };
        Source::of(kind, iter, owned)
    }

    fn of(kind: Kind, iter: Obj, owned: bool) -> Source {
        Source {
            kind,
            iter: Slot::new(Some(iter)),
            pending: Pending::new(),
            in_flight: Cell::new(false),
            closed: Cell::new(!owned),
        }
    }

    /// Whether pulling completes at once (a sync iterator: no step ever suspends).
    pub fn is_sync(&self) -> bool {
        self.kind == Kind::Sync
    }

    /// The iterator (for a sync source: to consume it in bulk).
    pub fn iterator(&self) -> Option<Obj> {
        self.iter.get()
    }

    /// Pulls the next item, or continues pulling it: `Return(item)`, `Yield` to suspend,
    /// `Raised` with `StopAsyncIteration` when exhausted (or the source's exception).
    /// `step` is used only to continue a pull in flight; a new pull starts with `Next`.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    pub unsafe fn pull(&self, step: Step) -> Poll {
        // SAFETY: caller's contract; the iterator is held across the step.
        unsafe {
            let Some(iter) = self.iter.get() else {
                return cleared(c"iterator");
            };
            let iter = iter.as_ptr();
            match self.kind {
                Kind::Sync => pull_sync(iter),
                Kind::Native => {
                    let fresh = !self.in_flight.get();
                    let poll = nested(|| iterator::step_next(iter, fresh, step));
                    self.in_flight.set(matches!(poll, Poll::Yield(_)));
                    poll
                }
                Kind::Async => {
                    if !self.pending.is_active() {
                        let Some(anext) = async_methods(iter).and_then(|slots| slots.am_anext)
                        else {
                            ffi::PyErr_Format(
                                ffi::PyExc_TypeError,
                                c"'%.200s' object is not an async iterator".as_ptr(),
                                (*ffi::Py_TYPE(iter)).tp_name,
                            );
                            return Poll::Raised;
                        };
                        let Some(awaitable) = Obj::from_owned(anext(iter)) else {
                            return Poll::Raised;
                        };
                        return self.pending.start(awaitable);
                    }
                    self.pending.resume(step)
                }
            }
        }
    }

    /// Closes the source if it is owned and async, or continues closing it: `Return(None)`
    /// when closed (at once if there is nothing to close).
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    pub unsafe fn close(&self, step: Step) -> Poll {
        // SAFETY: caller's contract; the iterator is held across the step.
        unsafe {
            if self.closed.get() {
                return Poll::Return(Obj::none());
            }
            let Some(iter) = self.iter.get() else {
                return cleared(c"iterator");
            };
            let poll = match self.kind {
                Kind::Sync => Poll::Return(Obj::none()),
                Kind::Native => {
                    let fresh = !self.in_flight.get();
                    let poll = nested(|| iterator::step_close(iter.as_ptr(), fresh, step));
                    self.in_flight.set(matches!(poll, Poll::Yield(_)));
                    poll
                }
                Kind::Async if self.pending.is_active() => self.pending.resume(step),
                Kind::Async => {
                    // An async iterator without aclose() has nothing to close.
                    let aclose = ffi::PyObject_GetAttrString(iter.as_ptr(), c"aclose".as_ptr());
                    match Obj::from_owned(aclose) {
                        None if raised(ffi::PyExc_AttributeError) => {
                            ffi::PyErr_Clear();
                            Poll::Return(Obj::none())
                        }
                        None => Poll::Raised,
                        Some(aclose) => {
                            match Obj::from_owned(ffi::PyObject_CallNoArgs(aclose.as_ptr())) {
                                Some(awaitable) => self.pending.start(awaitable),
                                None => Poll::Raised,
                            }
                        }
                    }
                }
            };
            if !matches!(poll, Poll::Yield(_)) {
                self.closed.set(true);
            }
            poll
        }
    }

    /// Gives the iterator away (to a function that will own it): this source no longer holds
    /// or closes it. `None` if the garbage collector cleared it.
    pub fn hand_over(&self) -> Option<Obj> {
        self.closed.set(true);
        let iter = self.iter.get();
        self.iter.clear();
        iter
    }
}

impl Held for Source {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        let status = self.iter.visit(visit, arg);
        if status != 0 {
            return status;
        }
        self.pending.traverse(visit, arg)
    }

    fn clear(&self) {
        self.iter.clear();
        self.pending.clear();
    }
}

/// A step of a native source, one level deeper in Rust: CPython's recursion limit applies, so
/// a chain of layers too deep for the C stack raises `RecursionError` instead of crashing.
///
/// # Safety
/// GIL held.
#[inline]
unsafe fn nested(step: impl FnOnce() -> Poll) -> Poll {
    // SAFETY: GIL held (caller's contract); every successful enter is left.
    unsafe {
        if ffi::Py_EnterRecursiveCall(c" while driving a native async iterator".as_ptr()) != 0 {
            return Poll::Raised;
        }
        let poll = step();
        ffi::Py_LeaveRecursiveCall();
        poll
    }
}

/// `next()` of a sync iterator as a pull.
///
/// # Safety
/// GIL held; `iter` a live iterator.
unsafe fn pull_sync(iter: *mut ffi::PyObject) -> Poll {
    // SAFETY: caller's contract.
    unsafe {
        let item = match (*ffi::Py_TYPE(iter)).tp_iternext {
            Some(next) => next(iter),
            None => ffi::PyIter_Next(iter),
        };
        if let Some(item) = Obj::from_owned(item) {
            return Poll::Return(item);
        }
        if ffi::PyErr_Occurred().is_null() || raised(ffi::PyExc_StopIteration) {
            ffi::PyErr_Clear();
            ffi::PyErr_SetNone(ffi::PyExc_StopAsyncIteration);
        }
        Poll::Raised
    }
}
