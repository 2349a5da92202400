//! The async counterparts of `functools`: one public name per file.

mod reduce;

crate::machinery::module::public_names!(module "asyncitertools.functools"; reduce);
