//! How the public names join the module: each one's file has a `register` function (it builds
//! the name's types and adds the name), and each stdlib-mirroring folder lists its files once
//! with [`public_names!`].

use pyo3::prelude::*;

/// Declares a folder's files of public names and its `register` function, which registers
/// each in turn under `module` (their `__module__`, where users import them from):
///
/// ```ignore
/// public_names!(module "asyncitertools.heapq"; merge, nlargest, nsmallest);
/// ```
///
/// Each file named has `pub fn register(module: &Bound<'_, PyModule>, public_module: &str)`.
///
/// `cargo fmt` does not see modules declared inside a macro: `make fmt` and `make lint` run
/// rustfmt on every source file instead.
macro_rules! public_names {
    (module $public:literal; $($name:ident),* $(,)?) => {
        $(mod $name;)*

        /// Builds the types of this folder's public names and adds the names to `module`.
        pub fn register(module: &::pyo3::Bound<'_, ::pyo3::types::PyModule>) -> ::pyo3::PyResult<()> {
            $($name::register(module, $public)?;)*
            Ok(())
        }
    };
}
pub(crate) use public_names;

/// Builds the types the machinery itself provides to every public name (the awaitables of a
/// native iterator's `__anext__()` and `aclose()`).
pub fn register(py: Python<'_>) -> PyResult<()> {
    super::iterator::register_steps(py)
}
