//! `product(*iterables, repeat=1)`: the Cartesian product of the input iterables, from sync or async iterables collected first.

use super::combinatoric::Combinatorial;
use super::combinatoric::{entry, Combinatoric};
use crate::machinery::function::{vectorcall, BuiltinFunction};
use crate::machinery::iterator;
use crate::machinery::native_type::native_type;
use crate::machinery::stdlib::StdlibFunction;
use pyo3::prelude::*;

pub static PRODUCT: BuiltinFunction = BuiltinFunction::new(
    c"product",
    product,
    c"product(*iterables, repeat=1)\n--\n\n\
Return an async iterator of the Cartesian product of sync or async iterables, as \
itertools.product() gives it for their items (each iterable is consumed first).\n\n\
repeat: how many times the iterables are repeated.",
);

vectorcall!(product, |args, nargs, kwnames| {
    entry::<Product>(args, nargs, kwnames)
});

pub struct Product;

native_type!(
    Product,
    c"asyncitertools.itertools.product",
    c"Async iterator of the Cartesian product of the input iterables."
);

impl Combinatoric for Product {
    fn stdlib() -> &'static StdlibFunction {
        static FUNCTION: StdlibFunction = StdlibFunction::in_module(c"itertools", c"product");
        &FUNCTION
    }
    const VARIADIC: bool = true;
    const R_AFTER_POOL: bool = false;
}

/// Builds the types of `product` and adds it to `module`.
pub fn register(module: &Bound<'_, PyModule>, public_module: &str) -> PyResult<()> {
    let py = module.py();
    iterator::register::<Combinatorial<Product>>(py)?;
    PRODUCT.add_to(module, public_module)
}
