//! Binding in the order and with the messages of CPython's classic
//! `PyArg_ParseTupleAndKeywords`.

use super::*;
use pyo3::ffi;
use std::ptr::null_mut;

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
            let keywords = Keywords::of(args, nargs as ffi::Py_ssize_t, kwnames);
            let nkw = keywords.len();
            let name = self.function.as_ptr();
            if too_many_arguments(self.function, N, nargs, nkw) {
                return None;
            }
            let keyword = |param: &Param| keywords.value_of(param.name);
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
            if let Some(key) = keywords.unknown(self.params.iter().map(|param| param.name)) {
                unexpected_keyword(self.function, key);
                return None;
            }
            Some(bound)
        }
    }
}
