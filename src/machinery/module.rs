//! How the public names join the module: each one's file has a `register` function (it builds
//! the name's types and adds the name), and each stdlib-mirroring folder declares its files as
//! plain `mod` items and registers them with [`public_names!`].

use pyo3::prelude::*;

/// Declares a folder's `register` function, which registers each of its files of public names
/// in turn under `module` (their `__module__`, where users import them from):
///
/// ```ignore
/// mod merge;
/// mod nlargest;
/// mod nsmallest;
///
/// public_names!(module "asyncitertools.heapq"; merge, nlargest, nsmallest);
/// ```
///
/// Each file named has `pub fn register(module: &Bound<'_, PyModule>, public_module: &str)`.
/// The files stay plain `mod` items, not declared by the macro, so that the tools that walk the
/// module tree (`cargo fmt`, cargo-mutants, rust-analyzer) find them. The two lists cannot
/// drift apart: a name not declared does not compile, a file not registered is dead code
/// (`make lint` denies warnings).
macro_rules! public_names {
    (module $public:literal; $($name:ident),* $(,)?) => {
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
