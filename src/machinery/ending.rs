//! [`Ending`]: how every combinator finishes. It closes its owned sources in order (each
//! `aclose()` awaited; a later close still runs if an earlier one raises) and then raises the
//! outcome: `StopAsyncIteration` when exhausted, or the exception that ended it.

use super::exception;
use super::exception::exhausted;
use super::held::Held;
use super::object::Obj;
use super::slot::Slot;
use super::source::Source;
use super::step::{Poll, Step};
use pyo3::ffi;
use std::cell::Cell;
use std::ffi::{c_int, c_void};

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
    /// What to deliver once the sources are closed: the exception to raise, or the value to
    /// return (`returning`; empty means `None`, as for `aclose()`).
    outcome: Slot,
    returning: Cell<bool>,
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
            returning: Cell::new(false),
            index: Cell::new(0),
        }
    }

    /// The shape of most combinators' `__anext__` step: the step goes to the ending while the
    /// sources are being closed (or raises `StopAsyncIteration` once they are); otherwise
    /// `produce` makes the item, and an exception it raises ends the combinator (the sources
    /// closed, then the exception raised).
    ///
    /// # Safety
    /// GIL held; the step's pointers alive; `produce` upholds what it is given.
    #[inline]
    pub unsafe fn step(
        &self,
        sources: &[Source],
        step: Step,
        produce: impl FnOnce(Step) -> Poll,
    ) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            if let Some(poll) = self.next_step(sources, step) {
                return poll;
            }
            match produce(step) {
                Poll::Raised => self.fail(sources),
                poll => poll,
            }
        }
    }

    /// Whether the combinator is still producing items (not ending, not ended).
    pub fn is_open(&self) -> bool {
        self.state.get() == EndState::Open
    }

    /// Continues what a `__anext__` step is doing if the combinator is ending or ended;
    /// `None` while it is still producing items.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    pub unsafe fn next_step(&self, sources: &[Source], step: Step) -> Option<Poll> {
        // SAFETY: caller's contract.
        unsafe {
            match self.state.get() {
                EndState::Open => None,
                EndState::Closing => Some(self.poll(sources, step)),
                EndState::Done => Some(exhausted()),
            }
        }
    }

    /// Ends with the current exception (`StopAsyncIteration` when a source is exhausted, or
    /// what failed) as the outcome, once the sources are closed.
    ///
    /// # Safety
    /// GIL held; an exception is set.
    pub unsafe fn fail(&self, sources: &[Source]) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            self.outcome.set(Some(exception::take()));
            self.returning.set(false);
            self.state.set(EndState::Closing);
            self.index.set(0);
            self.poll(sources, Step::Next)
        }
    }

    /// Ends with `value` as the result (a reduction's), once the sources are closed.
    ///
    /// # Safety
    /// GIL held.
    pub unsafe fn finish(&self, sources: &[Source], value: Obj) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            self.outcome.set(Some(value));
            self.returning.set(true);
            self.state.set(EndState::Closing);
            self.index.set(0);
            self.poll(sources, Step::Next)
        }
    }

    /// `aclose()`: closes the sources and completes with `None`, or continues doing so.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    pub unsafe fn close(&self, sources: &[Source], step: Step) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            match self.state.get() {
                EndState::Done => Poll::Return(Obj::none()),
                EndState::Closing => self.poll(sources, step),
                EndState::Open => {
                    self.returning.set(true);
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
    unsafe fn poll(&self, sources: &[Source], mut step: Step) -> Poll {
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
                        if let Some(previous) = self.outcome.get().filter(|_| !self.returning.get())
                        {
                            ffi::PyException_SetContext(failure.as_ptr(), previous.into_ptr());
                        }
                        self.outcome.set(Some(failure));
                        self.returning.set(false);
                    }
                }
                self.index.set(self.index.get() + 1);
                // Only the close in flight continues with the caller's step.
                step = Step::Next;
            }
            self.state.set(EndState::Done);
            let outcome = self.outcome.get();
            self.outcome.clear();
            match outcome {
                Some(value) if self.returning.get() => Poll::Return(value),
                None => Poll::Return(Obj::none()),
                Some(exception) => {
                    exception::restore(exception);
                    Poll::Raised
                }
            }
        }
    }
}

impl Held for Ending {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.outcome.visit(visit, arg)
    }

    fn clear(&self) {
        self.outcome.clear();
    }
}
