//! The async counterparts of `itertools`: one public name per file.

// modules: select
// end modules: select

// modules: stateful
// end modules: stateful

// modules: chain
// end modules: chain

// modules: groupby
// end modules: groupby

// modules: tee
// end modules: tee

// modules: combinatorics
mod combinations;
mod combinations_with_replacement;
mod combinatoric;
mod permutations;
mod product;
// end modules: combinatorics

#[allow(unused_imports)]
use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
#[allow(dead_code)]
const PUBLIC_MODULE: &str = "asyncitertools.itertools";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let _py = module.py();

    // register: select (dropwhile, takewhile, filterfalse, compress, starmap)
    // end register: select

    // register: stateful (accumulate, pairwise, islice, batched)
    // end register: stateful

    // register: chain (chain, chain.from_iterable, cycle, count, repeat, zip_longest)
    // end register: chain

    // register: groupby
    // end register: groupby

    // register: tee
    // end register: tee

    // register: combinatorics (product, permutations, combinations, combinations_with_replacement)
    {
        use crate::machinery::iterator::register;
        use combinatoric::Combinatorial;
        let py = module.py();
        register::<Combinatorial<product::Product>>(py)?;
        register::<Combinatorial<permutations::Permutations>>(py)?;
        register::<Combinatorial<combinations::Combinations>>(py)?;
        register::<Combinatorial<combinations_with_replacement::CombinationsWithReplacement>>(py)?;
        for function in [
            &product::PRODUCT,
            &permutations::PERMUTATIONS,
            &combinations::COMBINATIONS,
            &combinations_with_replacement::COMBINATIONS_WITH_REPLACEMENT,
        ] {
            function.add_to(module, PUBLIC_MODULE)?;
        }
    }
    // end register: combinatorics

    Ok(())
}
