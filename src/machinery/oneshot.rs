//! The awaitable of one piece of asynchronous work that is awaited once: a native iterator's
//! `__anext__()` or `aclose()` step, or a reduction (`await sum(...)`).
//!
//! [`OneShot`] keeps the rules common to all of them: it runs its [`Run`] until it completes,
//! refuses to be awaited again (`cannot reuse already awaited ...`), refuses to be stepped from
//! inside its own step (`... already executing`, as a coroutine that awaits itself: a key
//! function that awaits the reduction it serves would otherwise run a second pass over the
//! same state), and when it is closed while the work is in flight (its awaiting coroutine was
//! closed) it throws `GeneratorExit` into the work, so that the work closes what it owns
//! before it is dropped.

use super::awaitable::Machine;
use super::exception::raise_thrown;
use super::held::Held;
use super::native_type::{native_type, NativeType};
use super::object::Obj;
use super::step::{Poll, Step};
use super::stop::{raise_stop_iteration, raise_stop_iteration_item};
use pyo3::ffi;
use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

/// The work a [`OneShot`] awaitable runs.
pub trait Run: NativeType + Held + Sized + 'static {
    /// Whether the work's completion delivers an item (an `__anext__()` step, as an async
    /// generator's `asend()`) rather than returning as a coroutine does (a reduction, an
    /// `aclose()`); see [`Machine::raise_completion`].
    const DELIVERS_ITEM: bool = false;

    /// Whether the work makes a result that the awaitable stands for (a reduction's); see
    /// [`Machine::STANDS_FOR_RESULT`].
    const STANDS_FOR_RESULT: bool = false;

    /// Starts (`fresh`, with the awaitable's first step) or continues the work.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn run(&self, fresh: bool, step: Step) -> Poll;
}

/// Where a one-shot awaitable is in its one use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Progress {
    Fresh,
    /// Started, and waiting to be stepped again.
    Suspended,
    /// A step is running now.
    Executing,
    Done,
}

/// An awaitable that runs `R` once (see the module docs).
pub struct OneShot<R> {
    work: R,
    progress: Cell<Progress>,
}

impl<R: Run> OneShot<R> {
    pub fn new(work: R) -> Self {
        OneShot {
            work,
            progress: Cell::new(Progress::Fresh),
        }
    }
}

native_type!(impl<R: Run> for OneShot<R> as R);

impl<R: Run> Machine for OneShot<R> {
    const STANDS_FOR_RESULT: bool = R::STANDS_FOR_RESULT;

    fn never_awaited(&self) -> bool {
        self.progress.get() == Progress::Fresh
    }

    unsafe fn raise_completion(&self, value: &Obj) {
        // SAFETY: GIL held (trait contract).
        unsafe {
            if R::DELIVERS_ITEM {
                raise_stop_iteration_item(value);
            } else {
                raise_stop_iteration(value);
            }
        }
    }

    unsafe fn resume(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe {
            let fresh = match self.progress.get() {
                Progress::Fresh => true,
                Progress::Suspended => false,
                Progress::Executing => {
                    ffi::PyErr_Format(
                        ffi::PyExc_ValueError,
                        c"%s already executing".as_ptr(),
                        R::TYPE_NAME.as_ptr(),
                    );
                    return Poll::Raised;
                }
                Progress::Done => {
                    ffi::PyErr_Format(
                        ffi::PyExc_RuntimeError,
                        c"cannot reuse already awaited %s".as_ptr(),
                        R::TYPE_NAME.as_ptr(),
                    );
                    return Poll::Raised;
                }
            };
            self.progress.set(Progress::Executing);
            let poll = self.work.run(fresh, step);
            self.progress.set(match poll {
                Poll::Yield(_) => Progress::Suspended,
                _ => Progress::Done,
            });
            poll
        }
    }

    unsafe fn close(&self, _args: *mut ffi::PyObject) -> *mut ffi::PyObject {
        // SAFETY: GIL held (trait contract).
        unsafe {
            // While executing, the throw below is refused as any re-entry is.
            if matches!(
                self.progress.get(),
                Progress::Suspended | Progress::Executing
            ) {
                let args = ffi::PyTuple_Pack(1, ffi::PyExc_GeneratorExit);
                let Some(args) = Obj::from_owned(args) else {
                    return null_mut();
                };
                match self.resume(Step::Throw(args.as_ptr())) {
                    Poll::Yield(_) => {
                        ffi::PyErr_SetString(
                            ffi::PyExc_RuntimeError,
                            c"awaitable ignored GeneratorExit".as_ptr(),
                        );
                        return null_mut();
                    }
                    Poll::Raised
                        if ffi::PyErr_ExceptionMatches(ffi::PyExc_GeneratorExit) == 0
                            && ffi::PyErr_ExceptionMatches(ffi::PyExc_StopAsyncIteration) == 0 =>
                    {
                        return null_mut();
                    }
                    _ => ffi::PyErr_Clear(),
                }
            }
            self.progress.set(Progress::Done);
            Obj::none().into_ptr()
        }
    }
}

impl<R: Run> Held for OneShot<R> {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        self.work.traverse(visit, arg)
    }

    fn clear(&self) {
        self.work.clear();
    }
}

/// What work that has not started does with its first input: `throw()` raises at once
/// (nothing runs), a non-None `send()` is refused, as for a coroutine.
///
/// # Safety
/// GIL held; the step's pointers alive.
pub unsafe fn refuse_at_start(step: Step) -> Option<Poll> {
    // SAFETY: caller's contract.
    unsafe {
        match step {
            Step::Next => None,
            Step::Send(value) if ffi::Py_IsNone(value) != 0 => None,
            Step::Send(_) => {
                ffi::PyErr_SetString(
                    ffi::PyExc_TypeError,
                    c"can't send non-None value to a just-started awaitable".as_ptr(),
                );
                Some(Poll::Raised)
            }
            Step::Throw(args) => {
                raise_thrown(args);
                Some(Poll::Raised)
            }
        }
    }
}
