//! `tee(iterable, n=2, /)`: `n` async iterators (children) over the items of one sync or async
//! iterable, each giving every item in order.
//!
//! The children share one [`TeeState`] (a GC-tracked native object): the source, a buffer of
//! the items that some live child has not read yet, and each child's position. A child that
//! has read the whole buffer pulls the source itself; items leave the buffer once every live
//! child has read them, so it holds exactly the lag of the slowest child. A closed or
//! collected child no longer holds the buffer back; closing the last child closes the source.
//!
//! Children may be consumed concurrently from several tasks. While one child's pull of the
//! source is in flight (its task suspended inside the source), another child that needs the
//! next item waits until that pull ends, then reads the item from the buffer (or pulls again
//! if the pull failed, as the stdlib does: no exception is stored). A pull interrupted by a
//! cancellation (the puller's task cancelled inside the source) is different: an async
//! generator dies of it, and its end would look like the end of its items to the others, a
//! silent truncation. If the source then ends before giving another item, every child raises
//! `RuntimeError` (caused by the interruption) after the items it has, in place of the end. Waiting depends on the
//! running event loop; `asyncitertools._waiting` finds it, and is only called on contention.

mod state;
mod waiter;

use crate::machinery::args::{check_positional, no_keywords};
use crate::machinery::ending::Ending;
use crate::machinery::exception::{exhausted, raise_thrown};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::{clear_all, traverse_all, Held};
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::pending::Pending;
use crate::machinery::shared::register_shared;
use crate::machinery::shared::{new_shared, shared_state};
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use pyo3::prelude::*;
use state::TeeState;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;
use waiter::waiter;

pub static TEE: BuiltinFunction = BuiltinFunction::new(
    c"tee",
    tee,
    c"tee(iterable, n=2, /)\n--\n\n\
Return a tuple of n independent async iterators over the items of iterable (sync or async). \
They may be consumed in any order, also concurrently from several tasks; closing the last of \
them closes the source.",
);

vectorcall!(tee, |args, nargs, kwnames| {
    // In the stdlib's order: keywords, count, n, then the iterable.
    if !no_keywords(c"itertools.tee", kwnames) || !check_positional(c"tee", nargs, 1, 2) {
        return null_mut();
    }
    let n = if nargs == 2 {
        let Some(index) = Obj::from_owned(ffi::PyNumber_Index(*args.add(1))) else {
            return null_mut();
        };
        let n = ffi::PyLong_AsSsize_t(index.as_ptr());
        if n == -1 && !ffi::PyErr_Occurred().is_null() {
            return null_mut();
        }
        n
    } else {
        2
    };
    if n < 0 {
        #[cfg(Py_3_15)]
        let message = c"n cannot be negative"; // Argument Clinic's, since 3.15
        #[cfg(not(Py_3_15))]
        let message = c"n must be >= 0";
        ffi::PyErr_SetString(ffi::PyExc_ValueError, message.as_ptr());
        return null_mut();
    }
    let Some(tuple) = Obj::from_owned(ffi::PyTuple_New(n)) else {
        return null_mut();
    };
    if n == 0 {
        // As the stdlib: the iterable is not even iterated.
        return tuple.into_ptr();
    }
    let Some(source) = Source::new(*args) else {
        return null_mut();
    };
    let count = n as usize;
    let shared = Obj::from_owned(new_shared(TeeState {
        source,
        ending: Ending::new(),
        buffer: RefCell::new(VecDeque::new()),
        base: Cell::new(0),
        positions: RefCell::new(vec![Some(0); count]),
        puller: Cell::new(None),
        closer: Cell::new(None),
        exhausted: Cell::new(false),
        waiters: RefCell::new(Vec::new()),
        interrupted: Slot::new(None),
        lost: Cell::new(false),
    }));
    let Some(shared) = shared else {
        return null_mut();
    };
    for index in 0..count {
        let child = new_iterator(TeeChild {
            shared: Slot::new(Some(shared.clone())),
            index,
            wait: Pending::new(),
            wake: Slot::new(None),
            yielded: Cell::new(false),
            closing: Cell::new(false),
        });
        if child.is_null() {
            return null_mut();
        }
        // SAFETY: a new tuple's slot, filled once; the tuple steals the reference.
        ffi::PyTuple_SET_ITEM(tuple.as_ptr(), index as ffi::Py_ssize_t, child);
    }
    tuple.into_ptr()
});

/// One iterator of a `tee()`.
pub struct TeeChild {
    /// The [`TeeState`] object.
    shared: Slot,
    index: usize,
    /// The awaitable this child waits on while another child's pull is in flight.
    wait: Pending,
    /// Wakes this child's wait (registered in the state's waiters).
    wake: Slot,
    /// Waiting under a loop without known waiting: yielded `None` to the loop once.
    yielded: Cell<bool>,
    /// This child's `aclose()` closes the source (it was the last child).
    closing: Cell<bool>,
}

impl TeeChild {
    /// The end of this child's items: `StopAsyncIteration`, or once only, the loss of a
    /// source that ended after an interrupted pull (see [`TeeState::lost`]).
    ///
    /// # Safety
    /// GIL held.
    unsafe fn end(&self, state: &TeeState) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            if state.lost.get() {
                state.set_position(self.index, None);
                state.trim();
                return state.raise_lost();
            }
            exhausted()
        }
    }

    /// Stops waiting: the waker is no longer called.
    fn stop_waiting(&self, state: &TeeState) {
        if let Some(wake) = self.wake.get() {
            self.wake.clear();
            state.unregister(&wake);
        }
    }

    /// Leaves the state: this child's position no longer holds the buffer back, and a pull
    /// it had in flight (its step abandoned) no longer blocks the others.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn detach(&self, state: &TeeState) {
        self.stop_waiting(state);
        state.set_position(self.index, None);
        if state.puller.get() == Some(self.index) {
            state.puller.set(None);
            // SAFETY: GIL held (caller's contract).
            unsafe { state.wake_all() };
        }
        state.trim();
    }

    /// Waits until the pull in flight ends: `Yield` to suspend, `Return` to check again at
    /// once, `Raised` on failure.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn start_wait(&self, state: &TeeState) -> Poll {
        // SAFETY: GIL held (caller's contract).
        unsafe {
            let Some(waiter) = waiter() else {
                return Poll::Raised;
            };
            let Some((awaitable, wake)) = waiter else {
                // No known loop: give the loop a turn, as `asyncio.sleep(0)` does, and
                // check again when resumed.
                self.yielded.set(true);
                return Poll::Yield(Obj::none());
            };
            let poll = self.wait.start(awaitable);
            if matches!(poll, Poll::Yield(_)) {
                state.waiters.borrow_mut().push(wake.clone());
                self.wake.set(Some(wake));
            }
            poll
        }
    }
}

native_type!(TeeChild, c"asyncitertools.itertools.tee", name: c"itertools.tee", c"One of the async iterators of a tee().");

impl IterMachine for TeeChild {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let Some(shared) = self.shared.get() else {
            // SAFETY: GIL held (trait contract).
            return unsafe { exhausted() };
        };
        // SAFETY: the slot only ever holds a TeeState object, kept alive by `shared`.
        let state = unsafe { shared_state::<TeeState>(shared.as_ptr()) };
        let sources = std::slice::from_ref(&state.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            loop {
                if state.closer.get() == Some(self.index) {
                    let poll = state
                        .ending
                        .next_step(sources, step)
                        .unwrap_or_else(|| exhausted());
                    if !matches!(poll, Poll::Yield(_)) {
                        state.closer.set(None);
                    }
                    return poll;
                }
                if self.wait.is_active() {
                    match self.wait.resume(step) {
                        Poll::Yield(value) => return Poll::Yield(value),
                        Poll::Return(_) => self.stop_waiting(state),
                        Poll::Raised => {
                            // Cancelled while waiting: the exception is this step's outcome.
                            self.stop_waiting(state);
                            return Poll::Raised;
                        }
                    }
                    step = Step::Next;
                    continue;
                }
                if self.yielded.replace(false) {
                    if let Step::Throw(args) = step {
                        raise_thrown(args);
                        return Poll::Raised;
                    }
                    step = Step::Next;
                }
                let poll = if state.puller.get() == Some(self.index) {
                    state.source.pull(step)
                } else {
                    let Some(position) = state.position(self.index) else {
                        return exhausted();
                    };
                    if let Some(item) = state.item_at(position) {
                        state.set_position(self.index, Some(position + 1));
                        state.trim();
                        return Poll::Return(item);
                    }
                    if state.exhausted.get() {
                        return self.end(state);
                    }
                    if state.puller.get().is_some() {
                        match self.start_wait(state) {
                            Poll::Return(_) => {
                                self.stop_waiting(state);
                                step = Step::Next;
                                continue;
                            }
                            poll => return poll,
                        }
                    }
                    state.puller.set(Some(self.index));
                    state.source.pull(Step::Next)
                };
                match poll {
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Return(item) => {
                        state.puller.set(None);
                        state.interrupted.clear();
                        // The item is number `position`: this child was at the buffer's end.
                        let position = state.base.get() + state.buffer.borrow().len();
                        state.buffer.borrow_mut().push_back(item.clone());
                        state.set_position(self.index, Some(position + 1));
                        state.trim();
                        state.wake_all();
                        return Poll::Return(item);
                    }
                    Poll::Raised => {
                        state.puller.set(None);
                        state.wake_all();
                        if !raised(ffi::PyExc_StopAsyncIteration) {
                            // Not stored: the next child to need an item pulls the source
                            // again, as the stdlib's tee does. An interruption is noted.
                            state.note_failure();
                            return Poll::Raised;
                        }
                        state.exhausted.set(true);
                        state.closer.set(Some(self.index));
                        if state.interrupted.get().is_some() {
                            // This child raises the loss once the source is closed.
                            ffi::PyErr_Clear();
                            state.lost.set(true);
                            state.set_position(self.index, None);
                            state.raise_lost::<()>();
                        }
                        let poll = state.ending.fail(sources);
                        if !matches!(poll, Poll::Yield(_)) {
                            state.closer.set(None);
                        }
                        return poll;
                    }
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        let Some(shared) = self.shared.get() else {
            return Poll::Return(Obj::none());
        };
        // SAFETY: as in `poll_next`.
        let state = unsafe { shared_state::<TeeState>(shared.as_ptr()) };
        let sources = std::slice::from_ref(&state.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            if !self.closing.get() {
                if state.position(self.index).is_none() {
                    return Poll::Return(Obj::none());
                }
                self.detach(state);
                if state.any_live() || state.closer.get().is_some() {
                    return Poll::Return(Obj::none());
                }
                self.closing.set(true);
            }
            let poll = state.ending.close(sources, step);
            if !matches!(poll, Poll::Yield(_)) {
                self.closing.set(false);
            }
            poll
        }
    }
}

impl Held for TeeChild {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        traverse_all(&[&self.shared, &self.wait, &self.wake], visit, arg)
    }

    fn clear(&self) {
        self.leave();
        clear_all(&[&self.shared, &self.wait, &self.wake]);
    }
}

impl TeeChild {
    /// Detaches from the state when the child goes away without `aclose()` (collected): its
    /// source is not closed here, as for every other iterator (nothing is awaited then).
    fn leave(&self) {
        if let Some(shared) = self.shared.get() {
            // SAFETY: only reached from tp_clear and tp_dealloc, with the GIL held; the slot
            // only ever holds a TeeState object, kept alive by `shared`.
            unsafe { self.detach(shared_state::<TeeState>(shared.as_ptr())) };
        }
    }
}

impl Drop for TeeChild {
    fn drop(&mut self) {
        self.leave();
    }
}

/// Builds the types of `tee` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    register_shared::<TeeState>(py)?;
    iterator::register::<TeeChild>(py)?;
    TEE.add_to(module, public_module)
}
