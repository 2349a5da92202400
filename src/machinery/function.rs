//! Builtin functions with CPython's own calling convention.
//!
//! Defined from raw `PyMethodDef`s with `METH_FASTCALL | METH_KEYWORDS`, they take their
//! arguments with no conversion layer and raise the argument errors with the builtins' exact
//! messages (`aiter() takes ...`), which CPython's generic checks would prefix with the module
//! name for a function defined outside `builtins`.

use pyo3::prelude::*;
use pyo3::{ffi, PyErr};
use std::cell::UnsafeCell;
use std::ffi::CStr;
use std::ptr::null_mut;

use super::panic::guard;

/// A builtin function's definition, registered into a module by [`BuiltinFunction::add_to`].
pub struct BuiltinFunction(UnsafeCell<ffi::PyMethodDef>);

// SAFETY: the definition is written once (const) and only read afterwards, by CPython, with
// the GIL held.
unsafe impl Sync for BuiltinFunction {}

impl BuiltinFunction {
    /// `doc` may start with a `name(...)\n--\n\n` text signature, as CPython's docstrings do.
    pub const fn new(
        name: &'static CStr,
        function: ffi::PyCFunctionFastWithKeywords,
        doc: &'static CStr,
    ) -> BuiltinFunction {
        BuiltinFunction(UnsafeCell::new(ffi::PyMethodDef {
            ml_name: name.as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunctionFastWithKeywords: function,
            },
            ml_flags: ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
            ml_doc: doc.as_ptr(),
        }))
    }

    /// Adds the function to `module`; its `__module__` is `public_module`, where users find it.
    pub fn add_to(
        &'static self,
        module: &Bound<'_, PyModule>,
        public_module: &str,
    ) -> PyResult<()> {
        let py = module.py();
        let module_name = pyo3::types::PyString::new(py, public_module);
        // SAFETY: the definition is 'static, as CPython requires; the GIL is held (`py`).
        let function = unsafe {
            // The module is the function's `__self__`, as for CPython's builtins (it makes
            // `$module` in the text signature the bound argument).
            let ptr = ffi::PyCFunction_NewEx(self.0.get(), module.as_ptr(), module_name.as_ptr());
            if ptr.is_null() {
                return Err(PyErr::fetch(py));
            }
            Bound::from_owned_ptr(py, ptr)
        };
        // SAFETY: ml_name is a valid C string for the definition's lifetime.
        let name = unsafe { CStr::from_ptr((*self.0.get()).ml_name) };
        module.add(name.to_str().expect("ASCII name"), function)
    }
}

/// The entry of a builtin taking positional arguments only: `body` runs under the panic
/// guard unless keywords were passed, which raises `TypeError: {name}() takes no keyword
/// arguments` as CPython's builtins do.
///
/// `kwnames` is null or a tuple (the vectorcall convention); CPython calls with the GIL held.
#[inline]
pub fn positional_only(
    name: &CStr,
    kwnames: *mut ffi::PyObject,
    body: impl FnOnce() -> *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: the vectorcall convention (above) and the GIL held by our caller, CPython.
        unsafe {
            if !kwnames.is_null() && ffi::PyTuple_GET_SIZE(kwnames) != 0 {
                ffi::PyErr_Format(
                    ffi::PyExc_TypeError,
                    c"%s() takes no keyword arguments".as_ptr(),
                    name.as_ptr(),
                );
                return null_mut();
            }
        }
        body()
    })
}

/// Declares a builtin function's entry point, the `METH_FASTCALL | METH_KEYWORDS` function
/// CPython calls: it keeps panics from unwinding into CPython ([`guard`]) and runs `body`, in
/// an `unsafe` context, with the call's `args`, `nargs` and `kwnames`:
///
/// ```ignore
/// vectorcall!(map, |args, nargs, kwnames| {
///     ...
/// });
/// ```
macro_rules! vectorcall {
    ($name:ident, |$args:ident, $nargs:ident, $kwnames:ident| $body:block) => {
        unsafe extern "C" fn $name(
            _module: *mut ::pyo3::ffi::PyObject,
            $args: *const *mut ::pyo3::ffi::PyObject,
            $nargs: ::pyo3::ffi::Py_ssize_t,
            $kwnames: *mut ::pyo3::ffi::PyObject,
        ) -> *mut ::pyo3::ffi::PyObject {
            $crate::machinery::panic::guard(::std::ptr::null_mut(), || {
                // SAFETY: the vectorcall convention: CPython calls this with the GIL held,
                // `args` holding `nargs` live objects and then one per name in `kwnames`
                // (null or a tuple of str).
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            })
        }
    };
}
pub(crate) use vectorcall;
