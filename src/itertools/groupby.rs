//! `groupby(iterable, key=None)`: `(key, group)` pairs of the consecutive items of a sync or
//! async iterable with equal keys (`key` sync or async; `None` for the item itself).
//!
//! As in the stdlib the groups are lazy: a group is a native async iterator (`_grouper`) that
//! pulls through its parent, and advancing the parent skips the rest of the current group and
//! invalidates it (it then yields nothing more). The state rules are CPython's
//! (`tgtkey`, `currkey`, `currvalue`, `currgrouper` in Modules/itertoolsmodule.c), with one
//! difference: the current group is known by a number, not by a borrowed pointer, so the
//! parent holds no reference to its groups (no cycle) and a new group allocated where a dead
//! one was is never taken for it.
//!
//! The parent and its current group share one source: while a group's step is in flight it
//! claims the parent ([`claim`]), whose own `__anext__()` and `aclose()` then raise the
//! already-running error. A group's `aclose()` only ends that group; the parent owns the
//! source and closes it. A failure or the end of the source in a group's step ends the
//! parent too (the source is closed first, as for any step of ours).

use crate::machinery::call::Callable;
use crate::machinery::clinic::ClinicSignature;
use crate::machinery::ending::Ending;
use crate::machinery::exception::{cleared, exhausted};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::held::{clear_all, held};
use crate::machinery::iterator;
use crate::machinery::iterator::{
    claim, machine_of, new_iterator, object_of, release, Claim, IterMachine,
};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::Cell;
use std::ptr::null_mut;

pub static GROUPBY: BuiltinFunction = BuiltinFunction::new(
    c"groupby",
    groupby,
    c"groupby(iterable, key=None)\n--\n\n\
Return an async iterator of (key, group) pairs: group is an async iterator over the \
consecutive items of iterable with that key. key may be sync or async; if it is None, the key \
is the item itself. Advancing the groupby ends the current group.",
);

const SIGNATURE: ClinicSignature<2> = ClinicSignature {
    function: c"groupby",
    names: [c"iterable", c"key"],
    required: 1,
    max_positional: 2,
    positional_only: 0,
};

vectorcall!(groupby, |args, nargs, kwnames| {
    let Some([iterable, key]) = SIGNATURE.bind(args, nargs, kwnames) else {
        return null_mut();
    };
    let key = if key.is_null() || key == ffi::Py_None() {
        None
    } else {
        Some(Callable::new(Obj::from_borrowed(key)))
    };
    let Some(source) = Source::new(iterable) else {
        return null_mut();
    };
    new_iterator(GroupBy {
        source,
        key,
        target: Slot::new(None),
        value: Slot::new(None),
        value_key: Slot::new(None),
        keying: Slot::new(None),
        advance: Cell::new(Advance::Idle),
        current: Cell::new(0),
        groups: Cell::new(0),
        ending: Ending::new(),
    })
});

/// Where the shared step (the stdlib's `groupby_step`: pull an item, compute its key) is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Advance {
    Idle,
    /// Pulling from the source.
    Pulling,
    /// The key of the pulled item (in `keying`) is being awaited.
    Keying,
}

/// The async iterator of `groupby()`, and the state its groups share.
pub struct GroupBy {
    source: Source,
    key: Option<Callable>,
    /// The key of the current group (`tgtkey`).
    target: Slot,
    /// The item pulled but not handed out yet, and its key (`currvalue`, `currkey`): both set
    /// or both empty between steps.
    value: Slot,
    value_key: Slot,
    /// The pulled item whose key is in flight.
    keying: Slot,
    advance: Cell<Advance>,
    /// The number of the current group, 0 for none (`currgrouper`).
    current: Cell<u64>,
    /// How many groups were made: the next one's number.
    groups: Cell<u64>,
    ending: Ending,
}

impl GroupBy {
    /// Pulls the next item and computes its key into `value`/`value_key`, or continues doing
    /// so: `Return(None)`, `Yield`, or `Raised` (`StopAsyncIteration` at the end).
    ///
    /// # Safety
    /// GIL held; the step's pointers alive; `step` is `Next` unless a pull is in flight.
    unsafe fn advance(&self, step: Step) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            let (item, key) = match self.advance.get() {
                Advance::Keying => {
                    let Some(callable) = &self.key else {
                        return cleared(c"iterator");
                    };
                    let key = callable.resume(step);
                    if matches!(key, Poll::Yield(_)) {
                        return key;
                    }
                    let item = self.keying.get();
                    self.keying.clear();
                    let Some(item) = item else {
                        self.advance.set(Advance::Idle);
                        return cleared(c"iterator");
                    };
                    (item, key)
                }
                Advance::Idle | Advance::Pulling => {
                    self.advance.set(Advance::Pulling);
                    let item = match self.source.pull(step) {
                        Poll::Return(item) => item,
                        Poll::Yield(value) => return Poll::Yield(value),
                        Poll::Raised => {
                            self.advance.set(Advance::Idle);
                            return Poll::Raised;
                        }
                    };
                    let key = match &self.key {
                        None => Poll::Return(item.clone()),
                        Some(callable) => callable.call(&[item.as_ptr()]),
                    };
                    if let Poll::Yield(value) = key {
                        self.keying.set(Some(item));
                        self.advance.set(Advance::Keying);
                        return Poll::Yield(value);
                    }
                    (item, key)
                }
            };
            self.advance.set(Advance::Idle);
            match key {
                Poll::Return(key) => {
                    self.value.set(Some(item));
                    self.value_key.set(Some(key));
                    Poll::Return(Obj::none())
                }
                poll => poll,
            }
        }
    }

    /// Ends with the current exception once the source is closed; drops the shared state.
    ///
    /// # Safety
    /// GIL held; an exception is set.
    unsafe fn fail(&self) -> Poll {
        self.forget();
        // SAFETY: caller's contract.
        unsafe { self.ending.fail(std::slice::from_ref(&self.source)) }
    }

    /// Drops the items and keys held between steps, and invalidates the current group.
    fn forget(&self) {
        self.current.set(0);
        clear_all(&[&self.target, &self.value, &self.value_key, &self.keying]);
    }

    /// One step of the group numbered `group` (the current one) whose key is `target`: the
    /// stdlib's `_grouper_next`.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive; the group has claimed this iterator.
    unsafe fn group_next(&self, target: &Obj, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: caller's contract.
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            loop {
                if self.advance.get() == Advance::Idle {
                    if let Some(key) = self.value_key.get() {
                        return match ffi::PyObject_RichCompareBool(
                            target.as_ptr(),
                            key.as_ptr(),
                            ffi::Py_EQ,
                        ) {
                            -1 => self.fail(),
                            // The end of the group: the item stays for the parent.
                            0 => exhausted(),
                            _ => {
                                let item = self.value.get();
                                self.value.clear();
                                self.value_key.clear();
                                match item {
                                    Some(item) => Poll::Return(item),
                                    None => cleared(c"iterator"),
                                }
                            }
                        };
                    }
                    step = Step::Next;
                }
                match self.advance(step) {
                    Poll::Return(_) => {}
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Raised => return self.fail(),
                }
                step = Step::Next;
            }
        }
    }
}

native_type!(
    GroupBy,
    c"asyncitertools.itertools.groupby",
    c"Async iterator of (key, group) pairs of consecutive items."
);

impl IterMachine for GroupBy {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract); this machine runs in a live native iterator.
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            // Skip the rest of the current group, which is over.
            self.current.set(0);
            loop {
                if self.advance.get() == Advance::Idle {
                    if let Some(key) = self.value_key.get() {
                        let Some(target) = self.target.get() else {
                            break;
                        };
                        match ffi::PyObject_RichCompareBool(
                            target.as_ptr(),
                            key.as_ptr(),
                            ffi::Py_EQ,
                        ) {
                            -1 => return self.fail(),
                            0 => break,
                            _ => {}
                        }
                    }
                    step = Step::Next;
                }
                match self.advance(step) {
                    Poll::Return(_) => {}
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Raised => return self.fail(),
                }
                step = Step::Next;
            }
            let Some(key) = self.value_key.get() else {
                return cleared(c"iterator");
            };
            self.target.set(Some(key.clone()));
            let number = self.groups.get() + 1;
            self.groups.set(number);
            let parent = Obj::from_borrowed(object_of(self));
            let Some(group) = Obj::from_owned(new_iterator(Grouper {
                parent: Slot::new(Some(parent)),
                target: Slot::new(Some(key.clone())),
                number,
                in_flight: Cell::new(false),
            })) else {
                return self.fail();
            };
            self.current.set(number);
            let Some(pair) = Obj::from_owned(ffi::PyTuple_New(2)) else {
                return self.fail();
            };
            // SAFETY: a new tuple of two, ours alone: filled before anyone sees it.
            ffi::PyTuple_SET_ITEM(pair.as_ptr(), 0, key.into_ptr());
            ffi::PyTuple_SET_ITEM(pair.as_ptr(), 1, group.into_ptr());
            Poll::Return(pair)
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        self.forget();
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(GroupBy {
    source,
    key,
    target,
    value,
    value_key,
    keying,
    ending
});

/// A group of `groupby()`: the consecutive items with one key, pulled through the parent.
pub struct Grouper {
    /// The groupby this group came from; emptied once the group is over for good.
    parent: Slot,
    /// The group's key (`tgtkey`).
    target: Slot,
    /// Which group of the parent this is (see `GroupBy::current`).
    number: u64,
    /// A step of this group is in flight (it claimed the parent when it started).
    in_flight: Cell<bool>,
}

impl Grouper {
    /// The group is over: it lets go of the parent (nothing accumulates behind old groups).
    ///
    /// # Safety
    /// GIL held.
    unsafe fn over(&self) -> Poll {
        clear_all(&[&self.parent, &self.target]);
        // SAFETY: caller's contract.
        unsafe { exhausted() }
    }
}

native_type!(
    Grouper,
    c"asyncitertools.itertools._grouper",
    c"Async iterator of the items of one group of a groupby."
);

impl IterMachine for Grouper {
    unsafe fn poll_next(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract); the parent and key are held across the step.
        unsafe {
            let (Some(parent), Some(target)) = (self.parent.get(), self.target.get()) else {
                return exhausted();
            };
            let Some(groupby) = machine_of::<GroupBy>(parent.as_ptr()) else {
                return self.over();
            };
            if !self.in_flight.get() {
                if groupby.current.get() != self.number {
                    return self.over();
                }
                match claim(parent.as_ptr()) {
                    Claim::Claimed => {}
                    Claim::Closed => return self.over(),
                    Claim::Running => return Poll::Raised,
                }
            }
            let poll = groupby.group_next(&target, step);
            let suspended = matches!(poll, Poll::Yield(_));
            self.in_flight.set(suspended);
            if !suspended {
                release(parent.as_ptr());
            }
            poll
        }
    }

    unsafe fn poll_close(&self, _step: Step) -> Poll {
        // Only this group ends: the source belongs to the parent.
        clear_all(&[&self.parent, &self.target]);
        Poll::Return(Obj::none())
    }
}

held!(Grouper { parent, target });

/// Builds the types of `groupby` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<GroupBy>(py)?;
    iterator::register::<Grouper>(py)?;
    GROUPBY.add_to(module, public_module)
}
