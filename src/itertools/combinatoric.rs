//! The machine shared by `product`, `permutations`, `combinations` and
//! `combinations_with_replacement`.
//!
//! The stdlib materialises its inputs (`tuple(iterable)`) before yielding anything; so does
//! this machine, asynchronously: on the first `__anext__` each input is collected into a
//! tuple by this package's own `tuple()` reduction (it closes the owned source once exhausted
//! or failed), one input after the other. Then the stdlib's own iterator runs over those
//! tuples (exact and fast) and its items are relayed as a sync source.
//!
//! The arguments are checked at call time by calling the stdlib function with empty tuples
//! in place of the iterables: its exact messages, per version, for free. Only the order in
//! which the stdlib reports a bad iterable and a bad `r` needs telling (see [`Combinatoric`]).

use crate::machinery::ending::Ending;
use crate::machinery::exception::cleared;
use crate::machinery::held::{clear_all, traverse_all, Held};
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::{native_type, NativeType};
use crate::machinery::object::Obj;
use crate::machinery::pending::Pending;
use crate::machinery::slot::Slot;
use crate::machinery::source::Source;
use crate::machinery::stdlib::StdlibFunction;
use crate::machinery::step::{Poll, Step};
use crate::machinery::stop::raised;
use pyo3::ffi;
use std::cell::{Cell, OnceCell};
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

/// This package's `tuple()`: the collecting reduction every input goes through.
static COLLECT: StdlibFunction = StdlibFunction::in_module(c"asyncitertools._native", c"tuple");

/// What tells the four functions apart.
pub trait Combinatoric: NativeType + 'static {
    /// The stdlib function (`itertools.<name>`).
    fn stdlib() -> &'static StdlibFunction;
    /// Every positional argument is an iterable (`product`); otherwise the iterable is the
    /// first positional argument or the keyword `iterable`, and `r` the second or keyword `r`.
    const VARIADIC: bool;
    /// The stdlib checks `r` only after it has collected the iterable (`permutations`, whose
    /// `r` may be None), rather than converting it first and checking its sign afterwards
    /// (`combinations`).
    const R_AFTER_POOL: bool;
}

/// The entry point of the four functions (the vectorcall convention).
///
/// # Safety
/// GIL held; the vectorcall convention.
pub unsafe fn entry<K: Combinatoric>(
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: caller's contract.
    unsafe {
        let Some(function) = K::stdlib().get() else {
            return null_mut();
        };
        let positional = nargs as usize;
        let keywords = if kwnames.is_null() {
            0
        } else {
            ffi::PyTuple_GET_SIZE(kwnames) as usize
        };
        let all = std::slice::from_raw_parts(args, positional + keywords);
        let keyword_is = |index: usize, name: &CStr| {
            index >= positional
                && ffi::PyUnicode_CompareWithASCIIString(
                    ffi::PyTuple_GET_ITEM(kwnames, (index - positional) as ffi::Py_ssize_t),
                    name.as_ptr(),
                ) == 0
        };
        // Where the iterables are in the arguments, and where r is.
        let mut holes: Vec<usize> = (0..all.len())
            .filter(|&i| {
                if K::VARIADIC {
                    i < positional
                } else {
                    i == 0 && positional > 0 || keyword_is(i, c"iterable")
                }
            })
            .collect();
        let r = (0..all.len())
            .find(|&i| !K::VARIADIC && (i == 1 && positional > 1 || keyword_is(i, c"r")));
        // A one-item tuple's iterator stands for each iterable: whether the stdlib took its
        // item tells whether it consumes the iterables at all (`product(..., repeat=0)` does
        // not even ask them for an iterator; then neither do we).
        let Some(one) = Obj::from_owned(ffi::PyTuple_Pack(1, ffi::Py_None())) else {
            return null_mut();
        };
        let none = Obj::none();
        // The stdlib's call with placeholders for the iterables (and None for r if
        // `none_for_r`): None with its argument error set, or whether it consumed them.
        let check = |holes: &[usize], none_for_r: bool| -> Option<bool> {
            let mut placeholders = all.to_vec();
            let mut stand_ins = Vec::with_capacity(holes.len());
            for &hole in holes {
                let stand_in = Obj::from_owned(ffi::PyObject_GetIter(one.as_ptr()))?;
                placeholders[hole] = stand_in.as_ptr();
                stand_ins.push(stand_in);
            }
            if let Some(r) = r.filter(|_| none_for_r) {
                placeholders[r] = none.as_ptr();
            }
            let result = ffi::PyObject_Vectorcall(
                function.as_ptr(),
                placeholders.as_ptr(),
                positional,
                kwnames,
            );
            Obj::from_owned(result)?;
            let untouched = stand_ins
                .first()
                .is_some_and(|stand_in| ffi::PyObject_LengthHint(stand_in.as_ptr(), 0) == 1);
            Some(!untouched)
        };
        // The order of the stdlib's checks: the call's shape and the conversion of r (for
        // combinations), then each iterable, then r's value; on 3.15+ Argument Clinic checks
        // combinations' r for a negative value too ("r cannot be negative"), before the
        // iterable.
        let mut deferred = None;
        let consumed = check(&holes, K::R_AFTER_POOL);
        if consumed.is_none() {
            if K::VARIADIC || K::R_AFTER_POOL || cfg!(Py_3_15) || !raised(ffi::PyExc_ValueError) {
                return null_mut();
            }
            // Before 3.15, combinations' "r must be non-negative" comes after its iterable.
            deferred = Some(crate::machinery::exception::take());
        }
        if consumed == Some(false) {
            holes.clear();
        }
        let mut sources = Vec::with_capacity(holes.len());
        for &hole in &holes {
            let Some(source) = Source::new(all[hole]) else {
                return null_mut();
            };
            sources.push(source);
        }
        if let Some(error) = deferred {
            crate::machinery::exception::restore(error);
            return null_mut();
        }
        if K::R_AFTER_POOL && check(&holes, false).is_none() {
            return null_mut();
        }
        let arguments = all
            .iter()
            .enumerate()
            .map(|(i, &arg)| Slot::new((!holes.contains(&i)).then(|| Obj::from_borrowed(arg))))
            .collect();
        let tuples = holes.iter().map(|_| Slot::new(None)).collect();
        new_iterator(Combinatorial::<K> {
            sources,
            collected: Cell::new(0),
            pending: Pending::new(),
            tuples,
            arguments,
            holes,
            positional,
            kwnames: Slot::new((!kwnames.is_null()).then(|| Obj::from_borrowed(kwnames))),
            items: OnceCell::new(),
            ending: Ending::new(),
            kind: std::marker::PhantomData,
        })
    }
}

/// The async iterator of the four functions (see the module docs).
pub struct Combinatorial<K> {
    /// One per iterable, handed over to `tuple()` in turn.
    sources: Vec<Source>,
    /// How many inputs are collected.
    collected: Cell<usize>,
    /// The `tuple()` of the input being collected.
    pending: Pending,
    tuples: Vec<Slot>,
    /// The call's arguments (empty where an iterable goes: `holes`) and keyword names.
    arguments: Vec<Slot>,
    holes: Vec<usize>,
    positional: usize,
    kwnames: Slot,
    /// The stdlib iterator over the tuples, once every input is collected.
    items: OnceCell<Source>,
    ending: Ending,
    kind: std::marker::PhantomData<K>,
}

impl<K: Combinatoric> Combinatorial<K> {
    /// Collects the next input, or continues collecting it: `Return(tuple)`.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    unsafe fn collect(&self, step: Step) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            if self.pending.is_active() {
                return self.pending.resume(step);
            }
            let Some(iterator) = self.sources[self.collected.get()].hand_over() else {
                return cleared(c"iterator");
            };
            let Some(collect) = COLLECT.get() else {
                return Poll::Raised;
            };
            let awaitable = ffi::PyObject_CallOneArg(collect.as_ptr(), iterator.as_ptr());
            match Obj::from_owned(awaitable) {
                Some(awaitable) => self.pending.start(awaitable),
                None => Poll::Raised,
            }
        }
    }

    /// The stdlib's iterator over the collected tuples, as a source.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn start_items(&self) -> Option<Source> {
        // SAFETY: caller's contract.
        unsafe {
            let function = K::stdlib().get()?;
            let mut held = Vec::with_capacity(self.arguments.len());
            for (i, argument) in self.arguments.iter().enumerate() {
                let value = match self.holes.iter().position(|&hole| hole == i) {
                    Some(input) => self.tuples[input].get(),
                    None => argument.get(),
                };
                let Some(value) = value else {
                    cleared::<()>(c"iterator");
                    return None;
                };
                held.push(value);
            }
            let pointers: Vec<_> = held.iter().map(Obj::as_ptr).collect();
            let kwnames = self.kwnames.get();
            let iterator = Obj::from_owned(ffi::PyObject_Vectorcall(
                function.as_ptr(),
                pointers.as_ptr(),
                self.positional,
                kwnames.as_ref().map_or(null_mut(), Obj::as_ptr),
            ))?;
            for tuple in &self.tuples {
                tuple.clear();
            }
            Source::new(iterator.as_ptr())
        }
    }
}

native_type!(impl<K: Combinatoric> for Combinatorial<K> as K);

impl<K: Combinatoric> IterMachine for Combinatorial<K> {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = &self.sources[..];
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            loop {
                if let Some(items) = self.items.get() {
                    return match items.pull(step) {
                        Poll::Raised => self.ending.fail(sources),
                        poll => poll,
                    };
                }
                if self.collected.get() == sources.len() {
                    let Some(items) = self.start_items() else {
                        return self.ending.fail(sources);
                    };
                    let _ = self.items.set(items);
                    step = Step::Next;
                    continue;
                }
                match self.collect(step) {
                    Poll::Return(tuple) => {
                        self.tuples[self.collected.get()].set(Some(tuple));
                        self.collected.set(self.collected.get() + 1);
                        step = Step::Next;
                    }
                    Poll::Yield(value) => return Poll::Yield(value),
                    // The input's own source is closed by tuple(); the others are closed here.
                    Poll::Raised => return self.ending.fail(sources),
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(&self.sources, step) }
    }
}

impl<K: Combinatoric> Held for Combinatorial<K> {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        let fixed = traverse_all(&[&self.pending, &self.kwnames, &self.ending], visit, arg);
        if fixed != 0 {
            return fixed;
        }
        let slots = self.tuples.iter().chain(&self.arguments);
        let parts = self
            .sources
            .iter()
            .chain(self.items.get())
            .map(|s| s as &dyn Held);
        for part in parts.chain(slots.map(|slot| slot as &dyn Held)) {
            let status = part.traverse(visit, arg);
            if status != 0 {
                return status;
            }
        }
        0
    }

    fn clear(&self) {
        clear_all(&[&self.pending, &self.kwnames, &self.ending]);
        for source in self.sources.iter().chain(self.items.get()) {
            source.clear();
        }
        for slot in self.tuples.iter().chain(&self.arguments) {
            slot.clear();
        }
    }
}
