//! Objects that share a native iterator's state (the groups of `groupby`): claiming the
//! iterator for a step of theirs, and reaching its machine.

use super::step::already_running;
use super::{header, IterMachine, Object, Phase};
use pyo3::ffi;

/// The machine of `obj` if it is a native iterator running `M`: for a dependent iterator (a
/// group of `groupby`) that drives the state of the iterator it came from.
///
/// # Safety
/// GIL held; `obj` alive; the reference must not outlive it.
pub unsafe fn machine_of<'a, M: IterMachine>(obj: *mut ffi::PyObject) -> Option<&'a M> {
    // SAFETY: caller's contract.
    unsafe { Object::<M>::body_if(obj) }
}

/// The outcome of [`claim`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The iterator was idle and is now running on the claimer's behalf.
    Claimed,
    /// `aclose()` completed: nothing is claimed.
    Closed,
    /// A step of it is in flight: nothing is claimed, the already-running `RuntimeError` is set.
    Running,
}

/// Marks native iterator `obj` as running a `__anext__` step on behalf of another object that
/// shares its state (a group of `groupby`), until [`release`]: its own `__anext__()` and
/// `aclose()` then raise the already-running error, as while a step of its own is in flight,
/// instead of touching the state under the other object's step.
///
/// # Safety
/// GIL held; `obj` a live native iterator (see [`is_native`]).
pub unsafe fn claim(obj: *mut ffi::PyObject) -> Claim {
    // SAFETY: caller's contract.
    unsafe {
        let header = header(obj);
        match header.phase.get() {
            Phase::Idle => {
                header.phase.set(Phase::Next);
                Claim::Claimed
            }
            Phase::Closed => Claim::Closed,
            Phase::Next | Phase::Closing => {
                already_running(c"anext");
                Claim::Running
            }
        }
    }
}

/// Ends a [`claim`]: the iterator is idle again.
///
/// # Safety
/// GIL held; `obj` a live native iterator claimed by the caller.
pub unsafe fn release(obj: *mut ffi::PyObject) {
    // SAFETY: caller's contract.
    unsafe { header(obj).phase.set(Phase::Idle) }
}

/// The native iterator object whose machine is `machine` (borrowed): for a machine that hands
/// out objects referring back to it (the groups of `groupby`).
///
/// # Safety
/// `machine` is the machine of a live `Object<M>` (every machine run by a native iterator is).
pub unsafe fn object_of<M: IterMachine>(machine: &M) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe { Object::<M>::object_of(machine) }
}
