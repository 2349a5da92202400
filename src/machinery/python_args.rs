//! Binding vectorcall arguments as a Python function (`def f(a, b, c=None)`) binds them,
//! with the interpreter's messages: for the stdlib's pure-Python functions (`heapq.nlargest`).

use pyo3::ffi;
use std::ffi::CStr;
use std::ptr::null_mut;

/// The arguments of a call of `function(params[0], ..., params[N-1])` whose first `required`
/// parameters have no default, one per parameter (null where an optional one is missing);
/// `None` with `TypeError` as CPython reports it (keyword errors first, then the positional
/// count, then the missing ones).
///
/// # Safety
/// The vectorcall convention: GIL held, `args` holds `nargs` objects followed by one per
/// name in `kwnames` (null or a tuple of str).
pub unsafe fn bind_python<const N: usize>(
    function: &CStr,
    params: [&CStr; N],
    required: usize,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> Option<[*mut ffi::PyObject; N]> {
    // SAFETY: caller's contract.
    unsafe {
        let nargs = nargs as usize;
        let keywords = super::args::Keywords::of(args, nargs as ffi::Py_ssize_t, kwnames);
        let name = function.as_ptr();
        let mut bound = [null_mut(); N];
        let given = nargs.min(N);
        bound[..given].copy_from_slice(std::slice::from_raw_parts(args, given));
        for (key, value) in keywords.iter() {
            match super::args::position_of(key, params) {
                Some(index) if index >= nargs => bound[index] = value,
                Some(index) => {
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"%s() got multiple values for argument '%s'".as_ptr(),
                        name,
                        params[index].as_ptr(),
                    );
                    return None;
                }
                None => {
                    ffi::PyErr_Format(
                        ffi::PyExc_TypeError,
                        c"%s() got an unexpected keyword argument '%U'".as_ptr(),
                        name,
                        key,
                    );
                    return None;
                }
            }
        }
        if nargs > N {
            if required == N {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() takes %zd positional argument%s but %zd %s given".as_ptr(),
                    name,
                    N as ffi::Py_ssize_t,
                    if N == 1 { c"" } else { c"s" }.as_ptr(),
                    nargs as ffi::Py_ssize_t,
                    if nargs == 1 { c"was" } else { c"were" }.as_ptr(),
                );
            } else {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() takes from %zd to %zd positional arguments but %zd were given".as_ptr(),
                    name,
                    required as ffi::Py_ssize_t,
                    N as ffi::Py_ssize_t,
                    nargs as ffi::Py_ssize_t,
                );
            }
            return None;
        }
        let missing: Vec<&CStr> = (0..required)
            .filter(|&index| bound[index].is_null())
            .map(|index| params[index])
            .collect();
        if !missing.is_empty() {
            // 'a'; 'a' and 'b'; 'a', 'b', and 'c' (as CPython's format_missing).
            let quoted: Vec<String> = missing
                .iter()
                .map(|param| format!("'{}'", param.to_string_lossy()))
                .collect();
            let list = match quoted.len() {
                1 => quoted[0].clone(),
                2 => format!("{} and {}", quoted[0], quoted[1]),
                count => format!(
                    "{}, and {}",
                    quoted[..count - 1].join(", "),
                    quoted[count - 1]
                ),
            };
            let message = format!(
                "{}() missing {} required positional argument{}: {}",
                function.to_string_lossy(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                list
            );
            let message = std::ffi::CString::new(message).unwrap_or_default();
            ffi::PyErr_SetString(ffi::PyExc_TypeError, message.as_ptr());
            return None;
        }
        Some(bound)
    }
}
