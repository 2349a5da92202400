//! The async counterparts of `itertools`: one public name per file, and the machine that the
//! combinatoric iterators share (`combinatoric`).

mod combinatoric;

mod accumulate;
mod batched;
mod chain;
mod combinations;
mod combinations_with_replacement;
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

crate::machinery::module::public_names!(module "asyncitertools.itertools";
    // The infinite iterators.
    count, cycle, repeat,
    // The iterators that end with the shortest input.
    accumulate, batched, chain, compress, dropwhile, filterfalse, groupby, islice, pairwise,
    starmap, takewhile, tee, zip_longest,
    // The combinatoric iterators.
    product, permutations, combinations, combinations_with_replacement,
);
