//! Sources: where a combinator's items come from, and how it is done with them.
//!
//! A [`Source`] is made from an iterable argument: an async iterable (it has `__aiter__`,
//! even if it also has `__iter__`) gives an async iterator, owned by the combinator; anything
//! else gives a sync iterator (`iter()`). An async iterator that is one of our native
//! iterators is driven directly through Rust ([`iterator::step_next`]): no awaitable per item.
//!
//! [`Ending`] is how every combinator finishes: it closes its owned sources in order (each
//! `aclose()` awaited; a later close still runs if an earlier one raises) and then raises the
//! outcome: `StopAsyncIteration` when exhausted, or the exception that ended it.

use super::awaitable::Slot;
use super::drive::{self, awaitable_iter, Poll, Step};
use super::exception;
use super::iterator;
use super::object::Obj;
use super::slots::async_methods;
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
    /// The iterator of the awaitable in flight (`__anext__()` or `aclose()`), `Async` only.
    pending: Slot,
    /// A pull or close is in flight and continues with the next step.
    in_flight: Cell<bool>,
    /// Closed (or never to be closed: borrowed or sync).
    closed: Cell<bool>,
}

impl Source {
    /// The source for an iterable argument, owned by the combinator; `None` with CPython's
    /// exception (`'int' object is not iterable`) when it is neither async nor sync iterable.
    ///
    /// # Safety
    /// GIL held; `iterable` alive.
    pub unsafe fn new(iterable: *mut ffi::PyObject) -> Option<Source> {
        // SAFETY: caller's contract.
        unsafe {
            let is_async = async_methods(iterable).is_some_and(|slots| slots.am_aiter.is_some());
            let (iter, kind) = if is_async {
                let iter = Obj::from_owned(ffi::PyObject_GetAIter(iterable))?;
                let kind = if iterator::is_native(iter.as_ptr()) {
                    Kind::Native
                } else {
                    Kind::Async
                };
                (iter, kind)
            } else {
                (
                    Obj::from_owned(ffi::PyObject_GetIter(iterable))?,
                    Kind::Sync,
                )
            };
            Some(Source {
                kind,
                iter: Slot::new(Some(iter)),
                pending: Slot::new(None),
                in_flight: Cell::new(false),
                closed: Cell::new(kind == Kind::Sync),
            })
        }
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
                return cleared();
            };
            let iter = iter.as_ptr();
            match self.kind {
                Kind::Sync => pull_sync(iter),
                Kind::Native => {
                    let poll = iterator::step_next(iter, !self.in_flight.get(), step);
                    self.in_flight.set(matches!(poll, Poll::Yield(_)));
                    poll
                }
                Kind::Async => {
                    if !self.in_flight.get() {
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
                        return self.start(awaitable);
                    }
                    self.resume(step)
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
                return cleared();
            };
            let poll = match self.kind {
                Kind::Sync => Poll::Return(Obj::none()),
                Kind::Native => {
                    let poll = iterator::step_close(iter.as_ptr(), !self.in_flight.get(), step);
                    self.in_flight.set(matches!(poll, Poll::Yield(_)));
                    poll
                }
                Kind::Async if self.in_flight.get() => self.resume(step),
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
                                Some(awaitable) => self.start(awaitable),
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

    /// Starts driving `awaitable`.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn start(&self, awaitable: Obj) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            let Some(awaitable_iter) = awaitable_iter(awaitable.as_ptr()) else {
                return Poll::Raised;
            };
            self.pending.set(Some(awaitable_iter));
            self.in_flight.set(true);
            self.resume(Step::Next)
        }
    }

    /// Continues driving the awaitable in flight.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn resume(&self, step: Step) -> Poll {
        // SAFETY: caller's contract; `pending` is held across the step.
        unsafe {
            let Some(pending) = self.pending.get() else {
                return cleared();
            };
            let poll = drive::resume(pending.as_ptr(), step);
            if matches!(poll, Poll::Yield(_)) {
                return poll;
            }
            self.pending.clear();
            self.in_flight.set(false);
            poll.settle()
        }
    }

    pub fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        let status = self.iter.visit(visit, arg);
        if status != 0 {
            return status;
        }
        self.pending.visit(visit, arg)
    }

    pub fn clear(&self) {
        self.iter.clear();
        self.pending.clear();
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

/// # Safety
/// GIL held.
unsafe fn cleared() -> Poll {
    // SAFETY: GIL held (caller's contract).
    unsafe {
        ffi::PyErr_SetString(
            ffi::PyExc_RuntimeError,
            c"iterator cleared by the garbage collector".as_ptr(),
        );
    }
    Poll::Raised
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EndState {
    /// Still producing items.
    Open,
    /// Closing the sources; the outcome follows.
    Closing,
    /// Finished: every further `__anext__` raises `StopAsyncIteration`.
    Done,
}

/// How a combinator finishes (see the module docs).
pub struct Ending {
    state: Cell<EndState>,
    /// The exception to raise once the sources are closed; empty for `aclose()`.
    outcome: Slot,
    /// The source being closed.
    index: Cell<usize>,
}

impl Default for Ending {
    fn default() -> Ending {
        Ending::new()
    }
}

impl Ending {
    pub fn new() -> Ending {
        Ending {
            state: Cell::new(EndState::Open),
            outcome: Slot::new(None),
            index: Cell::new(0),
        }
    }

    /// Continues what a `__anext__` step is doing if the combinator is ending or ended;
    /// `None` while it is still producing items.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    pub unsafe fn next_step(&self, sources: &[&Source], step: Step) -> Option<Poll> {
        // SAFETY: caller's contract.
        unsafe {
            match self.state.get() {
                EndState::Open => None,
                EndState::Closing => Some(self.poll(sources, step)),
                EndState::Done => {
                    ffi::PyErr_SetNone(ffi::PyExc_StopAsyncIteration);
                    Some(Poll::Raised)
                }
            }
        }
    }

    /// Ends with the current exception (`StopAsyncIteration` when a source is exhausted, or
    /// what failed) as the outcome, once the sources are closed.
    ///
    /// # Safety
    /// GIL held; an exception is set.
    pub unsafe fn fail(&self, sources: &[&Source]) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            self.outcome.set(Some(exception::take()));
            self.state.set(EndState::Closing);
            self.index.set(0);
            self.poll(sources, Step::Next)
        }
    }

    /// `aclose()`: closes the sources and completes with `None`, or continues doing so.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    pub unsafe fn close(&self, sources: &[&Source], step: Step) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            match self.state.get() {
                EndState::Done => Poll::Return(Obj::none()),
                EndState::Closing => self.poll(sources, step),
                EndState::Open => {
                    self.state.set(EndState::Closing);
                    self.index.set(0);
                    self.poll(sources, Step::Next)
                }
            }
        }
    }

    /// Closes the remaining sources one after the other, then delivers the outcome.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn poll(&self, sources: &[&Source], mut step: Step) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            while let Some(source) = sources.get(self.index.get()) {
                match source.close(step) {
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Return(_) => {}
                    Poll::Raised => {
                        // A failing close replaces the outcome, which becomes its context,
                        // as an exception raised in a `finally` block does.
                        let failure = exception::take();
                        if let Some(previous) = self.outcome.get() {
                            ffi::PyException_SetContext(failure.as_ptr(), previous.into_ptr());
                        }
                        self.outcome.set(Some(failure));
                    }
                }
                self.index.set(self.index.get() + 1);
                // Only the close in flight continues with the caller's step.
                step = Step::Next;
            }
            self.state.set(EndState::Done);
            match self.outcome.get() {
                Some(outcome) => {
                    self.outcome.clear();
                    exception::restore(outcome);
                    Poll::Raised
                }
                None => Poll::Return(Obj::none()),
            }
        }
    }

    pub fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.outcome.visit(visit, arg)
    }

    pub fn clear(&self) {
        self.outcome.clear();
    }
}
