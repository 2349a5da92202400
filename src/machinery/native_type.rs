//! What every native type of this package shares: how its CPython type is built from raw
//! slots, and how its objects are allocated (free list) and freed (trashcan).

use super::held::Held;
use pyo3::prelude::*;
use pyo3::{ffi, PyErr};
use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_int, c_uint, c_void, CStr};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// A native type's CPython type object and its free list of dead objects.
///
/// All access happens with the GIL held, which serializes it.
pub struct TypeCell {
    ty: AtomicPtr<ffi::PyTypeObject>,
    free: UnsafeCell<Vec<*mut ffi::PyObject>>,
}

// SAFETY: the cell is only used with the GIL held (module init, slot functions), which
// serializes every access; the module declares it needs the GIL (no free-threading).
unsafe impl Sync for TypeCell {}

impl TypeCell {
    pub const fn new() -> TypeCell {
        TypeCell {
            ty: AtomicPtr::new(null_mut()),
            free: UnsafeCell::new(Vec::new()),
        }
    }

    /// The type object; null before it was built.
    pub fn type_ptr(&self) -> *mut ffi::PyTypeObject {
        self.ty.load(Ordering::Relaxed)
    }
}

impl Default for TypeCell {
    fn default() -> TypeCell {
        TypeCell::new()
    }
}

/// How many dead objects a free list keeps for reuse. None under AddressSanitizer: a
/// recycled object would hide a use after free.
const FREE_LIST_MAX: usize = if cfg!(asyncitertools_asan) { 0 } else { 64 };

/// What a native type is made of.
pub struct TypeSpec {
    /// The name CPython prints in messages (`tp_name`), e.g. `anext_awaitable`.
    pub name: &'static CStr,
    /// `module.name`: gives the type its `__module__` and `__name__`.
    pub qualified_name: &'static CStr,
    pub doc: &'static CStr,
    pub basicsize: usize,
    /// Slots other than the docstring; the end marker is added here.
    pub slots: Vec<ffi::PyType_Slot>,
    /// Methods; the end marker is added here.
    pub methods: Vec<ffi::PyMethodDef>,
}

/// A type slot entry.
pub fn slot(slot: c_int, pfunc: *mut c_void) -> ffi::PyType_Slot {
    ffi::PyType_Slot { slot, pfunc }
}

/// Builds a GC-tracked, immutable, non-subclassable type that Python cannot instantiate, and
/// stores it in `cell`.
pub fn build_type(py: Python<'_>, spec: TypeSpec, cell: &TypeCell) -> PyResult<()> {
    build_type_with(py, spec, cell, ffi::Py_TPFLAGS_DISALLOW_INSTANTIATION)
}

/// As [`build_type`], but Python may call the type: `spec` has a `Py_tp_new` slot (a type
/// that is itself the public callable, as the stdlib's `itertools.chain`).
pub fn build_instantiable_type(py: Python<'_>, spec: TypeSpec, cell: &TypeCell) -> PyResult<()> {
    build_type_with(py, spec, cell, 0)
}

fn build_type_with(
    py: Python<'_>,
    spec: TypeSpec,
    cell: &TypeCell,
    extra_flags: std::ffi::c_ulong,
) -> PyResult<()> {
    let mut methods = spec.methods;
    // SAFETY: an all-zero PyMethodDef is the table's end marker.
    methods.push(unsafe { std::mem::zeroed() });
    // Method descriptors point into the table for the type's lifetime: it is leaked.
    let methods: &'static mut [ffi::PyMethodDef] = methods.leak();
    let mut slots = spec.slots;
    slots.push(slot(ffi::Py_tp_doc, spec.doc.as_ptr() as *mut c_void));
    slots.push(slot(
        ffi::Py_tp_methods,
        methods.as_mut_ptr() as *mut c_void,
    ));
    slots.push(slot(0, null_mut()));
    let mut type_spec = ffi::PyType_Spec {
        name: spec.qualified_name.as_ptr(),
        basicsize: c_int::try_from(spec.basicsize).expect("small type"),
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT
            | ffi::Py_TPFLAGS_HAVE_GC
            | extra_flags
            | ffi::Py_TPFLAGS_IMMUTABLETYPE) as c_uint,
        slots: slots.as_mut_ptr(),
    };
    // SAFETY: the GIL is held (we have `py`); the spec and slots are valid for the call and
    // PyType_FromSpec copies them (the docstring too), except the method table (leaked).
    let ty = unsafe { ffi::PyType_FromSpec(&mut type_spec) } as *mut ffi::PyTypeObject;
    if ty.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: `ty` is the new heap type. CPython prints `tp_name` in its messages ("cannot
    // create 'anext_awaitable' instances"); PyType_FromSpec set it to the qualified name.
    // Pointing it at a static string is safe: CPython frees `ht_name`/`_ht_tpname`, never
    // `tp_name` itself, and the type is immutable, so `__name__` cannot be reassigned.
    unsafe { (*ty).tp_name = spec.name.as_ptr() };
    cell.ty.store(ty, Ordering::Relaxed);
    Ok(())
}

/// Allocates an object of `cell`'s type: a new reference, or null with an exception set.
/// Returns whether it came from the free list: such an object must be handed to
/// [`track_reused`] once its fields are written; a fresh one is zeroed and already tracked
/// (nothing may run a GC pass before its fields are written).
///
/// # Safety
/// The GIL is held and the type was built.
#[inline]
pub unsafe fn alloc(cell: &TypeCell) -> (*mut ffi::PyObject, bool) {
    let ty = cell.type_ptr();
    // SAFETY: GIL held (caller's contract), which guards the free list. The borrow of the
    // list ends before allocating, which may run a GC pass whose deallocations push to it.
    // An object from the list is dead memory of the right size: PyObject_Init revives it
    // (refcount 1, a reference to its heap type).
    unsafe {
        let popped = (*cell.free.get()).pop();
        match popped {
            Some(obj) => (ffi::PyObject_Init(obj, ty), true),
            None => (ffi::PyType_GenericAlloc(ty, 0), false),
        }
    }
}

/// Tracks an object from the free list once its fields are written.
///
/// # Safety
/// GIL held; `obj` came from [`alloc`] with `reused` true and is fully initialised.
#[inline]
pub unsafe fn track_reused(obj: *mut ffi::PyObject, reused: bool) {
    if reused {
        // SAFETY: caller's contract; the object is untracked (it was when it died).
        unsafe { ffi::PyObject_GC_Track(obj as *mut c_void) };
    }
}

/// The first half of every native type's `tp_dealloc`: untracks the object, then runs
/// `finish` now or later (see [`Trashcan`]).
///
/// # Safety
/// Called from `tp_dealloc` (GIL held, refcount zero); `finish` fits the object's type.
#[inline]
pub unsafe fn dealloc(obj: *mut ffi::PyObject, finish: Finish) {
    // SAFETY: caller's contract; untracked first, so no GC pass sees it half torn down.
    unsafe {
        ffi::PyObject_GC_UnTrack(obj as *mut c_void);
        Trashcan::dispose(obj, finish);
    }
}

/// The last step of every `finish`: the object's memory goes to the free list or is freed,
/// and the reference to its heap type is released.
///
/// # Safety
/// GIL held; `obj` is dead and untracked, its fields dropped; `cell` is its type's.
#[inline]
pub unsafe fn release(obj: *mut ffi::PyObject, cell: &TypeCell) {
    // SAFETY: caller's contract; the free list is borrowed only for the push.
    unsafe {
        let ty = ffi::Py_TYPE(obj);
        let free = &mut *cell.free.get();
        if free.len() < FREE_LIST_MAX {
            free.push(obj);
        } else {
            ffi::PyObject_GC_Del(obj as *mut c_void);
        }
        ffi::Py_DECREF(ty as *mut ffi::PyObject);
    }
}

/// The type-specific second half of a deallocation: drops the fields, then [`release`].
pub type Finish = unsafe fn(*mut ffi::PyObject);

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

/// Where a native type keeps its Rust part, for the GC and deallocation slots that every
/// native type shares ([`tp_traverse`], [`tp_clear`], [`tp_dealloc`]).
pub trait Layout: 'static {
    /// The Rust part of an object (a machine).
    type Body: Held + 'static;
    fn cell() -> &'static TypeCell;
    /// The Rust part of `obj`.
    ///
    /// # Safety
    /// `obj` is an object of this layout's type.
    unsafe fn body(obj: *mut ffi::PyObject) -> *mut Self::Body;
}

/// `tp_traverse`: the heap type, then what the body holds.
pub unsafe extern "C" fn tp_traverse<L: Layout>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: CPython's GC calls tp_traverse with the GIL on a live object of L's type.
    // Heap types visit their type object.
    unsafe {
        let status = visit(ffi::Py_TYPE(obj) as *mut ffi::PyObject, arg);
        if status != 0 {
            return status;
        }
        (*L::body(obj)).traverse(visit, arg)
    }
}

/// `tp_clear`: drops what the body holds.
pub unsafe extern "C" fn tp_clear<L: Layout>(obj: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython's GC calls tp_clear with the GIL on a live object of L's type; bodies
    // are only used through shared references.
    unsafe { (*L::body(obj)).clear() };
    0
}

/// `tp_dealloc`: untracks, then drops the body and releases the object, now or later
/// (see [`Trashcan`]).
pub unsafe extern "C" fn tp_dealloc<L: Layout>(obj: *mut ffi::PyObject) {
    // SAFETY: CPython calls tp_dealloc with the GIL when the last reference is gone.
    unsafe { dealloc(obj, finish_dealloc::<L>) }
}

/// # Safety
/// GIL held; `obj` is a dead, untracked object of L's type.
unsafe fn finish_dealloc<L: Layout>(obj: *mut ffi::PyObject) {
    // SAFETY: caller's contract. Dropping the body may run arbitrary code (a GC pass
    // included), before the memory is released.
    unsafe {
        std::ptr::drop_in_place(L::body(obj));
        release(obj, L::cell());
    }
}
