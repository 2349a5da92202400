//! The shared machinery. Every public function of the package is built from these parts;
//! none of them is copied into a combinator.
//!
//! - [`object`]: owned references that decref directly (no PyO3 pool in raw slots).
//! - [`panic`]: the guard that keeps Rust panics from unwinding into CPython.
//! - [`slots`]: a type's async slots, read as CPython reads them.
//! - [`stop`]: the completion value of an iterator step, in and out of `StopIteration`.
//! - [`version`]: the running interpreter's patch release, where behaviour changed in one.
//! - [`drive`]: advancing an awaitable's iterator one step, as CPython's `SEND` does.
//! - [`native_type`]: building a native type from raw slots; free lists; the trashcan.
//! - [`awaitable`]: the native awaitable type every async step is made of.
//! - [`function`]: builtin functions with CPython's own calling convention and messages.

pub mod args;
pub mod awaitable;
pub mod call;
pub mod clinic;
pub mod drive;
pub mod ending;
pub mod exception;
pub mod function;
pub mod gather;
pub mod held;
pub mod iterator;
pub mod misuse;
pub mod module;
pub mod native_type;
pub mod object;
pub mod oneshot;
pub mod panic;
pub mod pending;
pub mod python_args;
pub mod reduce;
pub mod relay;
pub mod select;
pub mod shared;
pub mod slot;
pub mod slots;
pub mod source;
pub mod stdlib;
pub mod step;
pub mod stop;
pub mod version;
