//! The running interpreter's version, for behaviour that changed in a patch release (the
//! build's `Py_3_X` cfgs only tell the minor version the extension was built for).

use pyo3::ffi;
use std::ffi::CStr;
use std::sync::OnceLock;

/// `(major, minor, micro)` of the running CPython, read once from `Py_GetVersion()`.
fn running() -> (u32, u32, u32) {
    static VERSION: OnceLock<(u32, u32, u32)> = OnceLock::new();
    *VERSION.get_or_init(|| {
        // SAFETY: Py_GetVersion returns a static, NUL-terminated string and needs no lock.
        let text = unsafe { CStr::from_ptr(ffi::Py_GetVersion()) };
        parse(text.to_bytes())
    })
}

/// The leading `X.Y.Z` of a version string such as `3.13.15 (main, ...)` or `3.15.0rc1+`.
fn parse(text: &[u8]) -> (u32, u32, u32) {
    let mut parts = [0u32; 3];
    let mut index = 0;
    for &byte in text {
        match byte {
            b'0'..=b'9' => parts[index] = parts[index] * 10 + u32::from(byte - b'0'),
            b'.' if index < 2 => index += 1,
            _ => break,
        }
    }
    (parts[0], parts[1], parts[2])
}

/// Whether the running interpreter is `major.minor.micro` or newer.
pub fn at_least(major: u32, minor: u32, micro: u32) -> bool {
    running() >= (major, minor, micro)
}

/// Whether CPython's `_PyGen_SetStopIterationValue` builds `StopIteration(value)` for every
/// value, `None` included (args `(None,)`): since 3.12.9 and 3.13.2. Before, `None` gave a
/// bare `StopIteration()` (args `()`).
pub fn stop_iteration_keeps_none() -> bool {
    let (major, minor, micro) = running();
    match (major, minor) {
        (3, 12) => micro >= 9,
        (3, 13) => micro >= 2,
        _ => (major, minor) > (3, 13),
    }
}
