//! One item from each of several sources, in argument order: the step of `zip` and of `map`
//! over several iterables, with the stdlib's `strict=True` checks and messages, and of
//! `itertools.zip_longest` (exhausted sources give a fill value until all are exhausted).

use super::exception::{cleared, exhausted};
use super::held::Held;
use super::native_type::{native_type, NativeType};
use super::object::Obj;
use super::slot::Slot;
use super::source::Source;
use super::step::{Poll, Step};
use super::stop::raised;
use pyo3::ffi;
use std::cell::Cell;
use std::ffi::{c_int, c_void, CStr};

/// The sources of `zip`/`map` and the tuple of the items gathered so far.
pub struct Gather {
    /// `zip` or `map`, for the strict messages.
    function: &'static CStr,
    sources: Box<[Source]>,
    strict: bool,
    /// The tuple being filled (items `0..index` are set); empty between steps.
    items: Slot,
    /// The source to pull next.
    index: Cell<usize>,
    /// Strict mode after the first source ended: the others must end too.
    checking: Cell<bool>,
    /// `zip_longest`: the fill value, and which sources are exhausted (empty otherwise).
    fillvalue: Slot,
    exhausted: Box<[Cell<bool>]>,
    /// `zip_longest`: how many sources are not exhausted yet.
    active: Cell<usize>,
}

impl Gather {
    /// The sources of each iterable argument in `iterables` (a tuple), owned; `None` with
    /// the exception of the first that is not iterable.
    ///
    /// # Safety
    /// GIL held; `iterables` a live tuple.
    pub unsafe fn new(
        function: &'static CStr,
        iterables: &[*mut ffi::PyObject],
        strict: bool,
    ) -> Option<Gather> {
        // SAFETY: caller's contract.
        unsafe {
            let sources = iterables
                .iter()
                .map(|&iterable| Source::new(iterable))
                .collect::<Option<Box<[Source]>>>()?;
            Some(Gather {
                function,
                sources,
                strict,
                items: Slot::new(None),
                index: Cell::new(0),
                checking: Cell::new(false),
                fillvalue: Slot::new(None),
                exhausted: Box::new([]),
                active: Cell::new(0),
            })
        }
    }

    /// The step of `zip_longest`: as [`Gather::new`] (not strict), but a source that is
    /// exhausted gives `fillvalue` (never pulled again) until every source is exhausted.
    ///
    /// # Safety
    /// As for [`Gather::new`]; `fillvalue` alive.
    pub unsafe fn longest(
        function: &'static CStr,
        iterables: &[*mut ffi::PyObject],
        fillvalue: Obj,
    ) -> Option<Gather> {
        // SAFETY: caller's contract.
        let mut gather = unsafe { Gather::new(function, iterables, false) }?;
        gather.fillvalue.set(Some(fillvalue));
        gather.exhausted = iterables.iter().map(|_| Cell::new(false)).collect();
        gather.active.set(iterables.len());
        Some(gather)
    }

    fn is_longest(&self) -> bool {
        !self.exhausted.is_empty()
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Pulls one item from each source: `Return(tuple)`; `Raised` with `StopAsyncIteration`
    /// once the shortest source is exhausted (the stdlib's `ValueError` in strict mode when
    /// the lengths differ), or a source's exception; `Yield` to suspend.
    ///
    /// # Safety
    /// GIL held; the step's pointers alive.
    pub unsafe fn poll(&self, mut step: Step) -> Poll {
        // SAFETY: caller's contract. The tuple is ours alone until it is returned: filling it
        // in place is what the stdlib's zip does with its result tuple.
        unsafe {
            let count = self.sources.len();
            if count == 0 {
                return exhausted();
            }
            if self.checking.get() {
                return self.check_rest(step);
            }
            let items = match self.items.get() {
                Some(items) => items,
                None => {
                    let Some(items) = Obj::from_owned(ffi::PyTuple_New(count as ffi::Py_ssize_t))
                    else {
                        return Poll::Raised;
                    };
                    self.items.set(Some(items.clone()));
                    items
                }
            };
            while let Some(source) = self.sources.get(self.index.get()) {
                let index = self.index.get();
                let pulled = if self.is_longest() && self.exhausted[index].get() {
                    self.fill()
                } else {
                    source.pull(step)
                };
                match pulled {
                    Poll::Return(item) => {
                        ffi::PyTuple_SET_ITEM(
                            items.as_ptr(),
                            index as ffi::Py_ssize_t,
                            item.into_ptr(),
                        );
                    }
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Raised if self.is_longest() && raised(ffi::PyExc_StopAsyncIteration) => {
                        // As the stdlib: the last source exhausted ends it, the partly
                        // filled tuple discarded; an earlier one fills from now on.
                        self.exhausted[index].set(true);
                        self.active.set(self.active.get() - 1);
                        if self.active.get() == 0 {
                            self.items.clear();
                            self.index.set(0);
                            return Poll::Raised;
                        }
                        ffi::PyErr_Clear();
                        let Poll::Return(fill) = self.fill() else {
                            return Poll::Raised;
                        };
                        ffi::PyTuple_SET_ITEM(
                            items.as_ptr(),
                            index as ffi::Py_ssize_t,
                            fill.into_ptr(),
                        );
                    }
                    Poll::Raised => {
                        self.items.clear();
                        self.index.set(0);
                        if !self.strict || !raised(ffi::PyExc_StopAsyncIteration) {
                            return Poll::Raised;
                        }
                        ffi::PyErr_Clear();
                        if index > 0 {
                            return self.mismatch(c"shorter", index);
                        }
                        self.checking.set(true);
                        self.index.set(1);
                        return self.check_rest(Step::Next);
                    }
                }
                self.index.set(index + 1);
                step = Step::Next;
            }
            self.index.set(0);
            self.items.clear();
            Poll::Return(items)
        }
    }

    /// The fill value as an item (`zip_longest`).
    ///
    /// # Safety
    /// GIL held.
    unsafe fn fill(&self) -> Poll {
        match self.fillvalue.get() {
            Some(fill) => Poll::Return(fill),
            None => {
                // SAFETY: GIL held (caller\'s contract).
                unsafe { cleared(c"iterator") }
            }
        }
    }

    /// Strict mode, the first source exhausted: each other source must be exhausted too.
    ///
    /// # Safety
    /// As for [`Gather::poll`].
    unsafe fn check_rest(&self, mut step: Step) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            while let Some(source) = self.sources.get(self.index.get()) {
                let index = self.index.get();
                match source.pull(step) {
                    Poll::Return(_) => {
                        self.checking.set(false);
                        return self.mismatch(c"longer", index);
                    }
                    Poll::Yield(value) => return Poll::Yield(value),
                    Poll::Raised if raised(ffi::PyExc_StopAsyncIteration) => ffi::PyErr_Clear(),
                    Poll::Raised => {
                        self.checking.set(false);
                        return Poll::Raised;
                    }
                }
                self.index.set(index + 1);
                step = Step::Next;
            }
            self.checking.set(false);
            exhausted()
        }
    }

    /// `ValueError: zip() argument 3 is shorter than arguments 1-2` and the like.
    ///
    /// # Safety
    /// GIL held.
    unsafe fn mismatch(&self, what: &CStr, index: usize) -> Poll {
        // SAFETY: caller's contract.
        unsafe {
            ffi::PyErr_Format(
                ffi::PyExc_ValueError,
                c"%s() argument %d is %s than argument%s%d".as_ptr(),
                self.function.as_ptr(),
                (index + 1) as c_int,
                what.as_ptr(),
                if index == 1 { c" " } else { c"s 1-" }.as_ptr(),
                index as c_int,
            );
        }
        Poll::Raised
    }
}

impl Held for Gather {
    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        for source in self.sources.iter() {
            let status = source.traverse(visit, arg);
            if status != 0 {
                return status;
            }
        }
        let status = self.items.visit(visit, arg);
        if status != 0 {
            return status;
        }
        self.fillvalue.visit(visit, arg)
    }

    fn clear(&self) {
        for source in self.sources.iter() {
            source.clear();
        }
        self.items.clear();
        self.fillvalue.clear();
    }
}

/// What tells apart the iterators that are a [`Gather`] and nothing else (`zip`,
/// `zip_longest`): their names.
pub trait Gathered: NativeType + 'static {}

/// The async iterator of a [`Gather`]: its tuples, then its sources closed by an `Ending`.
pub struct GatherIterator<K> {
    gather: Gather,
    ending: super::ending::Ending,
    kind: std::marker::PhantomData<K>,
}

impl<K: Gathered> GatherIterator<K> {
    pub fn new(gather: Gather) -> GatherIterator<K> {
        GatherIterator {
            gather,
            ending: super::ending::Ending::new(),
            kind: std::marker::PhantomData,
        }
    }
}

native_type!(impl<K: Gathered> for GatherIterator<K> as K);

impl<K: Gathered> super::iterator::IterMachine for GatherIterator<K> {
    unsafe fn poll_next(&self, step: Step) -> Poll {
        let sources = self.gather.sources();
        // SAFETY: GIL held (trait contract).
        unsafe {
            self.ending
                .step(sources, step, |step| self.gather.poll(step))
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(self.gather.sources(), step) }
    }
}

super::held::held!(impl<K: Gathered> for GatherIterator<K> { gather, ending });
