//! Binding a builtin's vectorcall arguments to its parameters, with CPython's messages for
//! the classic `PyArg_ParseTupleAndKeywords` functions (`enumerate`, `zip`, ...).

mod classic;
mod keywords;
#[cfg(Py_3_13)]
mod suggest;

pub use keywords::Keywords;
pub use keywords::{
    check_keywords, flag, keyword_count, keyword_only, no_keywords, python_unexpected_keyword,
    unexpected_keyword,
};
pub use keywords::{is_named, position_of};
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
            let keywords = Keywords::of(args, nargs as ffi::Py_ssize_t, kwnames);
            let nkw = keywords.len();
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
            for (key, value) in keywords.iter() {
                match position_of(key, self.params.iter().map(|param| param.name)) {
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

/// `{function}() takes at most N argument(s) (M given)`, as CPython's classic parser and
/// Argument Clinic both word it (`keyword argument(s)` when none is positional), unless the
/// `nargs` positional and `nkw` keyword arguments are at most `max`. True with `TypeError` set.
///
/// # Safety
/// GIL held.
pub unsafe fn too_many_arguments(function: &CStr, max: usize, nargs: usize, nkw: usize) -> bool {
    if nargs + nkw <= max {
        return false;
    }
    // SAFETY: caller's contract; the arguments match the format.
    unsafe {
        ffi::PyErr_Format(
            ffi::PyExc_TypeError,
            c"%s() takes at most %d %sargument%s (%zd given)".as_ptr(),
            function.as_ptr(),
            max as std::ffi::c_int,
            if nargs == 0 { c"keyword " } else { c"" }.as_ptr(),
            if max == 1 { c"" } else { c"s" }.as_ptr(),
            (nargs + nkw) as ffi::Py_ssize_t,
        );
    }
    true
}
