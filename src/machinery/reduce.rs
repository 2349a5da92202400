//! Reductions: awaitables that consume a source to one result (`await sum(...)`).
//!
//! A [`Fold`] says what to do with each item and what the result is; [`Reduction`] pulls the
//! items, runs the fold (whose callable may suspend), and ends as every combinator ends:
//! the owned source is closed (also when the fold stops early, as `any` at the first true, or
//! fails) before the result is returned or the exception raised. Over a sync source a fold
//! may do all the work at once ([`Fold::bulk`]): nothing can suspend there.

use super::awaitable::new_awaitable;
use super::ending::Ending;
use super::exception::Failure;
use super::held::{held, Held};
use super::native_type::{native_type, NativeType};
use super::object::Obj;
use super::oneshot::{refuse_at_start, OneShot, Run};
use super::source::Source;
use super::step::{Poll, Step};
use super::stop::{forbid_stop_iteration, raised};
use pyo3::ffi;
use std::cell::Cell;
use std::ffi::CStr;

/// What a fold did with an item.
pub enum Flow {
    /// Ready for the next item.
    More,
    /// Its callable suspended: continue with [`Fold::resume`].
    Yield(Obj),
    /// The result is known without more items.
    Done(Obj),
    /// An exception is set.
    Raised,
}

/// The reduction-specific part of a [`Reduction`]; methods take `&self` and keep Python
/// references in slots, as machines do.
pub trait Fold: NativeType + Held + Sized + 'static {
    /// Takes the next item.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn feed(&self, item: Obj) -> Flow;

    /// Continues a feed whose callable suspended.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn resume(&self, _step: Step) -> Flow {
        unreachable!("{:?} has no callable to resume", Self::NAME)
    }

    /// The source is exhausted: `Done(result)`, `Raised`, or `Yield` when work after the
    /// last item suspends (continued with [`Fold::resume`]; `More` from there calls
    /// `finish` again).
    ///
    /// # Safety
    /// GIL held.
    unsafe fn finish(&self) -> Flow;

    /// Takes all the items of a sync iterator at once, if the fold can: `Done(result)` or
    /// `Raised`, or `More` when the items are taken and `finish` follows; `None` to go item
    /// by item.
    ///
    /// # Safety
    /// GIL held; `iterator` alive.
    unsafe fn bulk(&self, _iterator: *mut ffi::PyObject) -> Option<Flow> {
        None
    }

    /// Before any item is taken: `Some(Done(result))` or `Some(Raised)` when the result needs
    /// no item (`heapq.nlargest(0, ...)` takes none), `None` to go on.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn start(&self) -> Option<Flow> {
        None
    }
}

/// Consumes a source with a fold (see the module docs).
pub struct Reduction<F> {
    source: Source,
    fold: F,
    /// The fold's callable is in flight.
    feeding: Cell<bool>,
    /// The source is exhausted: the fold is finishing.
    finishing: Cell<bool>,
    ending: Ending,
}

/// The awaitable of a reduction: a new reference, or null with an exception.
///
/// # Safety
/// GIL held; the fold's type registered.
pub unsafe fn new_reduction<F: Fold>(source: Source, fold: F) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        new_awaitable(OneShot::new(Reduction {
            source,
            fold,
            feeding: Cell::new(false),
            finishing: Cell::new(false),
            ending: Ending::new(),
        }))
    }
}

/// Builds the awaitable type of fold `F`.
pub fn register<F: Fold>(py: pyo3::Python<'_>) -> pyo3::PyResult<()> {
    super::awaitable::register::<OneShot<Reduction<F>>>(py)
}

impl<F: Fold> Reduction<F> {
    /// The work of [`Run::run`].
    ///
    /// # Safety
    /// As for [`Run::run`].
    unsafe fn step(&self, fresh: bool, mut step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            if fresh {
                if let Some(poll) = refuse_at_start(step) {
                    return poll;
                }
                step = Step::Next;
                if let Some(flow) = self.fold.start() {
                    self.finishing.set(true);
                    return self.conclude(flow);
                }
                if self.source.is_sync() {
                    if let Some(iterator) = self.source.iterator() {
                        if let Some(flow) = self.fold.bulk(iterator.as_ptr()) {
                            self.finishing.set(true);
                            if !matches!(flow, Flow::More) {
                                return self.conclude(flow);
                            }
                        }
                    }
                }
            }
            loop {
                if let Some(poll) = self.ending.next_step(sources, step) {
                    return poll;
                }
                let flow = if self.feeding.get() {
                    self.fold.resume(step)
                } else if self.finishing.get() {
                    self.fold.finish()
                } else {
                    match self.source.pull(step) {
                        Poll::Return(item) => self.fold.feed(item),
                        Poll::Yield(value) => return Poll::Yield(value),
                        Poll::Raised if raised(ffi::PyExc_StopAsyncIteration) => {
                            ffi::PyErr_Clear();
                            self.finishing.set(true);
                            self.fold.finish()
                        }
                        Poll::Raised => return self.ending.fail(sources),
                    }
                };
                step = Step::Next;
                self.feeding.set(matches!(flow, Flow::Yield(_)));
                if !matches!(flow, Flow::More) {
                    return self.conclude(flow);
                }
            }
        }
    }

    /// What a flow other than `More` means for the awaitable: suspend, or end with the
    /// result or the exception once the source is closed.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn conclude(&self, flow: Flow) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: caller's contract.
        unsafe {
            match flow {
                Flow::Yield(value) => Poll::Yield(value),
                Flow::Done(value) => self.ending.finish(sources, value),
                Flow::Raised | Flow::More => self.ending.fail(sources),
            }
        }
    }
}

native_type!(impl<F: Fold> for Reduction<F> as F);

impl<F: Fold> Run for Reduction<F> {
    const STANDS_FOR_RESULT: bool = true;

    unsafe fn run(&self, fresh: bool, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { forbid_stop_iteration(self.step(fresh, step), F::NAME) }
    }
}

held!(impl<F: Fold> for Reduction<F> { source, fold, ending });

/// A reduction's entry point: the awaitable consuming `iterable` (null: no items) with
/// `fold`, or null with the exception of an iterable that is not one.
///
/// # Safety
/// GIL held; `iterable` null or alive; the fold's type registered.
pub unsafe fn reduce<F: Fold>(iterable: *mut ffi::PyObject, fold: F) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        let source = if iterable.is_null() {
            Source::empty()
        } else {
            Source::new(iterable)
        };
        match source {
            Some(source) => new_reduction(source, fold),
            None => std::ptr::null_mut(),
        }
    }
}

/// `{name}() takes exactly one argument ({n} given)` and no keywords: the entry check of
/// the one-argument builtins (`all`, `any`). False with `TypeError` set.
///
/// # Safety
/// GIL held; `kwnames` null or a tuple.
pub unsafe fn exactly_one(
    name: &CStr,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> bool {
    // SAFETY: caller's contract.
    unsafe {
        if !super::args::no_keywords(name, kwnames) {
            return false;
        }
        if nargs != 1 {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"%s() takes exactly one argument (%zd given)".as_ptr(),
                name.as_ptr(),
                nargs,
            );
            return false;
        }
        true
    }
}

impl Failure for Flow {
    #[inline]
    fn failure() -> Flow {
        Flow::Raised
    }
}

impl From<Option<Obj>> for Flow {
    /// A result, or `Raised` for none (its exception set).
    fn from(result: Option<Obj>) -> Flow {
        match result {
            Some(value) => Flow::Done(value),
            None => Flow::Raised,
        }
    }
}
