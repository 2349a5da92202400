//! The async counterparts of `itertools`: one public name per file.

// modules: select
// end modules: select

// modules: stateful
mod accumulate;
mod batched;
mod islice;
mod pairwise;
// end modules: stateful

// modules: chain
// end modules: chain

// modules: groupby
// end modules: groupby

// modules: tee
// end modules: tee

// modules: combinatorics
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
    crate::machinery::iterator::register::<accumulate::Accumulate>(_py)?;
    crate::machinery::iterator::register::<pairwise::Pairwise>(_py)?;
    crate::machinery::iterator::register::<islice::Islice>(_py)?;
    crate::machinery::iterator::register::<batched::Batched>(_py)?;
    for function in [
        &accumulate::ACCUMULATE,
        &pairwise::PAIRWISE,
        &islice::ISLICE,
        &batched::BATCHED,
    ] {
        function.add_to(module, PUBLIC_MODULE)?;
    }
    // end register: stateful

    // register: chain (chain, chain.from_iterable, cycle, count, repeat, zip_longest)
    // end register: chain

    // register: groupby
    // end register: groupby

    // register: tee
    // end register: tee

    // register: combinatorics (product, permutations, combinations, combinations_with_replacement)
    // end register: combinatorics

    Ok(())
}
