//! The async counterparts of `itertools`: one public name per file, and the machine that the
//! combinatoric iterators share (`combinatoric`).

mod accumulate;
mod batched;
mod chain;
mod combinations;
mod combinations_with_replacement;
mod combinatoric;
mod compress;
mod count;
mod cycle;
mod dropwhile;
mod filterfalse;
mod groupby;
mod islice;
mod pairwise;
mod permutations;
mod product;
mod repeat;
mod starmap;
mod takewhile;
mod tee;
mod zip_longest;

use crate::machinery::iterator::{self};
use crate::machinery::native_type::NativeType;
use crate::machinery::select::Select;
use crate::machinery::shared::register_shared;
use combinatoric::Combinatorial;
use pyo3::prelude::*;

/// Where users import these from (their `__module__`).
const PUBLIC_MODULE: &str = "asyncitertools.itertools";

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();

    // The infinite iterators.
    iterator::register::<count::Count>(py)?;
    iterator::register::<cycle::Cycle>(py)?;
    iterator::register::<repeat::Repeat>(py)?;

    // The iterators that end with the shortest input.
    iterator::register::<accumulate::Accumulate>(py)?;
    iterator::register::<batched::Batched>(py)?;
    iterator::register::<compress::Compress>(py)?;
    iterator::register::<Select<dropwhile::DropWhile>>(py)?;
    iterator::register::<Select<filterfalse::FilterFalse>>(py)?;
    iterator::register::<groupby::GroupBy>(py)?;
    iterator::register::<groupby::Grouper>(py)?;
    iterator::register::<islice::Islice>(py)?;
    iterator::register::<pairwise::Pairwise>(py)?;
    iterator::register::<starmap::Starmap>(py)?;
    iterator::register::<Select<takewhile::TakeWhile>>(py)?;
    register_shared::<tee::TeeState>(py)?;
    iterator::register::<tee::TeeChild>(py)?;
    iterator::register::<zip_longest::ZipLongest>(py)?;

    // The combinatoric iterators.
    iterator::register::<Combinatorial<product::Product>>(py)?;
    iterator::register::<Combinatorial<permutations::Permutations>>(py)?;
    iterator::register::<Combinatorial<combinations::Combinations>>(py)?;
    iterator::register::<Combinatorial<combinations_with_replacement::CombinationsWithReplacement>>(
        py,
    )?;

    for function in [
        &count::COUNT,
        &cycle::CYCLE,
        &repeat::REPEAT,
        &accumulate::ACCUMULATE,
        &batched::BATCHED,
        &compress::COMPRESS,
        &dropwhile::DROPWHILE,
        &filterfalse::FILTERFALSE,
        &groupby::GROUPBY,
        &islice::ISLICE,
        &pairwise::PAIRWISE,
        &starmap::STARMAP,
        &takewhile::TAKEWHILE,
        &tee::TEE,
        &zip_longest::ZIP_LONGEST,
        &product::PRODUCT,
        &permutations::PERMUTATIONS,
        &combinations::COMBINATIONS,
        &combinations_with_replacement::COMBINATIONS_WITH_REPLACEMENT,
    ] {
        function.add_to(module, PUBLIC_MODULE)?;
    }

    // `chain` is a class, as the stdlib's (it has the classmethod `from_iterable`).
    iterator::register_with::<chain::Chain>(py, Some(chain::chain_new), chain::methods())?;
    // SAFETY: the type was just built; the module takes a new reference to it.
    let chain_type = unsafe {
        Bound::from_borrowed_ptr(
            py,
            <chain::Chain as NativeType>::cell().type_ptr() as *mut pyo3::ffi::PyObject,
        )
    };
    module.add("chain", chain_type)?;
    Ok(())
}
