//! `merge(*iterables, key=None, reverse=False)`: sorted sync or async iterables merged lazily
//! into one sorted async iterator, as `heapq.merge` merges sync ones.
//!
//! It replays the stdlib's generator step by step, so that results and side effects agree:
//! - at the first `__anext__`, `reverse`'s truth is taken, then each argument in turn is made
//!   an iterator and its first item pulled (and keyed) before the next argument is touched;
//!   a non-iterable argument or a bad key fails there, not at the call, as in the stdlib;
//! - the heads sit in a binary heap ordered as the stdlib's `[key, ±index, ...]` lists are
//!   ordered (`==` on the keys, then `<` on the keys or on the indices), sifted exactly as
//!   `_heapq` sifts, so equal items come in argument order and even inconsistent orders
//!   (NaN) give the stdlib's output;
//! - an item is given before its source's next item is pulled; once one source is left its
//!   items pass through without key calls (the stdlib's `yield from`).
//!
//! Ownership: an async iterator obtained from an argument is owned from then on. A source is
//! closed as soon as it is exhausted (before the merge goes on), the others when the merge
//! ends (error, `aclose()`). An argument not yet started when the merge ends is untouched.

mod heap;
mod sources;
mod state;

use heap::{Entry, Heap};
use sources::Sources;
use state::{Flow, Keyed, Stage, State};

use crate::machinery::args::{flag, is_named, python_unexpected_keyword, Keywords};
use crate::machinery::call::Callable;
use crate::machinery::ending::Ending;
use crate::machinery::exception::{self, cleared, exhausted};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::{Cell, UnsafeCell};
use std::ptr::null_mut;

pub static MERGE: BuiltinFunction = BuiltinFunction::new(
    c"merge",
    merge,
    c"merge(*iterables, key=None, reverse=False)\n--\n\n\
Merge sorted sync or async iterables into a single sorted async iterator.\n\n\
Lazy and stable like heapq.merge: equal items come in argument order. key (sync or async, \
an awaitable result is awaited) gives each item's sort key. With reverse=True the inputs \
are sorted from largest to smallest.",
);

vectorcall!(merge, |args, nargs, kwnames| {
    // A Python function's binding: only these keywords, its message otherwise.
    let (mut key, mut reverse) = (null_mut(), null_mut());
    for (name, value) in Keywords::of(args, nargs, kwnames).iter() {
        if is_named(name, c"key") {
            key = value;
        } else if is_named(name, c"reverse") {
            reverse = value;
        } else {
            python_unexpected_keyword(c"merge", name, &[c"key", c"reverse"]);
            return null_mut();
        }
    }
    let Some(iterables) = Obj::from_owned(ffi::PyTuple_New(nargs)) else {
        return null_mut();
    };
    for index in 0..nargs {
        let iterable = Obj::from_borrowed(*args.add(index as usize));
        ffi::PyTuple_SET_ITEM(iterables.as_ptr(), index, iterable.into_ptr());
    }
    // As the stdlib: `key is None` means no key; anything else is called (and fails
    // at the first item if it cannot be).
    let key = (!key.is_null() && ffi::Py_IsNone(key) == 0)
        .then(|| Callable::new(Obj::from_borrowed(key)));
    let count = nargs as usize;
    new_iterator(Merge {
        key,
        iterables: Slot::new(Some(iterables)),
        reverse: Slot::new((!reverse.is_null()).then(|| Obj::from_borrowed(reverse))),
        descending: Cell::new(false),
        sources: Sources(UnsafeCell::new(Vec::with_capacity(count))),
        heap: Heap(UnsafeCell::new(Vec::with_capacity(count))),
        item: Slot::new(None),
        state: Cell::new(State::Fresh),
        ending: Ending::new(),
    })
});

/// The async iterator of `merge()`.
pub struct Merge {
    key: Option<Callable>,
    /// The arguments, until each was started.
    iterables: Slot,
    /// The `reverse` argument, until the first step reads its truth.
    reverse: Slot,
    descending: Cell<bool>,
    /// The sources started so far, in argument order (index = argument index).
    sources: Sources,
    heap: Heap,
    /// The item whose key is in flight.
    item: Slot,
    state: Cell<State>,
    ending: Ending,
}

impl Merge {
    /// The first step: `reverse` is read then, as by the stdlib's generator.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn begin(&self) -> Flow {
        let reverse = self.reverse.get();
        self.reverse.clear();
        // SAFETY: caller's contract; the object is held across the call.
        let Some(descending) = (unsafe { flag(reverse.as_ref().map_or(null_mut(), Obj::as_ptr)) })
        else {
            return Flow::Fail;
        };
        self.descending.set(descending);
        self.state.set(State::Starting(0, Stage::Open));
        Flow::Again
    }

    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn start(&self, index: usize, stage: Stage, step: Step) -> Flow {
        // SAFETY: caller's contract.
        unsafe {
            match stage {
                Stage::Open => {
                    let Some(iterables) = self.iterables.get() else {
                        return cleared(c"merge");
                    };
                    if index == ffi::PyTuple_GET_SIZE(iterables.as_ptr()) as usize {
                        self.iterables.clear();
                        if !self.heap.heapify(self.descending.get()) {
                            return Flow::Fail;
                        }
                        return self.merge_on();
                    }
                    let iterable =
                        ffi::PyTuple_GET_ITEM(iterables.as_ptr(), index as ffi::Py_ssize_t);
                    let Some(source) = Source::new(iterable) else {
                        return Flow::Fail;
                    };
                    self.sources.push(source);
                    self.state.set(State::Starting(index, Stage::Pull));
                    Flow::Again
                }
                Stage::Pull => match self.pull(index, step) {
                    Some(Poll::Return(item)) => {
                        let keyed = self.key_of(item);
                        self.place(keyed, State::Starting(index, Stage::Key))
                    }
                    Some(poll) => self.pulled(poll, State::Starting(index, Stage::Close)),
                    None => Flow::Fail,
                },
                Stage::Key => {
                    let keyed = self.resume_key(step);
                    self.place(keyed, State::Starting(index, Stage::Key))
                }
                Stage::Close => match self.close_source(index, step) {
                    Flow::Again => {
                        self.state.set(State::Starting(index + 1, Stage::Open));
                        Flow::Again
                    }
                    flow => flow,
                },
            }
        }
    }

    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn merging(&self, stage: Stage, step: Step) -> Flow {
        // SAFETY: caller's contract.
        unsafe {
            match stage {
                Stage::Open => {
                    let Some(item) = self.heap.top_item() else {
                        return cleared(c"merge");
                    };
                    self.state.set(State::Merging(Stage::Pull));
                    Flow::Give(Poll::Return(item))
                }
                Stage::Pull => {
                    let Some(source) = self.heap.top_source() else {
                        return cleared(c"merge");
                    };
                    match self.pull(source, step) {
                        Some(Poll::Return(item)) => {
                            let keyed = self.key_of(item);
                            self.place(keyed, State::Merging(Stage::Key))
                        }
                        Some(poll) => self.pulled(poll, State::Merging(Stage::Close)),
                        None => Flow::Fail,
                    }
                }
                Stage::Key => {
                    let keyed = self.resume_key(step);
                    self.place(keyed, State::Merging(Stage::Key))
                }
                Stage::Close => {
                    let Some(source) = self.heap.top_source() else {
                        return cleared(c"merge");
                    };
                    match self.close_source(source, step) {
                        Flow::Again if !self.heap.pop(self.descending.get()) => Flow::Fail,
                        Flow::Again => self.merge_on(),
                        flow => flow,
                    }
                }
            }
        }
    }

    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn last(&self, source: usize, head: bool, step: Step) -> Flow {
        if head {
            let Some(item) = self.heap.top_item() else {
                // SAFETY: GIL held (caller's contract).
                return unsafe { cleared(c"merge") };
            };
            self.heap.take();
            self.state.set(State::Last {
                source,
                head: false,
            });
            return Flow::Give(Poll::Return(item));
        }
        // SAFETY: caller's contract. Its end is the merge's end (Fail with StopAsyncIteration).
        match unsafe { self.pull(source, step) } {
            Some(Poll::Raised) | None => Flow::Fail,
            Some(poll) => Flow::Give(poll),
        }
    }

    /// After the heap lost a source (or was built): go on merging, pass the last source
    /// through, or end.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn merge_on(&self) -> Flow {
        let state = match (self.heap.len(), self.heap.top_source()) {
            (0, _) | (_, None) => {
                // SAFETY: GIL held (caller's contract).
                return unsafe { exhausted() };
            }
            (1, Some(source)) => State::Last { source, head: true },
            _ => State::Merging(Stage::Open),
        };
        self.state.set(state);
        Flow::Again
    }

    /// Pulls from source `index`: `None` with an exception set if it is gone.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn pull(&self, index: usize, step: Step) -> Option<Poll> {
        // SAFETY: caller's contract. The borrow of the sources lasts the pull only.
        unsafe {
            match self.sources.all().get(index) {
                Some(source) => Some(source.pull(step)),
                None => {
                    cleared::<()>(c"merge");
                    None
                }
            }
        }
    }

    /// A pull that gave no item: suspended, or exhausted (then `exhausted` is the state that
    /// closes the source), or failed.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn pulled(&self, poll: Poll, exhausted: State) -> Flow {
        match poll {
            // SAFETY: GIL held (caller's contract); `Raised` means an exception is set.
            Poll::Raised if unsafe { raised(ffi::PyExc_StopAsyncIteration) } => {
                // SAFETY: as above.
                unsafe { ffi::PyErr_Clear() };
                self.state.set(exhausted);
                Flow::Again
            }
            Poll::Raised => Flow::Fail,
            poll => Flow::Give(poll),
        }
    }

    /// Closes exhausted source `index` (the stdlib merely drops it; we own it).
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn close_source(&self, index: usize, step: Step) -> Flow {
        // SAFETY: caller's contract.
        unsafe {
            let Some(source) = self.sources.all().get(index) else {
                return cleared(c"merge");
            };
            match source.close(step) {
                Poll::Return(_) => Flow::Again,
                Poll::Raised => Flow::Fail,
                poll => Flow::Give(poll),
            }
        }
    }

    /// Starts the key call for a pulled item (none without a key function).
    ///
    /// # Safety
    /// GIL held.
    unsafe fn key_of(&self, item: Obj) -> Keyed {
        let Some(key) = &self.key else {
            return Keyed::Ready(item, None);
        };
        // SAFETY: caller's contract; `item` is held across the call.
        match unsafe { key.call(&[item.as_ptr()]) } {
            Poll::Return(value) => Keyed::Ready(value, Some(item)),
            Poll::Yield(value) => {
                self.item.set(Some(item));
                Keyed::Suspended(value)
            }
            Poll::Raised => Keyed::Failed,
        }
    }

    /// Continues the key call in flight.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn resume_key(&self, step: Step) -> Keyed {
        // SAFETY: caller's contract.
        unsafe {
            let (Some(key), Some(item)) = (&self.key, self.item.get()) else {
                cleared::<()>(c"merge");
                return Keyed::Failed;
            };
            match key.resume(step) {
                Poll::Yield(value) => Keyed::Suspended(value),
                Poll::Return(value) => {
                    self.item.clear();
                    Keyed::Ready(value, Some(item))
                }
                Poll::Raised => {
                    self.item.clear();
                    Keyed::Failed
                }
            }
        }
    }

    /// Puts a keyed item where it belongs: appended while starting (the heap is built once
    /// every argument started), at the top and sifted while merging (`heapreplace`).
    /// `keying` is the state that continues a suspended key call.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn place(&self, keyed: Keyed, keying: State) -> Flow {
        let (key, item) = match keyed {
            Keyed::Ready(key, item) => (key, item),
            Keyed::Suspended(value) => {
                self.state.set(keying);
                return Flow::Give(Poll::Yield(value));
            }
            Keyed::Failed => return Flow::Fail,
        };
        match keying {
            State::Starting(index, _) => {
                self.heap.push(Entry {
                    key,
                    item,
                    source: index,
                });
                self.state.set(State::Starting(index + 1, Stage::Open));
                Flow::Again
            }
            _ => {
                // SAFETY: GIL held (caller's contract).
                if !unsafe { self.heap.replace_top(key, item, self.descending.get()) } {
                    return Flow::Fail;
                }
                self.state.set(State::Merging(Stage::Open));
                Flow::Again
            }
        }
    }
}

native_type!(Merge, c"asyncitertools.heapq.merge", name: c"heapq.merge", c"Async iterator merging sorted iterables.");

impl IterMachine for Merge {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(poll) = self.ending.next_step(self.sources.all(), step) {
                return poll;
            }
            loop {
                let flow = match self.state.get() {
                    State::Fresh => self.begin(),
                    State::Starting(index, stage) => self.start(index, stage, step),
                    State::Merging(stage) => self.merging(stage, step),
                    State::Last { source, head } => self.last(source, head, step),
                };
                match flow {
                    // Only the operation in flight continues with the caller's step.
                    Flow::Again => step = Step::Next,
                    Flow::Give(poll) => return poll,
                    Flow::Fail => {
                        exception::keeping_current(|| self.take_unreached());
                        return self.ending.fail(self.sources.all());
                    }
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if self.ending.is_open() {
                self.take_unreached();
            }
            self.ending.close(self.sources.all(), step)
        }
    }
}

impl Merge {
    /// When `merge` ends before it has started every source (`aclose()` before the first
    /// step, an error on the way): the async iterators among the arguments not started yet
    /// join the sources, to be closed with them. They were given to it, and it owns them as
    /// `zip` owns all of its arguments from the start; the others (sync iterables, async
    /// iterables that are not iterators) gave it nothing to close.
    ///
    /// # Safety
    /// GIL held; no slice of the sources in use.
    unsafe fn take_unreached(&self) {
        let Some(iterables) = self.iterables.get() else {
            return;
        };
        self.iterables.clear();
        // SAFETY: caller's contract; the tuple is alive (held by `iterables`).
        unsafe {
            let size = ffi::PyTuple_GET_SIZE(iterables.as_ptr()) as usize;
            for index in self.sources.all().len()..size {
                let argument = ffi::PyTuple_GET_ITEM(iterables.as_ptr(), index as ffi::Py_ssize_t);
                if let Some(source) = Source::owned_async_iterator(argument) {
                    self.sources.push(source);
                }
            }
        }
    }
}

held!(Merge {
    key,
    iterables,
    reverse,
    sources,
    heap,
    item,
    ending
});

/// Builds the types of `merge` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Merge>(py)?;
    MERGE.add_to(module, public_module)
}
