//! `chain(*iterables)` and `chain.from_iterable(iterable)`: the items of each iterable in
//! turn. `chain` is the iterator type itself, as in the stdlib (`isinstance(chain(a), chain)`).
//!
//! An inner iterable becomes a source only when it is reached (the stdlib calls `iter()`
//! lazily: `chain(1)` fails on the first pull); an owned inner async iterator is closed as
//! soon as it is exhausted. When `chain` ends early (`aclose()`, an error, a cancellation) it
//! closes the current inner source, then the outer one (`from_iterable`'s iterable), then,
//! for `chain(*iterables)`, every argument not reached yet that is an async iterator: those
//! were given to it, and it owns them as `zip` owns all of its arguments. The iterables that
//! `from_iterable`'s iterable has not produced yet are not its to close (or to produce).

use crate::machinery::ending::Ending;
use crate::machinery::exception;
use crate::machinery::held::{held, Held};
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::{native_type, NativeType};
use crate::machinery::object::Obj;
use crate::machinery::panic::guard;
use crate::machinery::source::Source;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use pyo3::prelude::*;
use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

/// `chain(*iterables)` (`tp_new`).
pub unsafe extern "C" fn chain_new(
    _subtype: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: tp_new convention: GIL held, `args` a tuple, `kwargs` null or a dict.
        unsafe {
            if !kwargs.is_null() && ffi::PyDict_Size(kwargs) != 0 {
                ffi::PyErr_SetString(
                    ffi::PyExc_TypeError,
                    c"chain() takes no keyword arguments".as_ptr(),
                );
                return null_mut();
            }
            let Some(outer) = Source::of_tuple(args) else {
                return null_mut();
            };
            start(outer, true)
        }
    })
}

/// `chain.from_iterable(iterable)` (`METH_O | METH_CLASS`).
unsafe extern "C" fn from_iterable(
    _type: *mut ffi::PyObject,
    iterable: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: METH_O convention: GIL held, `iterable` alive.
        unsafe {
            // As the stdlib: the outer iterable is made an iterator at once.
            let Some(outer) = Source::new(iterable) else {
                return null_mut();
            };
            start(outer, false)
        }
    })
}

/// `arguments`: `outer` iterates over `chain()`'s arguments (not `from_iterable`'s iterable).
///
/// # Safety
/// GIL held.
unsafe fn start(outer: Source, arguments: bool) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        let Some(inner) = Source::empty() else {
            return null_mut();
        };
        new_iterator(Chain {
            sources: Sources(UnsafeCell::new(vec![inner, outer])),
            unreached: Cell::new(if arguments {
                Unreached::Arguments
            } else {
                Unreached::NotOurs
            }),
            state: Cell::new(State::Inner),
            ending: Ending::new(),
        })
    }
}

/// The methods `chain` has beyond every iterator's.
pub fn methods() -> Vec<ffi::PyMethodDef> {
    vec![ffi::PyMethodDef {
        ml_name: c"from_iterable".as_ptr(),
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunction: from_iterable,
        },
        ml_flags: ffi::METH_O | ffi::METH_CLASS,
        ml_doc: c"from_iterable($type, iterable, /)\n--\n\n\
Alternative chain() constructor taking a single iterable argument (sync or async) that \
evaluates lazily; its items may be sync or async iterables."
            .as_ptr(),
    }]
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Pulling from the current inner source.
    Inner,
    /// Closing the inner source, which is exhausted.
    Closing,
    /// Pulling the next iterable from the outer source.
    Outer,
}

/// What becomes of the iterables `chain` has not reached when it ends early.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unreached {
    /// `chain(*iterables)`'s arguments: the async iterators among them are closed.
    Arguments,
    /// `from_iterable`'s, or already taken into the sources: nothing to do.
    NotOurs,
}

/// The current inner source (index 0; a source without items before the first), the outer
/// source (index 1) and, once `chain(*iterables)` ends early, the async iterators among the
/// arguments it had not reached: in the order [`Ending`] closes them.
struct Sources(UnsafeCell<Vec<Source>>);

impl Sources {
    fn get(&self) -> &[Source] {
        // SAFETY: the vector is only changed by `replace_inner` and `push`, never while a
        // reference from here is in use (the machine's steps do not overlap: the iterator's
        // phase refuses a second one; traverse/clear only read).
        unsafe { &*self.0.get() }
    }

    fn inner(&self) -> &Source {
        &self.get()[0]
    }

    fn outer(&self) -> &Source {
        &self.get()[1]
    }

    /// Makes `inner` the current inner source; returns the previous one, to be dropped by
    /// the caller once no reference into the vector is in use (dropping may run Python code).
    ///
    /// # Safety
    /// No reference from [`Sources::get`] is alive.
    unsafe fn replace_inner(&self, inner: Source) -> Source {
        // SAFETY: caller's contract: the mutable borrow is the only one, and brief.
        unsafe { std::mem::replace(&mut (&mut *self.0.get())[0], inner) }
    }

    /// Adds a source to close when the chain ends.
    ///
    /// # Safety
    /// No reference from [`Sources::get`] is alive.
    unsafe fn push(&self, source: Source) {
        // SAFETY: caller's contract: the mutable borrow is the only one, and brief.
        unsafe { (*self.0.get()).push(source) }
    }
}

impl Held for Sources {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.get().traverse(visit, arg)
    }
    fn clear(&self) {
        self.get().clear();
    }
}

/// The async iterator of `chain()` and `chain.from_iterable()`.
pub struct Chain {
    sources: Sources,
    unreached: Cell<Unreached>,
    state: Cell<State>,
    ending: Ending,
}

native_type!(
    Chain,
    c"asyncitertools.itertools.chain",
    c"chain(*iterables)\n--\n\n\
Return an async iterator of the items of the first iterable until it is exhausted, then of \
the next, until all are exhausted. Each iterable may be sync or async; an async iterator is \
closed as soon as it is exhausted, and when the chain ends early (aclose(), an error) every \
async iterator it was given is closed, reached or not."
);

impl IterMachine for Chain {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            loop {
                let sources = self.sources.get();
                if let Some(poll) = self.ending.next_step(sources, step) {
                    return poll;
                }
                let (inner, outer) = (self.sources.inner(), self.sources.outer());
                match self.state.get() {
                    State::Inner => match inner.pull(step) {
                        Poll::Raised if raised(ffi::PyExc_StopAsyncIteration) => {
                            ffi::PyErr_Clear();
                            self.state.set(State::Closing);
                        }
                        Poll::Raised => return self.fail(),
                        poll => return poll,
                    },
                    State::Closing => match inner.close(step) {
                        Poll::Return(_) => self.state.set(State::Outer),
                        Poll::Raised => return self.fail(),
                        poll => return poll,
                    },
                    State::Outer => match outer.pull(step) {
                        Poll::Return(iterable) => {
                            let Some(next) = Source::new(iterable.as_ptr()) else {
                                return self.fail();
                            };
                            self.state.set(State::Inner);
                            drop(self.sources.replace_inner(next));
                        }
                        // Exhausted (StopAsyncIteration) or failed: the end either way.
                        Poll::Raised => return self.fail(),
                        poll => return poll,
                    },
                }
                step = Step::Next;
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if self.ending.is_open() {
                self.take_unreached();
            }
            self.ending.close(self.sources.get(), step)
        }
    }
}

impl Chain {
    /// Ends with the current exception, the unreached arguments' async iterators closed too.
    ///
    /// # Safety
    /// GIL held; an exception is set; no reference from [`Sources::get`] is alive.
    unsafe fn fail(&self) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            exception::keeping_current(|| self.take_unreached());
            self.ending.fail(self.sources.get())
        }
    }

    /// Takes the async iterators among `chain()`'s arguments not reached yet into the sources
    /// to close (once: the tuple's iterator is then exhausted). The tuple iterator cannot fail
    /// or run Python code; the others are not looked at (they are not iterated).
    ///
    /// # Safety
    /// GIL held; no exception set; no reference from [`Sources::get`] is alive.
    unsafe fn take_unreached(&self) {
        if self.unreached.replace(Unreached::NotOurs) == Unreached::NotOurs {
            return;
        }
        // SAFETY: caller's contract.
        unsafe {
            let Some(arguments) = self.sources.outer().iterator() else {
                return;
            };
            while let Some(argument) = Obj::from_owned(ffi::PyIter_Next(arguments.as_ptr())) {
                if let Some(source) = Source::owned_async_iterator(argument.as_ptr()) {
                    self.sources.push(source);
                }
            }
        }
    }
}

held!(Chain { sources, ending });

/// Builds the type of `chain` and adds it to `module`: a class, as the stdlib's (it has the
/// classmethod `from_iterable`), so the type itself is the public name.
pub fn register(module: &Bound<'_, PyModule>, _public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register_with::<Chain>(py, Some(chain_new), methods())?;
    // SAFETY: the type was just built; the module takes a new reference to it.
    let chain_type = unsafe {
        Bound::from_borrowed_ptr(
            py,
            <Chain as NativeType>::cell().type_ptr() as *mut ffi::PyObject,
        )
    };
    module.add("chain", chain_type)
}
