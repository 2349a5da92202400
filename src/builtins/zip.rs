//! `zip(*iterables, strict=False)`: tuples of one item from each sync or async iterable.

use crate::machinery::args::{flag, keyword_only};
use crate::machinery::drive::{Poll, Step};
use crate::machinery::function::BuiltinFunction;
use crate::machinery::gather::Gather;
use crate::machinery::held::{clear_all, traverse_all};
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::TypeCell;
use crate::machinery::panic::guard;
use crate::machinery::source::Ending;
use pyo3::ffi;
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

pub static ZIP: BuiltinFunction = BuiltinFunction::new(
    c"zip",
    zip,
    c"zip(*iterables, strict=False)\n--\n\n\
Return an async iterator of tuples, the i-th item of each from the i-th iterable, until the \
shortest is exhausted.\n\n\
If strict is true and one of the iterables is exhausted before the others, raise a ValueError.",
);

unsafe extern "C" fn zip(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: vectorcall convention, GIL held.
        unsafe {
            let Some([strict]) = keyword_only(c"zip", [c"strict"], args, nargs, kwnames) else {
                return null_mut();
            };
            let Some(strict) = flag(strict) else {
                return null_mut();
            };
            let iterables = std::slice::from_raw_parts(args, nargs as usize);
            let Some(gather) = Gather::new(c"zip", iterables, strict) else {
                return null_mut();
            };
            new_iterator(Zip {
                gather,
                ending: Ending::new(),
            })
        }
    })
}

/// The async iterator of `zip()`.
pub struct Zip {
    gather: Gather,
    ending: Ending,
}

impl IterMachine for Zip {
    const NAME: &'static CStr = c"zip";
    const QUALIFIED_NAME: &'static CStr = c"asyncitertools.zip";
    const DOC: &'static CStr = c"Async iterator of tuples of one item from each iterable.";

    fn cell() -> &'static TypeCell {
        static CELL: TypeCell = TypeCell::new();
        &CELL
    }

    unsafe fn poll_next(&self, step: Step) -> Poll {
        let sources = self.gather.sources();
        // SAFETY: GIL held (trait contract).
        unsafe {
            if let Some(poll) = self.ending.next_step(sources, step) {
                return poll;
            }
            match self.gather.poll(step) {
                Poll::Raised => self.ending.fail(sources),
                poll => poll,
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(self.gather.sources(), step) }
    }

    fn traverse(&self, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
        traverse_all(&[&self.gather, &self.ending], visit, arg)
    }

    fn clear(&self) {
        clear_all(&[&self.gather, &self.ending]);
    }
}
