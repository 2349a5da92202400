//! `compress(data, selectors)`: the items of `data` whose counterpart in `selectors` is true,
//! the two pulled in lockstep (data first, as the stdlib) until either is exhausted.

use crate::machinery::args::{Param, Signature};
use crate::machinery::ending::Ending;
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::gather::Gather;
use crate::machinery::held::held;
use crate::machinery::iterator;
use crate::machinery::iterator::{new_iterator, IterMachine};
use crate::machinery::native_type::native_type;
use crate::machinery::object::Obj;
use crate::machinery::step::{Poll, Step};
use pyo3::ffi;
use pyo3::prelude::*;
use std::ptr::null_mut;

pub static COMPRESS: BuiltinFunction = BuiltinFunction::new(
    c"compress",
    compress,
    c"compress(data, selectors)\n--\n\n\
Return an async iterator of the items of data whose corresponding item of selectors is true, \
until either iterable is exhausted. Both may be sync or async iterables.",
);

/// The stdlib's own parser: `data` and `selectors` may be given by keyword.
static SIGNATURE: Signature<2> = Signature {
    function: c"compress",
    params: [
        Param {
            name: c"data",
            required: true,
        },
        Param {
            name: c"selectors",
            required: true,
        },
    ],
};

vectorcall!(compress, |args, nargs, kwnames| {
    let Some(iterables) = SIGNATURE.bind_classic(args, nargs, kwnames) else {
        return null_mut();
    };
    // Strictness is zip's; compress ends silently with the shorter one.
    let Some(gather) = Gather::new(c"compress", &iterables, false) else {
        return null_mut();
    };
    new_iterator(Compress {
        gather,
        ending: Ending::new(),
    })
});

/// The async iterator of `compress()`.
pub struct Compress {
    /// `data` and `selectors`, in that order.
    gather: Gather,
    ending: Ending,
}

native_type!(
    Compress,
    c"asyncitertools.itertools.compress",
    c"Async iterator of the data items whose selector is true."
);

impl IterMachine for Compress {
    unsafe fn poll_next(&self, mut step: Step) -> Poll {
        let sources = self.gather.sources();
        // SAFETY: GIL held (trait contract); the pair is a 2-tuple from Gather.
        unsafe {
            loop {
                if let Some(poll) = self.ending.next_step(sources, step) {
                    return poll;
                }
                let pair = match self.gather.poll(step) {
                    Poll::Return(pair) => pair,
                    Poll::Raised => return self.ending.fail(sources),
                    poll => return poll,
                };
                step = Step::Next;
                let selector = ffi::PyTuple_GET_ITEM(pair.as_ptr(), 1);
                match ffi::PyObject_IsTrue(selector) {
                    -1 => return self.ending.fail(sources),
                    0 => {}
                    _ => {
                        return Poll::Return(Obj::from_borrowed(ffi::PyTuple_GET_ITEM(
                            pair.as_ptr(),
                            0,
                        )))
                    }
                }
            }
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(self.gather.sources(), step) }
    }
}

held!(Compress { gather, ending });

/// Builds the types of `compress` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Compress>(py)?;
    COMPRESS.add_to(module, public_module)
}
