//! The native awaitable: the object every asynchronous step of this package is.
//!
//! A [`Machine`] is a state machine written in Rust; [`register`] builds a CPython type for it
//! from raw slots and [`new_awaitable`] makes instances. The type is an awaitable and its own
//! iterator, like a coroutine:
//!
//! - `am_send` (the `await` protocol on 3.10 and 3.11, and any native driver through
//!   `PyIter_Send`): completion is returned as a value, no `StopIteration` is created;
//! - `__next__`, `send(value)`, `throw(...)`, `close()`: the generator-style methods, for
//!   the interpreter's `SEND` on 3.12+ and for event loops that drive awaitables by hand;
//! - GC support (`tp_traverse`, `tp_clear`) and a free list of dead objects for speed.
//!
//! While a machine runs a step it calls Python code, which may come back to the same object:
//! `send` from inside the awaited iterator, a GC pass (`tp_traverse`, `tp_clear`). Machines
//! are therefore used through `&self` only and keep their Python references in [`Slot`]s,
//! which are read by cloning the reference out and written by swapping, never borrowed across
//! a call into Python. Re-entry then behaves as in CPython: the step is forwarded again, and
//! whatever is awaited decides (a generator says "already executing").

use super::drive::{Poll, Step};
use super::object::Obj;
use super::panic::guard;
use super::stop::raise_stop_iteration;
use pyo3::prelude::*;
use pyo3::{ffi, PyErr};
use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_int, c_uint, c_void, CStr};
use std::ptr::{addr_of_mut, null_mut};
use std::sync::atomic::{AtomicPtr, Ordering};

/// A state machine that a native awaitable runs.
///
/// Every method takes `&self`: a step may be re-entered (see the module docs).
pub trait Machine: Sized + 'static {
    /// The type's name as CPython prints it in messages (`tp_name`) and in the repr.
    const NAME: &'static CStr;
    /// `module.name`: gives the type its `__module__` and `__name__`.
    const QUALIFIED_NAME: &'static CStr;
    /// The type's docstring.
    const DOC: &'static CStr;

    /// Where this machine's type object and free list live.
    fn cell() -> &'static TypeCell;

    /// One step: `__next__()`, `send(value)`, `throw(*args)` or `am_send`.
    ///
    /// # Safety
    /// The GIL is held; the step's pointers are alive.
    unsafe fn resume(&self, step: Step) -> Poll;

    /// `close(*args)`: the method's result as a new reference, or null with an exception
    /// set. `args` is the tuple of arguments the caller passed.
    ///
    /// # Safety
    /// The GIL is held; `args` is a live tuple.
    unsafe fn close(&self, args: *mut ffi::PyObject) -> *mut ffi::PyObject;

    /// Visits every Python object the machine holds (`tp_traverse`).
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int;

    /// Drops every Python object the machine holds (`tp_clear`); later steps must still be
    /// safe (they raise).
    fn clear(&self);
}

/// A machine's field holding a Python reference, safe under re-entry.
///
/// The reference is read by cloning it out and written by swapping; the old reference is
/// dropped (which may run Python code) only after the write is complete. No borrow of the
/// inside ever outlives a method call, so code run by a step may use the slot freely.
pub struct Slot(UnsafeCell<Option<Obj>>);

impl Slot {
    pub fn new(value: Option<Obj>) -> Slot {
        Slot(UnsafeCell::new(value))
    }

    /// A new reference to the value.
    #[inline]
    pub fn get(&self) -> Option<Obj> {
        // SAFETY: single-threaded under the GIL (Obj's invariant) and no borrow of the inside
        // is alive across this call: cloning only increments a reference count.
        unsafe { (*self.0.get()).clone() }
    }

    /// Stores `value`; the previous value is dropped after the store.
    #[inline]
    pub fn set(&self, value: Option<Obj>) {
        // SAFETY: as in `get`; the borrow ends before the old value is dropped.
        let old = unsafe { std::mem::replace(&mut *self.0.get(), value) };
        drop(old);
    }

    /// Empties the slot (for `tp_clear`).
    #[inline]
    pub fn clear(&self) {
        self.set(None);
    }

    /// Reports the reference to the garbage collector (for `tp_traverse`).
    #[inline]
    pub fn visit(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        // SAFETY: as in `get`; visiting does not run Python code that could reach the slot.
        match unsafe { &*self.0.get() } {
            Some(obj) => obj.visit(visit, arg),
            None => 0,
        }
    }
}

/// Visits each slot in turn: a machine's `tp_traverse`.
#[inline]
pub fn visit_slots(slots: &[&Slot], visit: ffi::visitproc, arg: *mut c_void) -> c_int {
    for slot in slots {
        let status = slot.visit(visit, arg);
        if status != 0 {
            return status;
        }
    }
    0
}

/// A machine's CPython type and its free list of dead objects.
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

    /// The type object; null before [`register`] ran.
    pub fn type_ptr(&self) -> *mut ffi::PyTypeObject {
        self.ty.load(Ordering::Relaxed)
    }
}

impl Default for TypeCell {
    fn default() -> TypeCell {
        TypeCell::new()
    }
}

/// How many dead objects a free list keeps for reuse.
const FREE_LIST_MAX: usize = 64;

/// The layout of every native awaitable object.
#[repr(C)]
struct Object<M> {
    ob_base: ffi::PyObject,
    machine: M,
}

/// Creates a native awaitable running `machine`: a new reference, or null with an
/// exception set.
///
/// # Safety
/// The GIL is held and `M` was registered.
pub unsafe fn new_awaitable<M: Machine>(machine: M) -> *mut ffi::PyObject {
    let cell = M::cell();
    let ty = cell.type_ptr();
    // SAFETY: GIL held (caller's contract), which also guards the free list. An object
    // from the free list is dead memory of the right size: PyObject_Init revives it (refcount
    // 1, a reference to its heap type), and it is tracked by the GC only once its fields are
    // written. A fresh one comes zeroed and tracked from PyType_GenericAlloc; nothing can run
    // a GC pass before the fields are written just below.
    unsafe {
        // The borrow of the free list ends here: allocating may run a GC pass, whose
        // deallocations push to this list.
        let popped = (*cell.free.get()).pop();
        let (obj, reused) = match popped {
            Some(obj) => (ffi::PyObject_Init(obj, ty), true),
            None => (ffi::PyType_GenericAlloc(ty, 0), false),
        };
        if obj.is_null() {
            return obj;
        }
        let this = obj as *mut Object<M>;
        addr_of_mut!((*this).machine).write(machine);
        if reused {
            ffi::PyObject_GC_Track(obj as *mut c_void);
        }
        obj
    }
}

/// Builds the CPython type of machine `M` (once, at module initialisation).
pub fn register<M: Machine>(py: Python<'_>) -> PyResult<()> {
    let methods: &'static mut [ffi::PyMethodDef; 4] = Box::leak(Box::new([
        ffi::PyMethodDef {
            ml_name: c"send".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunction: send::<M>,
            },
            ml_flags: ffi::METH_O,
            ml_doc: c"send(arg) -> send 'arg' into the awaitable,\nreturn next yielded value or raise StopIteration.".as_ptr(),
        },
        ffi::PyMethodDef {
            ml_name: c"throw".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunction: throw::<M>,
            },
            ml_flags: ffi::METH_VARARGS,
            ml_doc: c"throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in the awaitable, return next yielded value or raise\nStopIteration.".as_ptr(),
        },
        ffi::PyMethodDef {
            ml_name: c"close".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunction: close::<M>,
            },
            ml_flags: ffi::METH_VARARGS,
            ml_doc: c"close() -> raise GeneratorExit inside the awaitable.".as_ptr(),
        },
        // SAFETY: an all-zero PyMethodDef is the table's end marker.
        unsafe { std::mem::zeroed() },
    ]));
    let slot = |slot: c_int, pfunc: *mut c_void| ffi::PyType_Slot { slot, pfunc };
    let mut slots = [
        slot(ffi::Py_tp_dealloc, dealloc::<M> as *mut c_void),
        slot(ffi::Py_tp_traverse, traverse::<M> as *mut c_void),
        slot(ffi::Py_tp_clear, clear::<M> as *mut c_void),
        slot(ffi::Py_tp_iter, ffi::PyObject_SelfIter as *mut c_void),
        slot(ffi::Py_tp_iternext, iternext::<M> as *mut c_void),
        slot(ffi::Py_am_await, ffi::PyObject_SelfIter as *mut c_void),
        slot(ffi::Py_am_send, am_send::<M> as *mut c_void),
        slot(ffi::Py_tp_methods, methods.as_mut_ptr() as *mut c_void),
        slot(ffi::Py_tp_doc, M::DOC.as_ptr() as *mut c_void),
        slot(ffi::Py_tp_repr, repr::<M> as *mut c_void),
        slot(0, null_mut()),
    ];
    let mut spec = ffi::PyType_Spec {
        name: M::QUALIFIED_NAME.as_ptr(),
        basicsize: c_int::try_from(std::mem::size_of::<Object<M>>()).expect("small type"),
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT
            | ffi::Py_TPFLAGS_HAVE_GC
            | ffi::Py_TPFLAGS_DISALLOW_INSTANTIATION
            | ffi::Py_TPFLAGS_IMMUTABLETYPE) as c_uint,
        slots: slots.as_mut_ptr(),
    };
    // SAFETY: the GIL is held (we have `py`); the spec and slots are valid for the call and
    // PyType_FromSpec copies them, except the method table, which is leaked above to live as
    // long as the type.
    let ty = unsafe { ffi::PyType_FromSpec(&mut spec) } as *mut ffi::PyTypeObject;
    if ty.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: `ty` is the new heap type. CPython prints `tp_name` in its messages ("cannot
    // create 'anext_awaitable' instances"); PyType_FromSpec set it to the qualified name.
    // Pointing it at a static string is safe: CPython frees `ht_name`/`_ht_tpname`, never
    // `tp_name` itself, and the type is immutable, so `__name__` cannot be reassigned.
    unsafe { (*ty).tp_name = M::NAME.as_ptr() };
    M::cell().ty.store(ty, Ordering::Relaxed);
    Ok(())
}

/// The machine of `obj`.
///
/// # Safety
/// `obj` is a live `Object<M>`; the reference must not outlive it.
#[inline]
unsafe fn machine<'a, M: Machine>(obj: *mut ffi::PyObject) -> &'a M {
    // SAFETY: caller's contract; machines are only ever used through shared references.
    unsafe { &(*(obj as *const Object<M>)).machine }
}

/// A step's outcome in the iterator protocol: yielded value, or null with `StopIteration`
/// (completion) or another exception set.
///
/// # Safety
/// GIL held.
#[inline]
unsafe fn into_next_result(poll: Poll) -> *mut ffi::PyObject {
    match poll {
        Poll::Yield(value) => value.into_ptr(),
        Poll::Return(value) => {
            // SAFETY: GIL held (caller's contract).
            unsafe { raise_stop_iteration(&value) };
            null_mut()
        }
        Poll::Raised => null_mut(),
    }
}

unsafe extern "C" fn iternext<M: Machine>(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: CPython calls tp_iternext with the GIL and a live object of our type.
        unsafe { into_next_result(machine::<M>(obj).resume(Step::Next)) }
    })
}

unsafe extern "C" fn am_send<M: Machine>(
    obj: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
    result: *mut *mut ffi::PyObject,
) -> ffi::PySendResult {
    let (status, value) = guard((ffi::PySendResult::PYGEN_ERROR, null_mut()), || {
        // SAFETY: CPython calls am_send with the GIL, a live object of our type and a live
        // argument.
        unsafe {
            match machine::<M>(obj).resume(Step::from_am_send(arg)).settle() {
                Poll::Yield(value) => (ffi::PySendResult::PYGEN_NEXT, value.into_ptr()),
                Poll::Return(value) => (ffi::PySendResult::PYGEN_RETURN, value.into_ptr()),
                Poll::Raised => (ffi::PySendResult::PYGEN_ERROR, null_mut()),
            }
        }
    });
    // SAFETY: `result` is CPython's out-pointer for this call.
    unsafe { *result = value };
    status
}

unsafe extern "C" fn send<M: Machine>(
    obj: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_O method: GIL held, live self and argument.
        unsafe { into_next_result(machine::<M>(obj).resume(Step::Send(arg))) }
    })
}

unsafe extern "C" fn throw<M: Machine>(
    obj: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_VARARGS method: GIL held, live self, `args` a live tuple.
        unsafe { into_next_result(machine::<M>(obj).resume(Step::Throw(args))) }
    })
}

unsafe extern "C" fn close<M: Machine>(
    obj: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_VARARGS method: GIL held, live self, `args` a live tuple.
        unsafe { machine::<M>(obj).close(args) }
    })
}

unsafe extern "C" fn repr<M: Machine>(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_repr with the GIL on a live object. The builtins' repr form
    // (their module, builtins, is left out): `<anext_awaitable object at 0x...>`.
    unsafe {
        ffi::PyUnicode_FromFormat(
            c"<%s object at %p>".as_ptr(),
            M::NAME.as_ptr(),
            obj as *const c_void,
        )
    }
}

unsafe extern "C" fn traverse<M: Machine>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: CPython's GC calls tp_traverse with the GIL on a live object of our type.
    // Heap types visit their type object.
    unsafe {
        let status = visit(ffi::Py_TYPE(obj) as *mut ffi::PyObject, arg);
        if status != 0 {
            return status;
        }
        machine::<M>(obj).traverse(visit, arg)
    }
}

unsafe extern "C" fn clear<M: Machine>(obj: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython's GC calls tp_clear with the GIL on a live object of our type.
    unsafe { machine::<M>(obj).clear() };
    0
}

unsafe extern "C" fn dealloc<M: Machine>(obj: *mut ffi::PyObject) {
    // SAFETY: CPython calls tp_dealloc with the GIL when the last reference is gone; the
    // object is untracked first, so no GC pass sees it half torn down.
    unsafe {
        ffi::PyObject_GC_UnTrack(obj as *mut c_void);
        Trashcan::dispose(obj, finish_dealloc::<M>);
    }
}

/// Drops the machine of a dead object and frees it (or keeps it on the free list).
///
/// # Safety
/// GIL held; `obj` is an untracked `Object<M>` whose reference count reached zero.
unsafe fn finish_dealloc<M: Machine>(obj: *mut ffi::PyObject) {
    // SAFETY: caller's contract. Dropping the machine may run arbitrary code (a GC pass
    // included); the free list is borrowed only after. Instances of heap types own a
    // reference to their type, released last.
    unsafe {
        let this = obj as *mut Object<M>;
        std::ptr::drop_in_place(addr_of_mut!((*this).machine));
        let ty = ffi::Py_TYPE(obj);
        let free = &mut *M::cell().free.get();
        if free.len() < FREE_LIST_MAX {
            free.push(obj);
        } else {
            ffi::PyObject_GC_Del(obj as *mut c_void);
        }
        ffi::Py_DECREF(ty as *mut ffi::PyObject);
    }
}

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

/// The type-specific second half of a deallocation ([`finish_dealloc`]).
type Finish = unsafe fn(*mut ffi::PyObject);

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
