//! What the children of one `tee()` share: the source, the buffer, the positions, the
//! waiting children.

use crate::machinery::ending::Ending;
use crate::machinery::exception::{self, Failure};
use crate::machinery::held::{clear_all, traverse_all, Held};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::shared::SharedState;
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use pyo3::ffi;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ffi::{c_int, c_void};

/// What the children of one `tee()` share (see the module docs).
pub struct TeeState {
    pub(super) source: Source,
    /// Closes the source: after its exhaustion, or when the last child is closed.
    pub(super) ending: Ending,
    /// Items some live child has not read; `buffer[0]` is item number `base`.
    pub(super) buffer: RefCell<VecDeque<Obj>>,
    pub(super) base: Cell<usize>,
    /// The number of the next item of each child; `None` once it is closed or collected.
    pub(super) positions: RefCell<Vec<Option<usize>>>,
    /// The child whose pull of the source is in flight.
    pub(super) puller: Cell<Option<usize>>,
    /// The child whose `__anext__` step closes the source after its exhaustion.
    pub(super) closer: Cell<Option<usize>>,
    /// The source is exhausted: the children drain the buffer, then stop.
    pub(super) exhausted: Cell<bool>,
    /// How to wake each child waiting for the pull in flight.
    pub(super) waiters: RefCell<Vec<Obj>>,
    /// What interrupted the last pull of the source (a `BaseException` that is not an
    /// `Exception`: the puller's task was cancelled), until a pull gives an item again.
    pub(super) interrupted: Slot,
    /// The source ended after an interrupted pull: an async generator dies of the
    /// cancellation thrown into it, so its end says nothing of the items it had left. The
    /// children raise [`TeeState::raise_lost`] after their buffered items, not a clean end.
    pub(super) lost: Cell<bool>,
}

native_type!(TeeState, c"asyncitertools.itertools.tee_state", name: c"itertools.tee_state", c"The source and buffer that the iterators of one tee() share.");

impl SharedState for TeeState {}

impl Held for TeeState {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        let status = traverse_all(&[&self.source, &self.ending, &self.interrupted], visit, arg);
        if status != 0 {
            return status;
        }
        // Never borrowed while Python code runs (see `trim`), so these borrows succeed; if
        // one did not, reporting fewer references only keeps objects alive.
        if let Ok(buffer) = self.buffer.try_borrow() {
            for item in buffer.iter() {
                let status = item.visit(visit, arg);
                if status != 0 {
                    return status;
                }
            }
        }
        if let Ok(waiters) = self.waiters.try_borrow() {
            for wake in waiters.iter() {
                let status = wake.visit(visit, arg);
                if status != 0 {
                    return status;
                }
            }
        }
        0
    }

    fn clear(&self) {
        clear_all(&[&self.source, &self.ending, &self.interrupted]);
        // Dropped after the borrows end: dropping an item may run Python code.
        let buffer = self.buffer.take();
        let waiters = self.waiters.take();
        drop(buffer);
        drop(waiters);
    }
}

impl TeeState {
    /// Item number `position`, if the buffer holds it.
    pub(super) fn item_at(&self, position: usize) -> Option<Obj> {
        let offset = position.checked_sub(self.base.get())?;
        self.buffer.borrow().get(offset).cloned()
    }

    pub(super) fn position(&self, child: usize) -> Option<usize> {
        self.positions.borrow().get(child).copied().flatten()
    }

    pub(super) fn set_position(&self, child: usize, position: Option<usize>) {
        if let Some(slot) = self.positions.borrow_mut().get_mut(child) {
            *slot = position;
        }
    }

    pub(super) fn any_live(&self) -> bool {
        self.positions.borrow().iter().any(Option::is_some)
    }

    /// Drops the items every live child has read (all of them when none is live).
    pub(super) fn trim(&self) {
        let end = self.base.get() + self.buffer.borrow().len();
        let oldest = self
            .positions
            .borrow()
            .iter()
            .flatten()
            .copied()
            .min()
            .unwrap_or(end);
        let mut read = Vec::new();
        {
            let mut buffer = self.buffer.borrow_mut();
            while self.base.get() < oldest {
                let Some(item) = buffer.pop_front() else {
                    break;
                };
                read.push(item);
                self.base.set(self.base.get() + 1);
            }
        }
        // Outside the borrow: a dropped item may run Python code that reaches this state.
        drop(read);
    }

    /// Wakes every waiting child (they check the state again), keeping the current exception.
    ///
    /// # Safety
    /// GIL held.
    pub(super) unsafe fn wake_all(&self) {
        let waiters = self.waiters.take();
        if waiters.is_empty() {
            return;
        }
        // SAFETY: GIL held (caller's contract); each waker is a live callable.
        unsafe {
            exception::keeping_current(|| {
                for wake in waiters {
                    match Obj::from_owned(ffi::PyObject_CallNoArgs(wake.as_ptr())) {
                        Some(_) => {}
                        // Not the waker's caller's failure: reported, as a failing callback is.
                        None => ffi::PyErr_WriteUnraisable(wake.as_ptr()),
                    }
                }
            })
        }
    }

    /// Notes the pull's failure (the current exception) if it is an interruption rather than
    /// the source's own error: see [`TeeState::lost`].
    ///
    /// # Safety
    /// GIL held; an exception is set.
    pub(super) unsafe fn note_failure(&self) {
        // SAFETY: caller's contract.
        unsafe {
            if ffi::PyErr_ExceptionMatches(ffi::PyExc_Exception) != 0 {
                return;
            }
            let failure = exception::take();
            self.interrupted.set(Some(failure.clone()));
            exception::restore(failure);
        }
    }

    /// Raises, in place of the end of the items, the `RuntimeError` of a source that ended
    /// after an interrupted pull (caused by what interrupted it).
    ///
    /// # Safety
    /// GIL held.
    pub(super) unsafe fn raise_lost<T: Failure>(&self) -> T {
        // SAFETY: caller's contract.
        unsafe {
            let interrupt = self.interrupted.get();
            let name = interrupt.as_ref().map_or(c"an interruption".as_ptr(), |e| {
                (*ffi::Py_TYPE(e.as_ptr())).tp_name
            });
            ffi::PyErr_Format(
                ffi::PyExc_RuntimeError,
                c"tee() source ended after a pull from it was interrupted (%s): the items it had left are lost".as_ptr(),
                name,
            );
            if let Some(interrupt) = interrupt {
                let error = exception::take();
                ffi::PyException_SetCause(error.as_ptr(), interrupt.into_ptr());
                exception::restore(error);
            }
            T::failure()
        }
    }

    /// Removes `wake` (by identity) from the waiters.
    pub(super) fn unregister(&self, wake: &Obj) {
        let removed = {
            let mut waiters = self.waiters.borrow_mut();
            waiters
                .iter()
                .position(|waiting| waiting.as_ptr() == wake.as_ptr())
                .map(|index| waiters.swap_remove(index))
        };
        drop(removed);
    }
}
