//! Selecting items by a predicate's verdict: the one loop behind `filter`, `filterfalse`,
//! `takewhile` and `dropwhile`. A [`Rule`] says what a true and a false verdict mean for the
//! item (keep it, drop it, end the iteration, or keep it and every later one unasked); the
//! [`Select`] machine pulls items, asks the predicate (sync or async, `None` for the item's own
//! truth) and applies the rule.

use super::call::Callable;
use super::ending::Ending;
use super::exception::{cleared, exhausted};
use super::held::held;
use super::iterator::IterMachine;
use super::native_type::{native_type, NativeType};
use super::object::Obj;
use super::slot::Slot;
use super::source::Source;
use super::step::{Poll, Step};
use pyo3::ffi;
use std::cell::Cell;
use std::marker::PhantomData;

/// What a verdict does to the item it was asked about.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The item is the next one produced.
    Keep,
    /// The item is skipped; the next one is asked about.
    Drop,
    /// The item is consumed and not produced; the iteration ends (sources closed).
    Stop,
    /// The item is produced, and so is every later one, without asking the predicate again.
    Open,
}

/// A selecting combinator: its type's names and what its verdicts mean.
pub trait Rule: NativeType + 'static {
    /// What a true verdict and a false one mean (constants: the loop is specialised for them).
    const ON_TRUE: Verdict;
    const ON_FALSE: Verdict;
}

/// The async iterator of a selecting combinator.
pub struct Select<R> {
    /// `None`: the item's own truth is the verdict.
    predicate: Option<Callable>,
    source: Source,
    /// The item whose predicate call is in flight.
    item: Slot,
    /// False once a verdict opened the gate (`Verdict::Open`).
    asking: Cell<bool>,
    ending: Ending,
    rule: PhantomData<R>,
}

impl<R: Rule> Select<R> {
    /// A machine over an owned or borrowed `source`. `predicate` `None` means the item's
    /// truth; callers map the stdlib's spellings of that (`None`, `bool`) to it.
    pub fn new(predicate: Option<Callable>, source: Source) -> Select<R> {
        Select {
            predicate,
            source,
            item: Slot::new(None),
            asking: Cell::new(true),
            ending: Ending::new(),
            rule: PhantomData,
        }
    }
}

native_type!(impl<R: Rule> for Select<R> as R);

impl<R: Rule> IterMachine for Select<R> {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            loop {
                if let Some(poll) = self.ending.next_step(sources, step) {
                    return poll;
                }
                let (item, verdict) = match &self.predicate {
                    Some(predicate) if predicate.is_active() => {
                        let verdict = predicate.resume(step);
                        (self.item.get(), verdict)
                    }
                    predicate => {
                        let item = match self.source.pull(step) {
                            Poll::Return(item) => item,
                            Poll::Raised => return self.ending.fail(sources),
                            poll => return poll,
                        };
                        if R::ON_FALSE == Verdict::Open && !self.asking.get() {
                            return Poll::Return(item);
                        }
                        match predicate {
                            None => (Some(item.clone()), Poll::Return(item)),
                            Some(predicate) => {
                                let verdict = predicate.call(&[item.as_ptr()]);
                                if matches!(verdict, Poll::Yield(_)) {
                                    self.item.set(Some(item));
                                    return verdict;
                                }
                                (Some(item), verdict)
                            }
                        }
                    }
                };
                step = Step::Next;
                match verdict {
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Raised => {
                        self.item.clear();
                        return self.ending.fail(sources);
                    }
                    Poll::Return(verdict) => {
                        self.item.clear();
                        let Some(item) = item else {
                            cleared::<()>(c"iterator");
                            return self.ending.fail(sources);
                        };
                        let rule = match ffi::PyObject_IsTrue(verdict.as_ptr()) {
                            -1 => return self.ending.fail(sources),
                            0 => R::ON_FALSE,
                            _ => R::ON_TRUE,
                        };
                        match rule {
                            Verdict::Keep => return Poll::Return(item),
                            Verdict::Drop => {}
                            Verdict::Open => {
                                self.asking.set(false);
                                return Poll::Return(item);
                            }
                            Verdict::Stop => {
                                // Consumed, as the stdlib's takewhile consumes it.
                                drop(item);
                                exhausted::<()>();
                                return self.ending.fail(sources);
                            }
                        }
                    }
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(impl<R: Rule> for Select<R> { predicate, source, item, ending });

/// The stdlib's `None`/`bool` predicate of `filter` and `filterfalse` (the item's own truth)
/// as `None`; any other object as a callable.
///
/// # Safety
/// GIL held; `function` alive.
pub unsafe fn predicate_or_truth(function: *mut ffi::PyObject) -> Option<Callable> {
    // SAFETY: caller's contract; only addresses are compared.
    unsafe {
        if function == ffi::Py_None()
            || function == std::ptr::addr_of_mut!(ffi::PyBool_Type) as *mut ffi::PyObject
        {
            None
        } else {
            Some(Callable::new(Obj::from_borrowed(function)))
        }
    }
}
