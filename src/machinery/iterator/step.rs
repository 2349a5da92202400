//! The steps of a native iterator: `__anext__()` and `aclose()`, each under the phase rule
//! (see the module docs), driven directly by a native driver or by their own awaitable.

use super::{header, Phase, PollFn, VTable};
use crate::machinery::awaitable::{self};
use crate::machinery::exception::{cleared, exhausted};
use crate::machinery::held::held;
use crate::machinery::native_type::{native_type, NativeType};
use crate::machinery::object::Obj;
use crate::machinery::oneshot::{refuse_at_start, OneShot, Run};
use crate::machinery::slot::Slot;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::forbid_stop_iteration;
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::CStr;

/// Starts (`fresh`) or continues a `__anext__` step of a native iterator: what its
/// `__anext__` awaitable does, for a driver that is itself native.
///
/// # Safety
/// GIL held; `obj` is a live native iterator; a continued step was started by this driver.
pub unsafe fn step_next(obj: *mut ffi::PyObject, fresh: bool, step: Step) -> Poll {
    // SAFETY: forwarded contract.
    unsafe { run_step(obj, fresh, step, &NEXT) }
}

/// Starts (`fresh`) or continues an `aclose()` step of a native iterator.
///
/// # Safety
/// As for [`step_next`].
pub unsafe fn step_close(obj: *mut ffi::PyObject, fresh: bool, step: Step) -> Poll {
    // SAFETY: forwarded contract.
    unsafe { run_step(obj, fresh, step, &CLOSE) }
}

/// What tells a `__anext__` step from an `aclose()` step.
struct StepOp {
    /// For the already-running message.
    name: &'static CStr,
    /// The phase while the step is in flight, and once it ended.
    running: Phase,
    ended: Phase,
    poll: fn(&VTable) -> PollFn,
    /// The outcome of a step started after `aclose()`.
    after_close: unsafe fn() -> Poll,
}

const NEXT: StepOp = StepOp {
    name: c"anext",
    running: Phase::Next,
    ended: Phase::Idle,
    poll: |vtable| vtable.poll_next,
    after_close: || {
        // SAFETY: called by run_step, with the GIL held.
        unsafe { exhausted() }
    },
};

const CLOSE: StepOp = StepOp {
    name: c"aclose",
    running: Phase::Closing,
    ended: Phase::Closed,
    poll: |vtable| vtable.poll_close,
    after_close: || Poll::Return(Obj::none()),
};

/// The phase rule around one step of a native iterator (see the module docs).
///
/// # Safety
/// As for [`step_next`].
unsafe fn run_step(obj: *mut ffi::PyObject, fresh: bool, step: Step, op: &StepOp) -> Poll {
    // SAFETY: caller's contract.
    unsafe {
        let header = header(obj);
        let step = if fresh {
            match header.phase.get() {
                Phase::Idle => {}
                Phase::Closed => return (op.after_close)(),
                Phase::Next | Phase::Closing => return already_running(op.name),
            }
            if let Some(poll) = refuse_at_start(step) {
                return poll;
            }
            header.phase.set(op.running);
            Step::Next
        } else {
            step
        };
        let poll = forbid_stop_iteration((op.poll)(header.vtable)(obj, step), header.vtable.name);
        if !matches!(poll, Poll::Yield(_)) {
            let ended = match op.ended {
                Phase::Closed if !header.vtable.aclose_ends => Phase::Idle,
                ended => ended,
            };
            header.phase.set(ended);
        }
        poll
    }
}

/// # Safety
/// GIL held.
pub(super) unsafe fn already_running(what: &CStr) -> Poll {
    // SAFETY: GIL held (caller's contract).
    unsafe {
        ffi::PyErr_Format(
            ffi::PyExc_RuntimeError,
            c"%s(): asynchronous iterator is already running".as_ptr(),
            what.as_ptr(),
        );
    }
    Poll::Raised
}

/// The awaitable types of `__anext__` and `aclose()`, shared by every native iterator.
pub fn register_steps(py: Python<'_>) -> PyResult<()> {
    awaitable::register::<StepAwaitable<NextStep>>(py)?;
    awaitable::register::<StepAwaitable<CloseStep>>(py)
}

/// Which step of an iterator an awaitable runs.
pub trait StepKind: NativeType + 'static {
    /// As [`super::oneshot::Run::DELIVERS_ITEM`].
    const DELIVERS_ITEM: bool;
    /// # Safety
    /// As for [`step_next`].
    unsafe fn step(obj: *mut ffi::PyObject, fresh: bool, step: Step) -> Poll;
}

pub struct NextStep;
pub struct CloseStep;

native_type!(
    NextStep,
    c"asyncitertools.anext_step",
    c"The awaitable of a native async iterator's __anext__()."
);

impl StepKind for NextStep {
    const DELIVERS_ITEM: bool = true;
    unsafe fn step(obj: *mut ffi::PyObject, fresh: bool, step: Step) -> Poll {
        // SAFETY: forwarded contract.
        unsafe { step_next(obj, fresh, step) }
    }
}

native_type!(
    CloseStep,
    c"asyncitertools.aclose_step",
    c"The awaitable of a native async iterator's aclose()."
);

impl StepKind for CloseStep {
    const DELIVERS_ITEM: bool = false;
    unsafe fn step(obj: *mut ffi::PyObject, fresh: bool, step: Step) -> Poll {
        // SAFETY: forwarded contract.
        unsafe { step_close(obj, fresh, step) }
    }
}

/// The work of one `__anext__()` or `aclose()` awaitable of a native iterator.
pub struct IterStep<K> {
    iterator: Slot,
    kind: std::marker::PhantomData<K>,
}

/// The awaitable of one `__anext__()` or `aclose()` of a native iterator.
pub type StepAwaitable<K> = OneShot<IterStep<K>>;

impl<K: StepKind> IterStep<K> {
    pub(super) fn awaitable(iterator: Obj) -> StepAwaitable<K> {
        OneShot::new(IterStep {
            iterator: Slot::new(Some(iterator)),
            kind: std::marker::PhantomData,
        })
    }
}

native_type!(impl<K: StepKind> for IterStep<K> as K);

impl<K: StepKind> Run for IterStep<K> {
    const DELIVERS_ITEM: bool = K::DELIVERS_ITEM;

    unsafe fn run(&self, fresh: bool, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract); the iterator is held across the step.
        unsafe {
            let Some(iterator) = self.iterator.get() else {
                return cleared(c"awaitable");
            };
            K::step(iterator.as_ptr(), fresh, step)
        }
    }
}

held!(impl<K: StepKind> for IterStep<K> { iterator });
