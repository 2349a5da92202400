//! Keyword arguments: counting them, binding keyword-only ones, and CPython's messages for
//! unexpected or duplicated ones.

#[cfg(Py_3_13)]
use super::suggest::suggestion;
use pyo3::ffi;
use std::ffi::CStr;
use std::ptr::null_mut;

/// The keyword arguments of a vectorcall, borrowed for the call: `kwnames` (null or a tuple
/// of str) with their values, which follow the positional arguments in `args`. Built once per
/// binding from the raw convention, so that finding and walking keywords is safe code.
#[derive(Clone, Copy)]
pub struct Keywords<'call> {
    names: *mut ffi::PyObject,
    values: *const *mut ffi::PyObject,
    count: usize,
    call: std::marker::PhantomData<&'call ffi::PyObject>,
}

impl<'call> Keywords<'call> {
    /// The keywords of the vectorcall `(args, nargs, kwnames)`.
    ///
    /// # Safety
    /// The vectorcall convention: GIL held for `'call`, `args` holds `nargs` objects followed
    /// by one per name in `kwnames` (null or a tuple of str), all alive for `'call`.
    #[inline]
    pub unsafe fn of(
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> Keywords<'call> {
        Keywords {
            names: kwnames,
            // SAFETY: caller's contract: the values start right after the positional ones.
            values: unsafe { args.add(nargs as usize) },
            // SAFETY: caller's contract.
            count: unsafe { keyword_count(kwnames) },
            call: std::marker::PhantomData,
        }
    }

    /// How many keywords were given.
    #[inline]
    pub fn len(&self) -> usize {
        self.count
    }

    /// The `k`-th keyword's name (a str).
    #[inline]
    pub fn name(&self, k: usize) -> *mut ffi::PyObject {
        assert!(k < self.count);
        // SAFETY: `k` is in range; the names tuple is alive for the call (see `of`).
        unsafe { ffi::PyTuple_GET_ITEM(self.names, k as ffi::Py_ssize_t) }
    }

    /// The `k`-th keyword's value.
    #[inline]
    pub fn value(&self, k: usize) -> *mut ffi::PyObject {
        assert!(k < self.count && !self.values.is_null());
        // SAFETY: `k` is in range; the values are alive for the call (see `of`).
        unsafe { *self.values.add(k) }
    }

    /// Each keyword's name and value, in the call's order.
    pub fn iter(&self) -> impl Iterator<Item = (*mut ffi::PyObject, *mut ffi::PyObject)> + '_ {
        (0..self.count).map(|k| (self.name(k), self.value(k)))
    }

    /// The value given for keyword `name`, if any.
    pub fn value_of(&self, name: &CStr) -> Option<*mut ffi::PyObject> {
        (0..self.count).find_map(|k| is_named(self.name(k), name).then(|| self.value(k)))
    }

    /// The first keyword whose name is not among `names`.
    pub fn unknown<'a>(
        &self,
        names: impl IntoIterator<Item = &'a CStr> + Clone,
    ) -> Option<*mut ffi::PyObject> {
        (0..self.count)
            .map(|k| self.name(k))
            .find(|&key| position_of(key, names.clone()).is_none())
    }
}

/// The keyword names of a vectorcall without their values (null or a tuple of str).
///
/// # Safety
/// GIL held; `kwnames` null or a tuple of str, alive for `'call`.
pub unsafe fn keyword_names<'call>(kwnames: *mut ffi::PyObject) -> Keywords<'call> {
    Keywords {
        names: kwnames,
        values: std::ptr::null(),
        // SAFETY: caller's contract.
        count: unsafe { keyword_count(kwnames) },
        call: std::marker::PhantomData,
    }
}

/// Whether keyword `key` (a str borrowed from a call's `kwnames`) is `name`.
#[inline]
pub fn is_named(key: *mut ffi::PyObject, name: &CStr) -> bool {
    // SAFETY: keys come from a live call's `kwnames` (see `Keywords`), compared with the GIL
    // held for the call.
    unsafe { ffi::PyUnicode_CompareWithASCIIString(key, name.as_ptr()) == 0 }
}

/// The index of keyword `key` among `names`.
#[inline]
pub fn position_of<'a>(
    key: *mut ffi::PyObject,
    names: impl IntoIterator<Item = &'a CStr>,
) -> Option<usize> {
    names.into_iter().position(|name| is_named(key, name))
}

/// The number of keyword arguments of a vectorcall.
///
/// # Safety
/// `kwnames` is null or a tuple.
#[inline]
pub unsafe fn keyword_count(kwnames: *mut ffi::PyObject) -> usize {
    if kwnames.is_null() {
        0
    } else {
        // SAFETY: caller's contract.
        unsafe { ffi::PyTuple_GET_SIZE(kwnames) as usize }
    }
}

/// Binds keyword-only parameters `names` from a vectorcall's keywords (null where missing),
/// with CPython's messages: `{f}() takes at most N keyword arguments (M given)` and the
/// version's text for an unknown keyword. `None` with `TypeError` set.
///
/// # Safety
/// The vectorcall convention, GIL held.
pub unsafe fn keyword_only<const K: usize>(
    function: &CStr,
    names: [&CStr; K],
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> Option<[*mut ffi::PyObject; K]> {
    // SAFETY: caller's contract.
    unsafe {
        let keywords = Keywords::of(args, nargs, kwnames);
        let count = keywords.len();
        let mut bound = [null_mut(); K];
        if count > K {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"%s() takes at most %d keyword argument%s (%zd given)".as_ptr(),
                function.as_ptr(),
                K as std::ffi::c_int,
                if K == 1 { c"" } else { c"s" }.as_ptr(),
                count as ffi::Py_ssize_t,
            );
            return None;
        }
        for (key, value) in keywords.iter() {
            match position_of(key, names) {
                Some(index) => bound[index] = value,
                None => {
                    unexpected_keyword(function, key);
                    return None;
                }
            }
        }
        Some(bound)
    }
}

/// The version's message for an unknown keyword argument of a builtin.
///
/// # Safety
/// GIL held; `key` a str.
pub unsafe fn unexpected_keyword(function: &CStr, key: *mut ffi::PyObject) {
    #[cfg(Py_3_13)]
    let format = c"%s() got an unexpected keyword argument '%U'";
    #[cfg(not(Py_3_13))]
    let format = c"'%U' is an invalid keyword argument for %s()";
    // SAFETY: caller's contract; the arguments are in the order of each format.
    unsafe {
        if cfg!(Py_3_13) {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                format.as_ptr(),
                function.as_ptr(),
                key,
            );
        } else {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                format.as_ptr(),
                key,
                function.as_ptr(),
            );
        }
    }
}

/// `{name}() takes no keyword arguments` unless there are none. False with `TypeError` set.
///
/// # Safety
/// GIL held; `kwnames` null or a tuple.
pub unsafe fn no_keywords(name: &CStr, kwnames: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract.
    unsafe {
        if keyword_count(kwnames) == 0 {
            return true;
        }
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"%s() takes no keyword arguments".as_ptr(),
            name.as_ptr(),
        );
        false
    }
}

/// A flag argument (null when not given, meaning false): its truth, or `None` with an
/// exception.
///
/// # Safety
/// GIL held.
pub unsafe fn flag(value: *mut ffi::PyObject) -> Option<bool> {
    if value.is_null() {
        return Some(false);
    }
    // SAFETY: caller's contract.
    match unsafe { ffi::PyObject_IsTrue(value) } {
        -1 => None,
        truth => Some(truth != 0),
    }
}

/// Raises the version's unknown-keyword message (see [`unexpected_keyword`]) for the first
/// keyword of a vectorcall that is not in `names`: for functions whose parameters
/// [`Signature`] binds, when their messages follow the version (argument clinic's). False
/// with `TypeError` set.
///
/// # Safety
/// GIL held; `kwnames` null or a tuple of str.
pub unsafe fn check_keywords(
    function: &CStr,
    names: &[&CStr],
    kwnames: *mut ffi::PyObject,
) -> bool {
    // SAFETY: caller's contract.
    unsafe {
        match keyword_names(kwnames).unknown(names.iter().copied()) {
            Some(key) => {
                unexpected_keyword(function, key);
                false
            }
            None => true,
        }
    }
}

/// A Python function's `TypeError` for an unexpected keyword argument `key`:
/// `{function}() got an unexpected keyword argument '{key}'`, and on 3.13+ CPython's
/// `. Did you mean '{name}'?` when one of `keywords` (the names the function takes by keyword,
/// in its parameter order) is close enough. For natives that mirror stdlib functions written
/// in Python (`heapq.merge`), whose binding errors are the interpreter's, not `PyArg_*`'s.
///
/// # Safety
/// GIL held; `key` a str.
pub unsafe fn python_unexpected_keyword(
    function: &CStr,
    key: *mut ffi::PyObject,
    keywords: &[&CStr],
) {
    // SAFETY: caller's contract.
    unsafe {
        #[cfg(Py_3_13)]
        if let Some(suggestion) = suggestion(key, keywords) {
            ffi::PyErr_Format(
                ffi::PyExc_TypeError,
                c"%s() got an unexpected keyword argument '%U'. Did you mean '%s'?".as_ptr(),
                function.as_ptr(),
                key,
                suggestion.as_ptr(),
            );
            return;
        }
        #[cfg(not(Py_3_13))]
        let _ = keywords;
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"%s() got an unexpected keyword argument '%U'".as_ptr(),
            function.as_ptr(),
            key,
        );
    }
}
