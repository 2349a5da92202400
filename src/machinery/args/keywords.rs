//! Keyword arguments: counting them, binding keyword-only ones, and CPython's messages for
//! unexpected or duplicated ones.

#[cfg(Py_3_13)]
use super::suggest::suggestion;
use pyo3::ffi;
use std::ffi::CStr;
use std::ptr::null_mut;

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
        let count = keyword_count(kwnames);
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
        for k in 0..count {
            let key = ffi::PyTuple_GET_ITEM(kwnames, k as ffi::Py_ssize_t);
            match names
                .iter()
                .position(|name| ffi::PyUnicode_CompareWithASCIIString(key, name.as_ptr()) == 0)
            {
                Some(index) => bound[index] = *args.add(nargs as usize + k),
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
        for k in 0..keyword_count(kwnames) {
            let key = ffi::PyTuple_GET_ITEM(kwnames, k as ffi::Py_ssize_t);
            if !names
                .iter()
                .any(|name| ffi::PyUnicode_CompareWithASCIIString(key, name.as_ptr()) == 0)
            {
                unexpected_keyword(function, key);
                return false;
            }
        }
        true
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
