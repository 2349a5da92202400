//! Binding a builtin's vectorcall arguments to its parameters, with CPython's messages for
//! the classic `PyArg_ParseTupleAndKeywords` functions (`enumerate`, `zip`, ...).

use pyo3::ffi;
use std::ffi::CStr;
use std::ptr::null_mut;

/// A parameter that may be given by position or by keyword.
pub struct Param {
    pub name: &'static CStr,
    pub required: bool,
}

/// A function's name and parameters (positional-or-keyword, in order).
pub struct Signature<const N: usize> {
    pub function: &'static CStr,
    pub params: [Param; N],
}

impl<const N: usize> Signature<N> {
    /// The arguments of a call, one per parameter (null where an optional one is missing);
    /// `None` with CPython's `TypeError` when they do not fit.
    ///
    /// # Safety
    /// The vectorcall convention: GIL held, `args` holds `nargs` objects followed by one per
    /// name in `kwnames` (null or a tuple of str).
    pub unsafe fn bind(
        &self,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> Option<[*mut ffi::PyObject; N]> {
        // SAFETY: caller's contract.
        unsafe {
            let nargs = nargs as usize;
            let nkw = if kwnames.is_null() {
                0
            } else {
                ffi::PyTuple_GET_SIZE(kwnames) as usize
            };
            let name = self.function.as_ptr();
            if nargs + nkw > N {
                let (kind, given) = if nargs > N || nkw == 0 {
                    (c"", nargs + nkw)
                } else if nkw > N {
                    (c"keyword ", nkw)
                } else {
                    (c"", nargs + nkw)
                };
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() takes at most %d %sargument%s (%zd given)".as_ptr(),
                    name,
                    N as std::ffi::c_int,
                    kind.as_ptr(),
                    if N == 1 { c"" } else { c"s" }.as_ptr(),
                    given as ffi::Py_ssize_t,
                );
                return None;
            }
            let mut bound = [null_mut(); N];
            bound[..nargs].copy_from_slice(std::slice::from_raw_parts(args, nargs));
            for k in 0..nkw {
                let key = ffi::PyTuple_GET_ITEM(kwnames, k as ffi::Py_ssize_t);
                let value = *args.add(nargs + k);
                let position = self.params.iter().position(|param| {
                    ffi::PyUnicode_CompareWithASCIIString(key, param.name.as_ptr()) == 0
                });
                match position {
                    Some(index) if bound[index].is_null() => bound[index] = value,
                    Some(index) => {
                        ffi::PyErr_Format(
                            ffi::PyExc_TypeError,
                            c"argument for %s() given by name ('%s') and position (%d)".as_ptr(),
                            name,
                            self.params[index].name.as_ptr(),
                            (index + 1) as std::ffi::c_int,
                        );
                        return None;
                    }
                    None => {
                        ffi::PyErr_Format(
                            ffi::PyExc_TypeError,
                            c"'%U' is an invalid keyword argument for %s()".as_ptr(),
                            key,
                            name,
                        );
                        return None;
                    }
                }
            }
            for (index, param) in self.params.iter().enumerate() {
                if param.required && bound[index].is_null() {
                    missing(name, param.name, index);
                    return None;
                }
            }
            Some(bound)
        }
    }
}

/// # Safety
/// GIL held.
#[cfg(Py_3_11)]
unsafe fn missing(function: *const std::ffi::c_char, param: &CStr, _index: usize) {
    // SAFETY: GIL held (caller's contract).
    unsafe {
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"%s() missing required argument '%s'".as_ptr(),
            function,
            param.as_ptr(),
        );
    }
}

/// # Safety
/// GIL held.
#[cfg(not(Py_3_11))]
unsafe fn missing(function: *const std::ffi::c_char, param: &CStr, index: usize) {
    // SAFETY: GIL held (caller's contract).
    unsafe {
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"%s() missing required argument '%s' (pos %d)".as_ptr(),
            function,
            param.as_ptr(),
            (index + 1) as std::ffi::c_int,
        );
    }
}

/// CPython's check of a builtin's positional count (`_PyArg_CheckPositional`): `{name}
/// expected at least/at most/{n} argument(s), got {nargs}`. False with `TypeError` set.
///
/// # Safety
/// GIL held.
pub unsafe fn check_positional(
    name: &CStr,
    nargs: ffi::Py_ssize_t,
    min: isize,
    max: isize,
) -> bool {
    if (min..=max).contains(&nargs) {
        return true;
    }
    let (bound, count) = if min == max {
        (c"", min)
    } else if nargs < min {
        (c"at least ", min)
    } else {
        (c"at most ", max)
    };
    // SAFETY: GIL held (caller's contract).
    unsafe {
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"%s expected %s%zd argument%s, got %zd".as_ptr(),
            name.as_ptr(),
            bound.as_ptr(),
            count,
            if count == 1 { c"" } else { c"s" }.as_ptr(),
            nargs,
        );
    }
    false
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

/// CPython's `_Py_CalculateSuggestions` (Python/suggestions.c) over `candidates`: the closest
/// by its weighted edit distance, if within a third of the characters involved.
///
/// # Safety
/// GIL held; `name` a str.
#[cfg(Py_3_13)]
unsafe fn suggestion<'a>(name: *mut ffi::PyObject, candidates: &[&'a CStr]) -> Option<&'a CStr> {
    // SAFETY: caller's contract; the UTF-8 buffer lives as long as the str.
    let name = unsafe {
        let mut size: ffi::Py_ssize_t = 0;
        let data = ffi::PyUnicode_AsUTF8AndSize(name, &mut size);
        if data.is_null() {
            // CPython offers no suggestion then either (an unencodable name).
            ffi::PyErr_Clear();
            return None;
        }
        std::slice::from_raw_parts(data as *const u8, size as usize)
    };
    let mut best: Option<(&CStr, usize)> = None;
    for &candidate in candidates {
        let item = candidate.to_bytes();
        if item == name {
            continue;
        }
        let mut max_cost = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, distance)) = best {
            max_cost = max_cost.min(distance.saturating_sub(1));
        }
        let distance = edit_cost(name, item, max_cost);
        if distance > max_cost {
            continue;
        }
        if best.map_or(true, |(_, best)| distance < best) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| candidate)
}

#[cfg(Py_3_13)]
const MOVE_COST: usize = 2;

/// CPython's `levenshtein_distance`: moves cost 2, a case flip 1; over `max_cost` means
/// "too far" (any value above it).
#[cfg(Py_3_13)]
fn edit_cost(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    const MAX_STRING_SIZE: usize = 40;
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row = [0usize; MAX_STRING_SIZE];
    for (i, cell) in row.iter_mut().enumerate().take(a.len()) {
        *cell = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &byte) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, byte);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(Py_3_13)]
fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        1
    } else {
        MOVE_COST
    }
}

impl<const N: usize> Signature<N> {
    /// As [`Signature::bind`], in the order and with the messages of CPython's classic
    /// `PyArg_ParseTupleAndKeywords` (`compress`, `repeat`, ... in every version 3.10-3.13):
    /// the count first, then each parameter in turn (`missing required argument 'x' (pos 2)`),
    /// and only then keywords given twice or unknown.
    ///
    /// # Safety
    /// As for [`Signature::bind`].
    pub unsafe fn bind_classic(
        &self,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> Option<[*mut ffi::PyObject; N]> {
        // SAFETY: caller's contract.
        unsafe {
            let nargs = nargs as usize;
            let nkw = keyword_count(kwnames);
            let name = self.function.as_ptr();
            if nargs + nkw > N {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() takes at most %d %sargument%s (%zd given)".as_ptr(),
                    name,
                    N as std::ffi::c_int,
                    if nargs == 0 { c"keyword " } else { c"" }.as_ptr(),
                    if N == 1 { c"" } else { c"s" }.as_ptr(),
                    (nargs + nkw) as ffi::Py_ssize_t,
                );
                return None;
            }
            let keyword = |param: &Param| {
                (0..nkw).find_map(|k| {
                    let key = ffi::PyTuple_GET_ITEM(kwnames, k as ffi::Py_ssize_t);
                    (ffi::PyUnicode_CompareWithASCIIString(key, param.name.as_ptr()) == 0)
                        .then(|| *args.add(nargs + k))
                })
            };
            let mut bound = [null_mut(); N];
            let mut left = nkw;
            for (index, param) in self.params.iter().enumerate() {
                if index < nargs {
                    bound[index] = *args.add(index);
                } else if let Some(value) = keyword(param).filter(|_| left > 0) {
                    bound[index] = value;
                    left -= 1;
                } else if param.required {
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"%s() missing required argument '%s' (pos %d)".as_ptr(),
                        name,
                        param.name.as_ptr(),
                        (index + 1) as std::ffi::c_int,
                    );
                    return None;
                }
            }
            if left == 0 {
                return Some(bound);
            }
            for (index, param) in self.params.iter().enumerate().take(nargs) {
                if keyword(param).is_some() {
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"argument for %s() given by name ('%s') and position (%d)".as_ptr(),
                        name,
                        param.name.as_ptr(),
                        (index + 1) as std::ffi::c_int,
                    );
                    return None;
                }
            }
            for k in 0..nkw {
                let key = ffi::PyTuple_GET_ITEM(kwnames, k as ffi::Py_ssize_t);
                if !self.params.iter().any(|param| {
                    ffi::PyUnicode_CompareWithASCIIString(key, param.name.as_ptr()) == 0
                }) {
                    unexpected_keyword(self.function, key);
                    return None;
                }
            }
            Some(bound)
        }
    }
}
