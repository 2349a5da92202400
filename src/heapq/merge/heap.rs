//! The heads of `merge`'s sources: a binary heap sifted exactly as `_heapq` sifts its list.

use crate::machinery::exception::cleared;
use crate::machinery::held::Held;
use crate::machinery::object::Obj;
use pyo3::ffi;
use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void};

/// One source's head: the stdlib's `[key, order, value, next]` list.
pub(super) struct Entry {
    /// The item's key; the item itself without a key function.
    pub(super) key: Obj,
    /// The item, with a key function.
    pub(super) item: Option<Obj>,
    /// The argument index (the stdlib's order is `index`, or `-index` when reversed).
    pub(super) source: usize,
}

/// The heads, as a binary heap sifted exactly as `_heapq` sifts its list (a max-heap for
/// `reverse=True`). Python code runs during comparisons (`__eq__`, `__lt__`) and when a
/// reference is dropped: no borrow of the vector is held then, so a GC pass may traverse it;
/// compared keys are held by new references as `_heapq` holds them.
pub(super) struct Heap(pub(super) UnsafeCell<Vec<Entry>>);

impl Heap {
    pub(super) fn len(&self) -> usize {
        // SAFETY: a short read; no Python code runs during it.
        unsafe { (*self.0.get()).len() }
    }

    pub(super) fn push(&self, entry: Entry) {
        // SAFETY: as for `len`; the capacity was reserved, nothing is dropped.
        unsafe { (*self.0.get()).push(entry) }
    }

    pub(super) fn top_source(&self) -> Option<usize> {
        // SAFETY: as for `len`.
        unsafe { (*self.0.get()).first().map(|entry| entry.source) }
    }

    /// The top head's item, as a new reference.
    pub(super) fn top_item(&self) -> Option<Obj> {
        // SAFETY: as for `len`; cloning only increments a reference count.
        unsafe {
            (*self.0.get())
                .first()
                .map(|entry| entry.item.as_ref().unwrap_or(&entry.key).clone())
        }
    }

    /// Empties the heap (the last source's head was taken, or `tp_clear`).
    pub(super) fn take(&self) {
        // SAFETY: the entries are moved out before they are dropped (which may run Python).
        let entries = unsafe { std::mem::take(&mut *self.0.get()) };
        drop(entries);
    }

    /// New references to the keys at `a` and `b` and their sources; `None` if the heap was
    /// cleared meanwhile.
    pub(super) fn keys(&self, a: usize, b: usize) -> Option<(Obj, Obj, usize, usize)> {
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
    pub(super) unsafe fn less(&self, a: usize, b: usize, descending: bool) -> Option<bool> {
        // SAFETY: caller's contract; the keys are held across the comparisons.
        unsafe {
            let Some((key_a, key_b, source_a, source_b)) = self.keys(a, b) else {
                cleared::<()>(c"merge");
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
    pub(super) unsafe fn swap(&self, a: usize, b: usize) -> bool {
        // SAFETY: a short mutation; nothing is dropped, no Python code runs.
        let entries = unsafe { &mut *self.0.get() };
        if a.max(b) >= entries.len() {
            // SAFETY: GIL held (caller's contract).
            unsafe { cleared::<()>(c"merge") };
            return false;
        }
        entries.swap(a, b);
        true
    }

    /// `_heapq`'s `siftdown` (`siftdown_max` when descending).
    ///
    /// # Safety
    /// GIL held.
    pub(super) unsafe fn sift_down(&self, start: usize, mut pos: usize, descending: bool) -> bool {
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
    pub(super) unsafe fn sift_up(&self, mut pos: usize, descending: bool) -> bool {
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
    pub(super) unsafe fn heapify(&self, descending: bool) -> bool {
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
    pub(super) unsafe fn replace_top(&self, key: Obj, item: Option<Obj>, descending: bool) -> bool {
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
    pub(super) unsafe fn pop(&self, descending: bool) -> bool {
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

/// The heap was cleared by the garbage collector while in use: `false` with the error.
fn changed_bool() -> bool {
    // SAFETY: only called from the heap's methods, which run with the GIL held.
    unsafe { cleared(c"merge") }
}
