//! `chain(*iterables)` and `chain.from_iterable(iterable)`: the items of each iterable in
//! turn. `chain` is the iterator type itself, as in the stdlib (`isinstance(chain(a), chain)`).
//!
//! An inner iterable becomes a source only when it is reached (the stdlib calls `iter()`
//! lazily: `chain(1)` fails on the first pull); an owned inner async iterator is closed as
//! soon as it is exhausted. `aclose()` closes the current inner source, then the outer one
//! (`from_iterable`'s iterable); arguments not reached yet are not touched.

use crate::machinery::ending::Ending;
use crate::machinery::held::{clear_all, held, traverse_all, Held};
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::{native_type, NativeType};
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
            start(outer)
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
            start(outer)
        }
    })
}

/// # Safety
/// GIL held.
unsafe fn start(outer: Source) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        let Some(inner) = Source::empty() else {
            return null_mut();
        };
        new_iterator(Chain {
            sources: Sources(UnsafeCell::new([inner, outer])),
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

/// The current inner source (index 0; a source without items before the first) and the
/// outer source (index 1), in the order [`Ending`] closes them.
struct Sources(UnsafeCell<[Source; 2]>);

impl Sources {
    fn get(&self) -> &[Source; 2] {
        // SAFETY: the array is only replaced by `replace_inner`, never while a reference from
        // here is in use (the machine's steps do not overlap: the iterator's phase refuses a
        // second one; traverse/clear only read).
        unsafe { &*self.0.get() }
    }

    /// Makes `inner` the current inner source; returns the previous one, to be dropped by
    /// the caller once no reference into the array is in use (dropping may run Python code).
    ///
    /// # Safety
    /// No reference from [`Sources::get`] is alive.
    unsafe fn replace_inner(&self, inner: Source) -> Source {
        // SAFETY: caller's contract: the mutable borrow is the only one, and brief.
        unsafe { std::mem::replace(&mut (*self.0.get())[0], inner) }
    }
}

impl Held for Sources {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        let [inner, outer] = self.get();
        traverse_all(&[inner, outer], visit, arg)
    }
    fn clear(&self) {
        let [inner, outer] = self.get();
        clear_all(&[inner, outer]);
    }
}

/// The async iterator of `chain()` and `chain.from_iterable()`.
pub struct Chain {
    sources: Sources,
    state: Cell<State>,
    ending: Ending,
}

native_type!(
    Chain,
    c"asyncitertools.itertools.chain",
    c"chain(*iterables)\n--\n\n\
Return an async iterator of the items of the first iterable until it is exhausted, then of \
the next, until all are exhausted. Each iterable may be sync or async; an async iterator is \
closed as soon as it is exhausted."
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
                let [inner, outer] = sources;
                match self.state.get() {
                    State::Inner => match inner.pull(step) {
                        Poll::Raised if raised(ffi::PyExc_StopAsyncIteration) => {
                            ffi::PyErr_Clear();
                            self.state.set(State::Closing);
                        }
                        Poll::Raised => return self.ending.fail(sources),
                        poll => return poll,
                    },
                    State::Closing => match inner.close(step) {
                        Poll::Return(_) => self.state.set(State::Outer),
                        Poll::Raised => return self.ending.fail(sources),
                        poll => return poll,
                    },
                    State::Outer => match outer.pull(step) {
                        Poll::Return(iterable) => {
                            let Some(next) = Source::new(iterable.as_ptr()) else {
                                return self.ending.fail(sources);
                            };
                            self.state.set(State::Inner);
                            drop(self.sources.replace_inner(next));
                        }
                        // Exhausted (StopAsyncIteration) or failed: the end either way.
                        Poll::Raised => return self.ending.fail(sources),
                        poll => return poll,
                    },
                }
                step = Step::Next;
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(self.sources.get(), step) }
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
