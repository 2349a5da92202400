//! The stdlib's own functions, for work that completes without suspending (a reduction over a
//! sync iterable is the builtin itself: exact by construction).

use super::object::Obj;
use pyo3::ffi;
use std::ffi::CStr;
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
