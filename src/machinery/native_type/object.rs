//! The memory of every native object, and its life: allocation from a free list, the GC
//! slots, deallocation without unbounded recursion.

use super::NativeType;
use crate::machinery::held::Held;
use pyo3::ffi;
use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_int, c_void};
use std::ptr::addr_of_mut;

/// How many dead objects a free list keeps for reuse. None under AddressSanitizer: a
/// recycled object would hide a use after free.
const FREE_LIST_MAX: usize = if cfg!(asyncitertools_asan) { 0 } else { 64 };

/// The layout of every native object: CPython's object header, a header `H` of its kind (the
/// native iterators' vtable and phase; `()` for the others), then its Rust body `B`, whose
/// type ([`NativeType`]) the object is.
///
/// `H` comes before the body in a `repr(C)` struct, so its offset does not depend on `B`:
/// code that knows only the kind reads the header of any object of that kind.
#[repr(C)]
pub struct Native<H, B> {
    ob_base: ffi::PyObject,
    head: H,
    body: B,
}

impl<H: 'static, B: NativeType + Held> Native<H, B> {
    /// `tp_basicsize`.
    pub const BASICSIZE: usize = std::mem::size_of::<Self>();

    /// Creates an object of `B`'s type with `head` and `body`: a new reference, or null with
    /// an exception set.
    ///
    /// # Safety
    /// The GIL is held and the type was built ([`super::build_type`] with `H` and `B`).
    #[inline]
    pub unsafe fn create(head: H, body: B) -> *mut ffi::PyObject {
        let cell = B::cell();
        let ty = cell.type_ptr();
        // SAFETY: GIL held (caller's contract), which guards the free list; its borrow ends
        // before allocating, which may run a GC pass whose deallocations push to it. An object
        // from the list is dead memory of the right size: PyObject_Init revives it (refcount 1,
        // a reference to its heap type). The fields are written before the object is tracked:
        // a fresh object is tracked by PyType_GenericAlloc but zeroed, and nothing can run a GC
        // pass between the allocation and the writes.
        unsafe {
            let popped = cell.free_list().pop();
            let (obj, reused) = match popped {
                Some(obj) => (ffi::PyObject_Init(obj, ty), true),
                None => (ffi::PyType_GenericAlloc(ty, 0), false),
            };
            if obj.is_null() {
                return obj;
            }
            let this = obj as *mut Self;
            addr_of_mut!((*this).head).write(head);
            addr_of_mut!((*this).body).write(body);
            if reused {
                ffi::PyObject_GC_Track(obj as *mut c_void);
            }
            obj
        }
    }

    /// The body of `obj`.
    ///
    /// # Safety
    /// `obj` is a live object of this layout (of `B`'s type); the reference must not outlive
    /// it. Bodies are only ever used through shared references.
    #[inline]
    pub unsafe fn body<'a>(obj: *mut ffi::PyObject) -> &'a B {
        // SAFETY: caller's contract.
        unsafe { &(*(obj as *const Self)).body }
    }

    /// The body of `obj` if it is an object of `B`'s type.
    ///
    /// # Safety
    /// GIL held; `obj` alive; the reference must not outlive it.
    #[inline]
    pub unsafe fn body_if<'a>(obj: *mut ffi::PyObject) -> Option<&'a B> {
        let ty = B::cell().type_ptr();
        // SAFETY: caller's contract; the type check makes `obj` an object of this layout.
        unsafe { (!ty.is_null() && ffi::Py_TYPE(obj) == ty).then(|| Self::body(obj)) }
    }

    /// The object whose body is `body` (borrowed): for a body that hands out objects referring
    /// back to it (the groups of `groupby`).
    ///
    /// # Safety
    /// `body` is the body of a live object of this layout.
    #[inline]
    pub unsafe fn object_of(body: &B) -> *mut ffi::PyObject {
        let offset = std::mem::offset_of!(Self, body);
        // SAFETY: caller's contract: the body lies `offset` bytes into its object.
        unsafe { (body as *const B as *const u8).sub(offset) as *mut ffi::PyObject }
    }

    /// The GC and deallocation slots of this layout's type.
    pub(super) fn gc_slots() -> [ffi::PyType_Slot; 3] {
        [
            super::slot(ffi::Py_tp_dealloc, Self::tp_dealloc as *mut c_void),
            super::slot(ffi::Py_tp_traverse, Self::tp_traverse as *mut c_void),
            super::slot(ffi::Py_tp_clear, Self::tp_clear as *mut c_void),
        ]
    }

    /// `tp_traverse`: the heap type, then what the body holds.
    unsafe extern "C" fn tp_traverse(
        obj: *mut ffi::PyObject,
        visit: ffi::visitproc,
        arg: *mut c_void,
    ) -> c_int {
        // SAFETY: CPython's GC calls tp_traverse with the GIL on a live object of this type.
        // Heap types visit their type object.
        unsafe {
            let status = visit(ffi::Py_TYPE(obj) as *mut ffi::PyObject, arg);
            if status != 0 {
                return status;
            }
            Self::body(obj).traverse(visit, arg)
        }
    }

    /// `tp_clear`: drops what the body holds.
    unsafe extern "C" fn tp_clear(obj: *mut ffi::PyObject) -> c_int {
        // SAFETY: CPython's GC calls tp_clear with the GIL on a live object of this type.
        unsafe { Self::body(obj).clear() };
        0
    }

    /// `tp_dealloc`: runs the type's finalizer if it has one (PEP 442; the object may be
    /// resurrected there, and then lives on), untracks the object (no GC pass sees it half
    /// torn down), then drops its head and body and releases it, now or later (see
    /// [`Trashcan`]).
    unsafe extern "C" fn tp_dealloc(obj: *mut ffi::PyObject) {
        // SAFETY: CPython calls tp_dealloc with the GIL when the last reference is gone; the
        // object is still tracked, as PyObject_CallFinalizerFromDealloc needs (it revives the
        // object for the call and marks it finalized).
        unsafe {
            if has_finalizer(obj) && ffi::PyObject_CallFinalizerFromDealloc(obj) != 0 {
                return;
            }
            ffi::PyObject_GC_UnTrack(obj as *mut c_void);
            Trashcan::dispose(obj, Self::finish);
        }
    }

    /// The second half of a deallocation: drops the fields, then the object's memory goes to
    /// the free list or is freed, and the reference to its heap type is released.
    ///
    /// # Safety
    /// GIL held; `obj` is a dead, untracked object of this layout.
    unsafe fn finish(obj: *mut ffi::PyObject) {
        // SAFETY: caller's contract. Dropping the fields may run arbitrary code (a GC pass
        // included) before the memory is released; the free list is borrowed only for the
        // push, after.
        unsafe {
            let this = obj as *mut Self;
            std::ptr::drop_in_place(addr_of_mut!((*this).head));
            std::ptr::drop_in_place(addr_of_mut!((*this).body));
            let ty = ffi::Py_TYPE(obj);
            let free = B::cell().free_list();
            // An object that was finalized keeps that mark in its GC header, which reuse
            // would not reset: its type's objects are not recycled.
            if free.len() < FREE_LIST_MAX && !has_finalizer(obj) {
                free.push(obj);
            } else {
                ffi::PyObject_GC_Del(obj as *mut c_void);
            }
            ffi::Py_DECREF(ty as *mut ffi::PyObject);
        }
    }
}

/// Whether `obj`'s type has a finalizer (`tp_finalize`).
///
/// # Safety
/// `obj` points to an object whose type is alive.
#[inline]
unsafe fn has_finalizer(obj: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract.
    unsafe { (*ffi::Py_TYPE(obj)).tp_finalize.is_some() }
}

impl<H: 'static> Native<H, ()> {
    /// The kind's header of `obj`, whatever its body.
    ///
    /// # Safety
    /// `obj` is a live object laid out as `Native<H, _>`; the reference must not outlive it.
    #[inline]
    pub unsafe fn head<'a>(obj: *mut ffi::PyObject) -> &'a H {
        // SAFETY: caller's contract; the header's offset does not depend on the body.
        unsafe { &(*(obj as *const Self)).head }
    }
}

/// The type-specific second half of a deallocation ([`Native::finish`]).
type Finish = unsafe fn(*mut ffi::PyObject);

/// Deallocation without unbounded recursion, like CPython's trashcan: freeing an object
/// drops what it holds, which may free another of ours, and so on. A chain a million long
/// (`anext(it, anext(it, ...))`) would overflow the C stack (CPython's own anext_awaitable
/// crashes there). Past `DEPTH_LIMIT` nested deallocations the rest is queued, and the
/// outermost deallocation finishes the queue in a loop.
///
/// Per thread, as CPython's: code run by a deallocation (a `__del__`) may release the GIL,
/// and another thread's deallocations must not interleave with this thread's depth count.
struct Trashcan {
    depth: Cell<usize>,
    pending: UnsafeCell<Vec<(*mut ffi::PyObject, Finish)>>,
}

thread_local! {
    static TRASHCAN: Trashcan = const {
        Trashcan {
            depth: Cell::new(0),
            pending: UnsafeCell::new(Vec::new()),
        }
    };
}

impl Trashcan {
    const DEPTH_LIMIT: usize = 200;

    /// Runs `finish(obj)` now, or queues it when deallocations are nested too deep.
    ///
    /// # Safety
    /// GIL held; `obj` is dead and untracked, and `finish` is its type's finishing function.
    unsafe fn dispose(obj: *mut ffi::PyObject, finish: Finish) {
        TRASHCAN.with(|trashcan| {
            let depth = trashcan.depth.get();
            // SAFETY: the cell is this thread's; no borrow of the queue is alive while
            // `finish` runs (which re-enters `dispose`), each push/pop borrows it briefly.
            unsafe {
                if depth >= Self::DEPTH_LIMIT {
                    (*trashcan.pending.get()).push((obj, finish));
                    return;
                }
                trashcan.depth.set(depth + 1);
                finish(obj);
                if depth == 0 {
                    while let Some((obj, finish)) = (*trashcan.pending.get()).pop() {
                        finish(obj);
                    }
                }
            }
            trashcan.depth.set(depth);
        })
    }
}
