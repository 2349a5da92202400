//! A function of a stdlib module other than `builtins` (`heapq.nlargest`), looked up once:
//! the exact stdlib for work that needs no suspension (as [`super::stdlib`] for builtins).

use super::object::Obj;
use pyo3::ffi;
use std::ffi::CStr;
use std::sync::atomic::{AtomicPtr, Ordering};

pub struct ModuleFunction {
    module: &'static CStr,
    name: &'static CStr,
    cached: AtomicPtr<ffi::PyObject>,
}

impl ModuleFunction {
    pub const fn new(module: &'static CStr, name: &'static CStr) -> ModuleFunction {
        ModuleFunction {
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
