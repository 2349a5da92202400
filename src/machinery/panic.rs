//! Rust panics never unwind into CPython: every raw entry point runs through [`guard`].

use pyo3::panic::PanicException;
use pyo3::Python;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `body`; if it panics, raises `PanicException` and returns `failed` instead.
///
/// A panic is a bug of ours. It must reach Python as an exception, never as an abort of the
/// interpreter (unwinding out of an `extern "C"` function aborts the process).
#[inline]
pub fn guard<R>(failed: R, body: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            // SAFETY: guards only wrap calls made by CPython, which hold the GIL.
            let py = unsafe { Python::assume_attached() };
            let message = if let Some(text) = payload.downcast_ref::<&str>() {
                (*text).to_owned()
            } else if let Some(text) = payload.downcast_ref::<String>() {
                text.clone()
            } else {
                "panic in asyncitertools".to_owned()
            };
            PanicException::new_err(message).restore(py);
            failed
        }
    }
}
