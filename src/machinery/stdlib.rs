//! The stdlib's own functions, for work that completes without suspending (a reduction over a
//! sync iterable is the builtin itself: exact by construction).

use super::object::Obj;
use pyo3::ffi;
use std::ffi::CStr;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// A function of the `builtins` module (or of another module: [`StdlibFunction::in_module`]),
/// looked up once and kept.
pub struct StdlibFunction {
    module: &'static CStr,
    name: &'static CStr,
    cached: AtomicPtr<ffi::PyObject>,
}

impl StdlibFunction {
    pub const fn new(name: &'static CStr) -> StdlibFunction {
        StdlibFunction::in_module(c"builtins", name)
    }

    /// A function of `module` (`itertools`, ...), imported when first used.
    pub const fn in_module(module: &'static CStr, name: &'static CStr) -> StdlibFunction {
        StdlibFunction {
            module,
            name,
            cached: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// A new reference to the function, or `None` with an exception.
    ///
    /// # Safety
    /// GIL held (it serializes the cache).
    pub unsafe fn get(&self) -> Option<Obj> {
        // SAFETY: caller's contract; the cached reference is never released (like a type's
        // reference from a static), so it stays valid.
        unsafe {
            let cached = self.cached.load(Ordering::Relaxed);
            if !cached.is_null() {
                return Some(Obj::from_borrowed(cached));
            }
            let module = Obj::from_owned(ffi::PyImport_ImportModule(self.module.as_ptr()))?;
            let function = Obj::from_owned(ffi::PyObject_GetAttrString(
                module.as_ptr(),
                self.name.as_ptr(),
            ))?;
            self.cached
                .store(function.clone().into_ptr(), Ordering::Relaxed);
            Some(function)
        }
    }
}

impl StdlibFunction {
    /// Calls the function: `args` are the positional arguments, then the values of `keywords`
    /// (as many as it names), as a vectorcall. A new reference, or `None` with an exception.
    ///
    /// # Safety
    /// GIL held; the arguments are alive.
    pub unsafe fn call(
        &self,
        args: &[*mut ffi::PyObject],
        keywords: Option<&'static KeywordNames>,
    ) -> Option<Obj> {
        // SAFETY: caller's contract.
        unsafe {
            let function = self.get()?;
            let (kwnames, count) = match keywords {
                Some(keywords) => (keywords.get()?, keywords.names.len()),
                None => (null_mut(), 0),
            };
            let positional = args.len() - count;
            Obj::from_owned(ffi::PyObject_Vectorcall(
                function.as_ptr(),
                args.as_ptr(),
                positional,
                kwnames,
            ))
        }
    }
}

/// The keyword names of a call (a vectorcall's `kwnames`): a tuple of interned strings, built
/// when first used and kept.
pub struct KeywordNames {
    names: &'static [&'static CStr],
    cached: AtomicPtr<ffi::PyObject>,
}

impl KeywordNames {
    pub const fn new(names: &'static [&'static CStr]) -> KeywordNames {
        KeywordNames {
            names,
            cached: AtomicPtr::new(null_mut()),
        }
    }

    /// The tuple (borrowed: it is never released), or `None` with an exception.
    ///
    /// # Safety
    /// GIL held (it serializes the cache).
    unsafe fn get(&self) -> Option<*mut ffi::PyObject> {
        // SAFETY: caller's contract; the tuple is filled before it is shared.
        unsafe {
            let cached = self.cached.load(Ordering::Relaxed);
            if !cached.is_null() {
                return Some(cached);
            }
            let tuple = Obj::from_owned(ffi::PyTuple_New(self.names.len() as ffi::Py_ssize_t))?;
            for (index, name) in self.names.iter().enumerate() {
                let name = Obj::from_owned(ffi::PyUnicode_InternFromString(name.as_ptr()))?;
                ffi::PyTuple_SET_ITEM(tuple.as_ptr(), index as ffi::Py_ssize_t, name.into_ptr());
            }
            let tuple = tuple.into_ptr();
            self.cached.store(tuple, Ordering::Relaxed);
            Some(tuple)
        }
    }
}
