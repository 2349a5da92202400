//! The vocabulary of `merge`'s state machine: where it is, and what a part of a step leads to.

use crate::machinery::exception::Failure;
use crate::machinery::object::Obj;
use crate::machinery::step::Poll;

/// Where the merge is.
#[derive(Clone, Copy)]
pub(super) enum State {
    /// Before the first step: `reverse` not read, no argument touched.
    Fresh,
    /// Starting argument `.0`: its iterator, its first item and key (in the heap at the end).
    Starting(usize, Stage),
    /// Two or more sources have items: their heads are in the heap.
    Merging(Stage),
    /// One source left: its head (`head`), then its own items.
    Last { source: usize, head: bool },
}

#[derive(Clone, Copy)]
pub(super) enum Stage {
    /// Starting: make the argument a source. Merging: give the top head.
    Open,
    /// Pulling an item from the source (merging: the top head's source).
    Pull,
    /// The key of the pulled item is in flight.
    Key,
    /// The source is exhausted: closing it.
    Close,
}

/// What a part of a step leads to.
pub(super) enum Flow {
    /// The state moved on: continue with a new step.
    Again,
    /// The outcome of the `__anext__` step (an item, or a suspension).
    Give(Poll),
    /// An exception is set: the merge ends with it.
    Fail,
}

impl Failure for Flow {
    #[inline]
    fn failure() -> Flow {
        Flow::Fail
    }
}

/// A pulled item with its key, or where the key call is.
pub(super) enum Keyed {
    /// The key and, with a key function, the item.
    Ready(Obj, Option<Obj>),
    Suspended(Obj),
    Failed,
}
