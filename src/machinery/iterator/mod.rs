//! The native async iterator: the object every async combinator of this package returns.
//!
//! An [`IterMachine`] produces items (`poll_next`) and closes its sources (`poll_close`), each
//! a step that may suspend: it continues when resumed with the next [`Step`]. [`register`]
//! builds a CPython type for it with `__aiter__`, `__anext__` and `aclose()`.
//!
//! Every such type starts with the same [`Header`]: a table of its machine's step functions
//! and its [`Phase`]. `am_anext` is one function for all of them, so a layer recognises a
//! source that is one of ours by that slot ([`is_native`]) and drives it with [`step_next`] /
//! [`step_close`] directly, without creating an awaitable per item: stacked layers cost a
//! Rust call each.
//!
//! The phase makes misuse a clear error instead of corrupt state: a second `__anext__` (or an
//! `aclose()`) started while a step is in flight raises `RuntimeError`, as an async generator
//! does; after `aclose()` every `__anext__` raises `StopAsyncIteration`.

mod claim;
mod step;

use super::awaitable::new_awaitable;
use super::held::Held;
use super::native_type::{build_type, method, slot, Native, NativeType};
use super::object::Obj;
use super::panic::guard;
use super::step::{Poll, Step};
pub use claim::{claim, machine_of, object_of, release, Claim};
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ffi::{c_void, CStr};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering};
pub use step::{register_steps, step_close, step_next};
use step::{CloseStep, IterStep, NextStep};

/// Where an iterator is in its life.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No step in flight.
    Idle,
    /// A `__anext__` step is in flight.
    Next,
    /// An `aclose()` step is in flight.
    Closing,
    /// `aclose()` completed: every `__anext__` raises `StopAsyncIteration`.
    Closed,
}

/// The step functions of a machine, reached from the object without knowing its type.
pub struct VTable {
    poll_next: PollFn,
    poll_close: PollFn,
    /// `IterMachine::ACLOSE_ENDS`.
    aclose_ends: bool,
    name: &'static CStr,
    /// `IterMachine::QUALIFIED_NAME`, for the repr.
    qualified_name: &'static CStr,
}

/// A machine's step function, reached through the vtable.
type PollFn = unsafe fn(*mut ffi::PyObject, Step) -> Poll;

/// The header of every native iterator object, after CPython's: its machine's step
/// functions and its phase.
pub struct Header {
    vtable: &'static VTable,
    phase: Cell<Phase>,
}

/// The layout of every native iterator object.
type Object<M> = Native<Header, M>;

/// A state machine that a native async iterator runs. Methods take `&self` and keep Python
/// references in [`Slot`]s, as for awaitables (a step may be re-entered).
pub trait IterMachine: NativeType + Held + Sized + 'static {
    /// Whether `aclose()` ends the iterator (every later `__anext__` raises
    /// `StopAsyncIteration`); `borrow`'s does not.
    const ACLOSE_ENDS: bool = true;

    /// Produces the next item, or continues producing it: `Return(item)`; `Raised` with
    /// `StopAsyncIteration` once exhausted (sources already closed); `Yield` to suspend.
    /// A new step always starts with [`Step::Next`].
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn poll_next(&self, step: Step) -> Poll;

    /// Closes the owned sources, or continues closing them: `Return(None)` when done.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn poll_close(&self, step: Step) -> Poll;
}

/// Creates a native iterator running `machine`: a new reference, or null with an exception.
///
/// # Safety
/// GIL held; `M` registered.
pub unsafe fn new_iterator<M: IterMachine>(machine: M) -> *mut ffi::PyObject {
    let header = Header {
        vtable: vtable::<M>(),
        phase: Cell::new(Phase::Idle),
    };
    // SAFETY: caller's contract.
    unsafe { Object::<M>::create(header, machine) }
}

fn vtable<M: IterMachine>() -> &'static VTable {
    struct Table<M>(std::marker::PhantomData<M>);
    impl<M: IterMachine> Table<M> {
        const VTABLE: VTable = VTable {
            poll_next: poll_next::<M>,
            poll_close: poll_close::<M>,
            aclose_ends: M::ACLOSE_ENDS,
            name: M::NAME,
            qualified_name: M::QUALIFIED_NAME,
        };
    }
    &Table::<M>::VTABLE
}

unsafe fn poll_next<M: IterMachine>(obj: *mut ffi::PyObject, step: Step) -> Poll {
    // SAFETY: only reached through the vtable of an `Object<M>`, with the GIL held.
    unsafe { machine::<M>(obj).poll_next(step) }
}

unsafe fn poll_close<M: IterMachine>(obj: *mut ffi::PyObject, step: Step) -> Poll {
    // SAFETY: as for `poll_next`.
    unsafe { machine::<M>(obj).poll_close(step) }
}

/// # Safety
/// `obj` is a live `Object<M>`; the reference must not outlive it.
unsafe fn machine<'a, M: IterMachine>(obj: *mut ffi::PyObject) -> &'a M {
    // SAFETY: caller's contract.
    unsafe { Object::<M>::body(obj) }
}

/// # Safety
/// `obj` is a live native iterator (see [`is_native`]).
unsafe fn header<'a>(obj: *mut ffi::PyObject) -> &'a Header {
    // SAFETY: caller's contract: every native iterator is laid out as `Native<Header, _>`.
    unsafe { Native::<Header, ()>::head(obj) }
}

/// Whether `obj` is one of our native iterators (then [`step_next`] may drive it).
///
/// # Safety
/// GIL held; `obj` alive.
#[inline]
pub unsafe fn is_native(obj: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract; reading the type's slot table.
    let slot = unsafe {
        let slots = (*ffi::Py_TYPE(obj)).tp_as_async;
        if slots.is_null() {
            return false;
        }
        (*slots).am_anext
    };
    slot.is_some_and(|slot| slot as usize == ANEXT_SLOT.load(Ordering::Relaxed))
}

/// The `am_anext` pointer given to every native iterator type, recorded where it is given:
/// Rust does not promise that a function's address is the same everywhere it is taken.
static ANEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

/// Builds the CPython type of iterator machine `M` (once, at module initialisation).
pub fn register<M: IterMachine>(py: Python<'_>) -> PyResult<()> {
    register_with::<M>(py, None, vec![])
}

/// Builds the type of iterator machine `M`; if `new` is given, as a type Python calls to make
/// its iterators (as the stdlib's `itertools.chain`, so that `isinstance(chain(...), chain)`
/// holds): `new` is its `tp_new`, `methods` are added (e.g. a `METH_CLASS` constructor).
pub fn register_with<M: IterMachine>(
    py: Python<'_>,
    new: Option<ffi::newfunc>,
    mut methods: Vec<ffi::PyMethodDef>,
) -> PyResult<()> {
    methods.insert(
        0,
        method(
            c"aclose",
            aclose,
            ffi::METH_NOARGS,
            c"aclose() -> close the iterator and the sources it owns (awaitable).",
        ),
    );
    let slots = vec![
        slot(ffi::Py_am_aiter, ffi::PyObject_SelfIter as *mut c_void),
        slot(ffi::Py_am_anext, anext_slot()),
        slot(ffi::Py_tp_repr, repr as *mut c_void),
    ];
    build_type::<Header, M>(py, slots, methods, new)
}

/// The `am_anext` slot of every native iterator type (see [`ANEXT_SLOT`]).
fn anext_slot() -> *mut c_void {
    let slot = anext as ffi::unaryfunc as *mut c_void;
    ANEXT_SLOT.store(slot as usize, Ordering::Relaxed);
    slot
}

unsafe extern "C" fn anext(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: CPython calls am_anext with the GIL on a live native iterator.
        unsafe { new_awaitable(IterStep::<NextStep>::awaitable(Obj::from_borrowed(obj))) }
    })
}

unsafe extern "C" fn aclose(
    obj: *mut ffi::PyObject,
    _unused: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_NOARGS method: GIL held, live self.
        unsafe { new_awaitable(IterStep::<CloseStep>::awaitable(Obj::from_borrowed(obj))) }
    })
}

unsafe extern "C" fn repr(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls tp_repr with the GIL on a live native iterator, whose header
    // holds its machine's vtable.
    unsafe {
        ffi::PyUnicode_FromFormat(
            c"<%s object at %p>".as_ptr(),
            header(obj).vtable.qualified_name.as_ptr(),
            obj as *const c_void,
        )
    }
}
