//! Binding vectorcall arguments as CPython's Argument Clinic does (`_PyArg_UnpackKeywords`),
//! for the functions whose messages come from it (`accumulate`, `batched`, ...): these differ
//! from the classic `PyArg_ParseTupleAndKeywords` ones of [`super::args`] (a missing argument
//! always names its position; positional and total counts are checked apart).

#[cfg(Py_3_13)]
use super::args::python_unexpected_keyword;
#[cfg(not(Py_3_13))]
use super::args::unexpected_keyword;
use super::args::{too_many_arguments, Keywords};
use pyo3::ffi;
use std::ffi::{c_int, CStr};
use std::ptr::null_mut;

/// A function's parameters: the first `max_positional` may be given by position (the first
/// `required` of them must be given), the rest are keyword-only and optional; the first
/// `positional_only` cannot be given by keyword.
pub struct ClinicSignature<const N: usize> {
    pub function: &'static CStr,
    pub names: [&'static CStr; N],
    pub required: usize,
    pub max_positional: usize,
    pub positional_only: usize,
}

impl<const N: usize> ClinicSignature<N> {
    /// The arguments of a call, one per parameter (null where an optional one is missing);
    /// `None` with the `TypeError` CPython's clinic raises, checked in its order.
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
            if too_many_arguments(self.function, N, nargs, nkw) {
                return None;
            }
            if nargs > self.max_positional {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() takes %s %d positional argument%s (%zd given)".as_ptr(),
                    name,
                    if self.required < self.max_positional {
                        c"at most"
                    } else {
                        c"exactly"
                    }
                    .as_ptr(),
                    self.max_positional as c_int,
                    if self.max_positional == 1 { c"" } else { c"s" }.as_ptr(),
                    nargs as ffi::Py_ssize_t,
                );
                return None;
            }
            let required_positional = self.positional_only.min(self.required);
            if nargs < required_positional {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() takes %s %d positional argument%s (%zd given)".as_ptr(),
                    name,
                    if required_positional < self.max_positional {
                        c"at least"
                    } else {
                        c"exactly"
                    }
                    .as_ptr(),
                    required_positional as c_int,
                    if required_positional == 1 { c"" } else { c"s" }.as_ptr(),
                    nargs as ffi::Py_ssize_t,
                );
                return None;
            }
            let mut bound = [null_mut(); N];
            bound[..nargs].copy_from_slice(std::slice::from_raw_parts(args, nargs));
            let mut unused = nkw;
            let by_keyword = nargs.max(self.positional_only);
            for (index, slot) in bound.iter_mut().enumerate().skip(by_keyword) {
                let found = if unused > 0 {
                    keywords.value_of(self.names[index])
                } else {
                    None
                };
                if let Some(found) = found {
                    *slot = found;
                    unused -= 1;
                } else if index < self.required {
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"%s() missing required argument '%s' (pos %d)".as_ptr(),
                        name,
                        self.names[index].as_ptr(),
                        (index + 1) as c_int,
                    );
                    return None;
                }
            }
            if unused > 0 {
                for index in self.positional_only..nargs {
                    if keywords.value_of(self.names[index]).is_some() {
                        ffi::PyErr_Format(
                            ffi::PyExc_TypeError,
                            c"argument for %s() given by name ('%s') and position (%d)".as_ptr(),
                            name,
                            self.names[index].as_ptr(),
                            (index + 1) as c_int,
                        );
                        return None;
                    }
                }
                let names = &self.names[self.positional_only..];
                if let Some(key) = keywords.unknown(names.iter().copied()) {
                    clinic_unexpected_keyword(self.function, key, names);
                    return None;
                }
            }
            Some(bound)
        }
    }
}

/// Argument Clinic's message for an unknown keyword: on 3.13+ with the suggestion of the
/// closest name the function takes by keyword (`... Did you mean 'initial'?`), as a Python
/// function's; before, the classic wording.
///
/// # Safety
/// GIL held; `key` a str.
unsafe fn clinic_unexpected_keyword(function: &CStr, key: *mut ffi::PyObject, keywords: &[&CStr]) {
    // SAFETY: caller's contract.
    unsafe {
        #[cfg(Py_3_13)]
        python_unexpected_keyword(function, key, keywords);
        #[cfg(not(Py_3_13))]
        {
            let _ = keywords;
            unexpected_keyword(function, key);
        }
    }
}
