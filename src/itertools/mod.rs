//! The async counterparts of `itertools`: one public name per file.

// modules: select
mod compress;
mod dropwhile;
mod filterfalse;
mod starmap;
mod takewhile;
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
// end modules: combinatorics

#[allow(unused_imports)]
use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
#[allow(dead_code)]
const PUBLIC_MODULE: &str = "asyncitertools.itertools";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let _py = module.py();

    // register: select (dropwhile, takewhile, filterfalse, compress, starmap)
    {
        use crate::machinery::iterator::register;
        use crate::machinery::select::Select;
        let py = module.py();
        register::<Select<dropwhile::DropWhile>>(py)?;
        register::<Select<takewhile::TakeWhile>>(py)?;
        register::<Select<filterfalse::FilterFalse>>(py)?;
        register::<compress::Compress>(py)?;
        register::<starmap::Starmap>(py)?;
        for function in [
            &dropwhile::DROPWHILE,
            &takewhile::TAKEWHILE,
            &filterfalse::FILTERFALSE,
            &compress::COMPRESS,
            &starmap::STARMAP,
        ] {
            function.add_to(module, PUBLIC_MODULE)?;
        }
    }
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
    // end register: combinatorics

    Ok(())
}
