//! The async counterparts of `itertools`: one public name per file.

// modules: select
mod compress;
mod dropwhile;
mod filterfalse;
mod starmap;
mod takewhile;
// end modules: select

// modules: stateful
mod accumulate;
mod batched;
mod islice;
mod pairwise;
// end modules: stateful

// modules: chain
mod chain;
mod count;
mod cycle;
mod repeat;
mod zip_longest;
// end modules: chain

// modules: groupby
mod groupby;
// end modules: groupby

// modules: tee
mod tee;
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
    {
        use crate::machinery::iterator::{self, IterMachine};
        let py = module.py();
        iterator::register_with::<chain::Chain>(py, chain::chain_new, chain::methods())?;
        // SAFETY: the type was just built; the module takes a new reference to it.
        let chain_type = unsafe {
            Bound::from_borrowed_ptr(
                py,
                chain::Chain::cell().type_ptr() as *mut pyo3::ffi::PyObject,
            )
        };
        module.add("chain", chain_type)?;
        iterator::register::<cycle::Cycle>(py)?;
        iterator::register::<count::Count>(py)?;
        iterator::register::<repeat::Repeat>(py)?;
        iterator::register::<zip_longest::ZipLongest>(py)?;
        for function in [
            &cycle::CYCLE,
            &count::COUNT,
            &repeat::REPEAT,
            &zip_longest::ZIP_LONGEST,
        ] {
            function.add_to(module, PUBLIC_MODULE)?;
        }
    }
    // end register: chain

    // register: groupby
    {
        let py = module.py();
        crate::machinery::iterator::register::<groupby::GroupBy>(py)?;
        crate::machinery::iterator::register::<groupby::Grouper>(py)?;
        groupby::GROUPBY.add_to(module, PUBLIC_MODULE)?;
    }
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
