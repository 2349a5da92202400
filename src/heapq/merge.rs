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

use crate::machinery::native_type::native_type;
use pyo3::prelude::*;
use crate::machinery::iterator;
use crate::machinery::args::{flag, keyword_count, python_unexpected_keyword};
use crate::machinery::call::Callable;
use crate::machinery::ending::Ending;
use crate::machinery::function::BuiltinFunction;
use crate::machinery::held::{held, Held};
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::object::Obj;
use crate::machinery::panic::guard;
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_int, c_void};
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

unsafe extern "C" fn merge(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: vectorcall convention, GIL held.
        unsafe {
            // A Python function's binding: only these keywords, its message otherwise.
            let (mut key, mut reverse) = (null_mut(), null_mut());
            for k in 0..keyword_count(kwnames) {
                let name = ffi::PyTuple_GET_ITEM(kwnames, k as ffi::Py_ssize_t);
                let value = *args.add(nargs as usize + k);
                if ffi::PyUnicode_CompareWithASCIIString(name, c"key".as_ptr()) == 0 {
                    key = value;
                } else if ffi::PyUnicode_CompareWithASCIIString(name, c"reverse".as_ptr()) == 0 {
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
        }
    })
}

/// Where the merge is.
#[derive(Clone, Copy)]
enum State {
    /// Before the first step: `reverse` not read, no argument touched.
    Fresh,
    /// Starting argument `.0`: its iterator, its first item and key (in the heap at the end).
    Starting(usize, Stage),
    /// Two or more sources have items: their heads are in the heap.
    Merging(Stage),
    /// One source left: its head (`head`), then its own items.
    Last { source: usize, head: bool },
}

#[derive(Clone, Copy)]
enum Stage {
    /// Starting: make the argument a source. Merging: give the top head.
    Open,
    /// Pulling an item from the source (merging: the top head's source).
    Pull,
    /// The key of the pulled item is in flight.
    Key,
    /// The source is exhausted: closing it.
    Close,
}

/// What a part of a step leads to.
enum Flow {
    /// The state moved on: continue with a new step.
    Again,
    /// The outcome of the `__anext__` step (an item, or a suspension).
    Give(Poll),
    /// An exception is set: the merge ends with it.
    Fail,
}

/// A pulled item with its key, or where the key call is.
enum Keyed {
    /// The key and, with a key function, the item.
    Ready(Obj, Option<Obj>),
    Suspended(Obj),
    Failed,
}

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
                        return cleared();
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
                        return cleared();
                    };
                    self.state.set(State::Merging(Stage::Pull));
                    Flow::Give(Poll::Return(item))
                }
                Stage::Pull => {
                    let Some(source) = self.heap.top_source() else {
                        return cleared();
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
                        return cleared();
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
                return unsafe { cleared() };
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
                unsafe { ffi::PyErr_SetNone(ffi::PyExc_StopAsyncIteration) };
                return Flow::Fail;
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
                    changed();
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
                return cleared();
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
                changed();
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
                    Flow::Fail => return self.ending.fail(self.sources.all()),
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(self.sources.all(), step) }
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

/// # Safety
/// GIL held.
unsafe fn cleared() -> Flow {
    // SAFETY: GIL held (caller's contract).
    unsafe { changed() };
    Flow::Fail
}

/// The sources started so far. Pushed to only between Python calls and never while a slice
/// of them is in use, so the shared slices handed out stay valid.
struct Sources(UnsafeCell<Vec<Source>>);

impl Sources {
    fn all(&self) -> &[Source] {
        // SAFETY: the only mutation is `push`, which no caller makes while using a slice.
        unsafe { &*self.0.get() }
    }

    fn push(&self, source: Source) {
        // SAFETY: no slice of the sources is in use (see the type's docs); no Python code
        // runs during the push (the capacity was reserved, nothing is dropped).
        unsafe { (*self.0.get()).push(source) }
    }
}

impl Held for Sources {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        for source in self.all() {
            let status = source.traverse(visit, arg);
            if status != 0 {
                return status;
            }
        }
        0
    }

    fn clear(&self) {
        for source in self.all() {
            source.clear();
        }
    }
}

/// One source's head: the stdlib's `[key, order, value, next]` list.
struct Entry {
    /// The item's key; the item itself without a key function.
    key: Obj,
    /// The item, with a key function.
    item: Option<Obj>,
    /// The argument index (the stdlib's order is `index`, or `-index` when reversed).
    source: usize,
}

/// The heads, as a binary heap sifted exactly as `_heapq` sifts its list (a max-heap for
/// `reverse=True`). Python code runs during comparisons (`__eq__`, `__lt__`) and when a
/// reference is dropped: no borrow of the vector is held then, so a GC pass may traverse it;
/// compared keys are held by new references as `_heapq` holds them.
struct Heap(UnsafeCell<Vec<Entry>>);

impl Heap {
    fn len(&self) -> usize {
        // SAFETY: a short read; no Python code runs during it.
        unsafe { (*self.0.get()).len() }
    }

    fn push(&self, entry: Entry) {
        // SAFETY: as for `len`; the capacity was reserved, nothing is dropped.
        unsafe { (*self.0.get()).push(entry) }
    }

    fn top_source(&self) -> Option<usize> {
        // SAFETY: as for `len`.
        unsafe { (*self.0.get()).first().map(|entry| entry.source) }
    }

    /// The top head's item, as a new reference.
    fn top_item(&self) -> Option<Obj> {
        // SAFETY: as for `len`; cloning only increments a reference count.
        unsafe {
            (*self.0.get())
                .first()
                .map(|entry| entry.item.as_ref().unwrap_or(&entry.key).clone())
        }
    }

    /// Empties the heap (the last source's head was taken, or `tp_clear`).
    fn take(&self) {
        // SAFETY: the entries are moved out before they are dropped (which may run Python).
        let entries = unsafe { std::mem::take(&mut *self.0.get()) };
        drop(entries);
    }

    /// New references to the keys at `a` and `b` and their sources; `None` if the heap was
    /// cleared meanwhile.
    fn keys(&self, a: usize, b: usize) -> Option<(Obj, Obj, usize, usize)> {
        // SAFETY: as for `top_item`.
        unsafe {
            let entries = &*self.0.get();
            let (a, b) = (entries.get(a)?, entries.get(b)?);
            Some((a.key.clone(), b.key.clone(), a.source, b.source))
        }
    }

    /// Whether the entry at `a` sorts before the one at `b`, as the stdlib's entry lists
    /// compare: the first differing item decides, by `<`. `None` with an exception set.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn less(&self, a: usize, b: usize, descending: bool) -> Option<bool> {
        // SAFETY: caller's contract; the keys are held across the comparisons.
        unsafe {
            let Some((key_a, key_b, source_a, source_b)) = self.keys(a, b) else {
                changed();
                return None;
            };
            match ffi::PyObject_RichCompareBool(key_a.as_ptr(), key_b.as_ptr(), ffi::Py_EQ) {
                -1 => None,
                // Equal keys: the orders `index` (or `-index`) decide.
                0 => {
                    match ffi::PyObject_RichCompareBool(key_a.as_ptr(), key_b.as_ptr(), ffi::Py_LT)
                    {
                        -1 => None,
                        less => Some(less != 0),
                    }
                }
                _ => Some(if descending {
                    source_a > source_b
                } else {
                    source_a < source_b
                }),
            }
        }
    }

    /// Swaps the entries at `a` and `b`; false with an exception if the heap changed.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn swap(&self, a: usize, b: usize) -> bool {
        // SAFETY: a short mutation; nothing is dropped, no Python code runs.
        let entries = unsafe { &mut *self.0.get() };
        if a.max(b) >= entries.len() {
            // SAFETY: GIL held (caller's contract).
            unsafe { changed() };
            return false;
        }
        entries.swap(a, b);
        true
    }

    /// `_heapq`'s `siftdown` (`siftdown_max` when descending).
    ///
    /// # Safety
    /// GIL held.
    unsafe fn sift_down(&self, start: usize, mut pos: usize, descending: bool) -> bool {
        // SAFETY: caller's contract.
        unsafe {
            while pos > start {
                let parent = (pos - 1) >> 1;
                let moves = if descending {
                    self.less(parent, pos, true)
                } else {
                    self.less(pos, parent, false)
                };
                match moves {
                    None => return false,
                    Some(false) => break,
                    Some(true) => {}
                }
                if !self.swap(parent, pos) {
                    return false;
                }
                pos = parent;
            }
            true
        }
    }

    /// `_heapq`'s `siftup` (`siftup_max` when descending): the smaller (larger) child moves
    /// up to a leaf, then the entry sifts down to its place.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn sift_up(&self, mut pos: usize, descending: bool) -> bool {
        // SAFETY: caller's contract.
        unsafe {
            let end = self.len();
            let start = pos;
            let limit = end >> 1;
            while pos < limit {
                let mut child = 2 * pos + 1;
                if child + 1 < end {
                    let first = if descending {
                        self.less(child + 1, child, true)
                    } else {
                        self.less(child, child + 1, false)
                    };
                    match first {
                        None => return false,
                        Some(false) => child += 1,
                        Some(true) => {}
                    }
                }
                if !self.swap(child, pos) {
                    return false;
                }
                pos = child;
            }
            self.sift_down(start, pos, descending)
        }
    }

    /// `heapify` (`_heapify_max`). `_heapq` visits large heaps in another order that builds
    /// the same heap with the same comparisons per subtree.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn heapify(&self, descending: bool) -> bool {
        // SAFETY: caller's contract.
        unsafe {
            (0..self.len() / 2)
                .rev()
                .all(|pos| self.sift_up(pos, descending))
        }
    }

    /// `heapreplace` of the top's key and item with the next item of the same source.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn replace_top(&self, key: Obj, item: Option<Obj>, descending: bool) -> bool {
        // SAFETY: a short mutation; the old references are dropped after it.
        let old = unsafe {
            match (*self.0.get()).first_mut() {
                Some(top) => (
                    std::mem::replace(&mut top.key, key),
                    std::mem::replace(&mut top.item, item),
                ),
                None => return changed_bool(),
            }
        };
        drop(old);
        // SAFETY: caller's contract.
        unsafe { self.sift_up(0, descending) }
    }

    /// `heappop` without its result: the last entry replaces the top and sifts.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn pop(&self, descending: bool) -> bool {
        // SAFETY: a short mutation; the popped entry is dropped after it.
        let popped = unsafe {
            let entries = &mut *self.0.get();
            let Some(last) = entries.pop() else {
                return changed_bool();
            };
            match entries.first_mut() {
                Some(top) => std::mem::replace(top, last),
                None => last,
            }
        };
        drop(popped);
        // SAFETY: caller's contract.
        self.len() == 0 || unsafe { self.sift_up(0, descending) }
    }
}

impl Held for Heap {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: visiting runs no Python code that could reach the heap.
        for entry in unsafe { &*self.0.get() } {
            let status = entry.key.visit(visit, arg);
            if status != 0 {
                return status;
            }
            if let Some(item) = &entry.item {
                let status = item.visit(visit, arg);
                if status != 0 {
                    return status;
                }
            }
        }
        0
    }

    fn clear(&self) {
        self.take();
    }
}

/// # Safety
/// GIL held.
unsafe fn changed() {
    // SAFETY: GIL held (caller's contract).
    unsafe {
        ffi::PyErr_SetString(
            ffi::PyExc_RuntimeError,
            c"merge cleared by the garbage collector".as_ptr(),
        );
    }
}

fn changed_bool() -> bool {
    // SAFETY: only called from the heap's methods, which run with the GIL held.
    unsafe { changed() };
    false
}

/// Builds the types of `merge` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Merge>(py)?;
    MERGE.add_to(module, public_module)
}
