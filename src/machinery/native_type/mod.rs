//! What every native type of this package shares.
//!
//! - [`NativeType`]: a type's identity (its names, docstring, and the cell holding its CPython
//!   type object and free list), declared once per type with [`native_type!`].
//! - [`object`]: the memory of every native object, [`Native`]: CPython's header, a header of
//!   its kind, its Rust body; allocation (free list), GC slots, deallocation (trashcan).
//! - [`spec`]: building the CPython type of a native object from raw slots.

mod object;
mod spec;

pub use object::Native;
pub use spec::{build_type, method, slot};

use pyo3::ffi;
use std::cell::UnsafeCell;
use std::ffi::CStr;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// A native type's identity: what CPython shows of it, and where its type object lives.
///
/// Declared with [`native_type!`]; every engine trait of the machinery (`Machine`,
/// `IterMachine`, `Run`, `Fold`, ...) has it as a supertrait, and an engine wrapping a policy
/// (`OneShot<R>`, `Reduction<F>`, ...) takes the policy's.
pub trait NativeType: 'static {
    /// The name of what the type is for, in its own messages (`max() arg is an empty
    /// sequence`): usually the type's name too, e.g. `anext_awaitable`.
    const NAME: &'static CStr;
    /// The name CPython prints for the type (`tp_name`: `'max_awaitable' object is not
    /// subscriptable`) and the repr: [`NativeType::NAME`] unless a function's awaitable has
    /// a name of its own (declared with `function:`, see [`native_type!`]).
    const TYPE_NAME: &'static CStr = Self::NAME;
    /// `module.name`: gives the type its `__module__` and `__name__`.
    const QUALIFIED_NAME: &'static CStr;
    /// The type's docstring.
    const DOC: &'static CStr;
    /// Where the type object and free list live.
    fn cell() -> &'static TypeCell;
}

/// The last dotted component of a qualified name: `asyncitertools.itertools.islice` gives
/// `islice`.
pub const fn last_component(qualified: &'static CStr) -> &'static CStr {
    let bytes = qualified.to_bytes_with_nul();
    let mut start = bytes.len();
    while start > 0 && bytes[start - 1] != b'.' {
        start -= 1;
    }
    let (_, tail) = bytes.split_at(start);
    match CStr::from_bytes_with_nul(tail) {
        Ok(name) => name,
        Err(_) => panic!("a qualified name is a C string"),
    }
}

/// Declares a type's [`NativeType`] identity:
///
/// ```ignore
/// native_type!(Map, c"asyncitertools.map", c"Async iterator of ...");
/// native_type!(TeeChild, c"asyncitertools.itertools.tee", name: c"itertools.tee", c"...");
/// native_type!(Max, c"asyncitertools.max_awaitable", function: c"max", c"...");
/// native_type!(impl<R: Run> for OneShot<R> as R);
/// ```
///
/// The first form names the type after the last component of its qualified name and gives
/// it a cell of its own; the second names it explicitly; the third is a function's awaitable,
/// named after its qualified name, whose messages name the function; the fourth is an engine
/// wrapping a policy type, which is the policy's type (its names, docstring and cell).
macro_rules! native_type {
    (impl<$generic:ident: $bound:path> for $ty:ty as $inner:ident) => {
        impl<$generic: $bound> $crate::machinery::native_type::NativeType for $ty {
            const NAME: &'static ::std::ffi::CStr =
                <$inner as $crate::machinery::native_type::NativeType>::NAME;
            const TYPE_NAME: &'static ::std::ffi::CStr =
                <$inner as $crate::machinery::native_type::NativeType>::TYPE_NAME;
            const QUALIFIED_NAME: &'static ::std::ffi::CStr =
                <$inner as $crate::machinery::native_type::NativeType>::QUALIFIED_NAME;
            const DOC: &'static ::std::ffi::CStr =
                <$inner as $crate::machinery::native_type::NativeType>::DOC;
            #[inline]
            fn cell() -> &'static $crate::machinery::native_type::TypeCell {
                <$inner as $crate::machinery::native_type::NativeType>::cell()
            }
        }
    };
    ($ty:ty, $qualified:literal, name: $name:expr, $doc:literal) => {
        impl $crate::machinery::native_type::NativeType for $ty {
            const NAME: &'static ::std::ffi::CStr = $name;
            const QUALIFIED_NAME: &'static ::std::ffi::CStr = $qualified;
            const DOC: &'static ::std::ffi::CStr = $doc;
            #[inline]
            fn cell() -> &'static $crate::machinery::native_type::TypeCell {
                static CELL: $crate::machinery::native_type::TypeCell =
                    $crate::machinery::native_type::TypeCell::new();
                &CELL
            }
        }
    };
    ($ty:ty, $qualified:literal, function: $function:expr, $doc:literal) => {
        impl $crate::machinery::native_type::NativeType for $ty {
            const NAME: &'static ::std::ffi::CStr = $function;
            const TYPE_NAME: &'static ::std::ffi::CStr =
                $crate::machinery::native_type::last_component($qualified);
            const QUALIFIED_NAME: &'static ::std::ffi::CStr = $qualified;
            const DOC: &'static ::std::ffi::CStr = $doc;
            #[inline]
            fn cell() -> &'static $crate::machinery::native_type::TypeCell {
                static CELL: $crate::machinery::native_type::TypeCell =
                    $crate::machinery::native_type::TypeCell::new();
                &CELL
            }
        }
    };
    ($ty:ty, $qualified:literal, $doc:literal) => {
        $crate::machinery::native_type::native_type!(
            $ty,
            $qualified,
            name: $crate::machinery::native_type::last_component($qualified),
            $doc
        );
    };
}
pub(crate) use native_type;

/// A native type's CPython type object and its free list of dead objects.
///
/// All access happens with the GIL held, which serializes it.
pub struct TypeCell {
    ty: AtomicPtr<ffi::PyTypeObject>,
    free: UnsafeCell<Vec<*mut ffi::PyObject>>,
}

// SAFETY: the cell is only used with the GIL held (module init, slot functions), which
// serializes every access; the module declares it needs the GIL (no free-threading).
unsafe impl Sync for TypeCell {}

impl TypeCell {
    pub const fn new() -> TypeCell {
        TypeCell {
            ty: AtomicPtr::new(null_mut()),
            free: UnsafeCell::new(Vec::new()),
        }
    }

    /// The type object; null before it was built.
    pub fn type_ptr(&self) -> *mut ffi::PyTypeObject {
        self.ty.load(Ordering::Relaxed)
    }

    fn set_type(&self, ty: *mut ffi::PyTypeObject) {
        self.ty.store(ty, Ordering::Relaxed);
    }

    /// The free list.
    ///
    /// # Safety
    /// GIL held; the borrow ends before anything can run Python code (which may deallocate an
    /// object of this type and so push to the list).
    #[allow(clippy::mut_from_ref)]
    unsafe fn free_list(&self) -> &mut Vec<*mut ffi::PyObject> {
        // SAFETY: caller's contract: the GIL serializes access and no other borrow is alive.
        unsafe { &mut *self.free.get() }
    }
}

impl Default for TypeCell {
    fn default() -> TypeCell {
        TypeCell::new()
    }
}
