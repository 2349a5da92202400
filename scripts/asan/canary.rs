//! Deliberate memory errors, built exactly like the extension under test, to prove that the
//! ASan build and the preloaded runtime catch errors in Rust code loaded by CPython.
//! `scripts/asan/run.sh` calls each with ctypes and expects ASan's report.

use std::hint::black_box;

/// Reads one byte past the end of a heap buffer: ASan must report a heap-buffer-overflow.
#[no_mangle]
pub extern "C" fn canary_read_past_the_end(len: usize) -> u8 {
    let buffer = black_box(vec![7u8; len]);
    // SAFETY: none: reading one byte past the allocation is the point.
    unsafe { *black_box(buffer.as_ptr()).add(len) }
}

/// Reads the first word of the object at `address`: given a freed Python object, ASan must
/// report a heap-use-after-free (it sees Python's objects only under `PYTHONMALLOC=malloc`).
#[no_mangle]
pub extern "C" fn canary_read_word(address: usize) -> usize {
    // SAFETY: none: the caller passes freed memory on purpose.
    unsafe { std::ptr::read_volatile(address as *const usize) }
}
