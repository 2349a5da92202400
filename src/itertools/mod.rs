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
mod tee;
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
    // end register: stateful

    // register: chain (chain, chain.from_iterable, cycle, count, repeat, zip_longest)
    // end register: chain

    // register: groupby
    // end register: groupby

    // register: tee
    {
        let py = module.py();
        crate::machinery::shared::register_shared::<tee::TeeState>(py)?;
        crate::machinery::iterator::register::<tee::TeeChild>(py)?;
        tee::TEE.add_to(module, PUBLIC_MODULE)?;
    }
    // end register: tee

    // register: combinatorics (product, permutations, combinations, combinations_with_replacement)
    // end register: combinatorics

    Ok(())
}
