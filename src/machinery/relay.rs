//! A native async iterator that relays one source's items unchanged: `iter(iterable)` (the
//! source owned, closed when done) and `borrow(iterator)` (never closed; its `aclose()` does
//! nothing, so a function that closes what it is given leaves the borrowed iterator usable).

use super::ending::Ending;
use super::held::held;
use super::iterator::IterMachine;
use super::native_type::{native_type, NativeType};
use super::source::Source;
use super::step::{Poll, Step};
use std::marker::PhantomData;

/// The names of a relay type.
pub trait RelayKind: NativeType + 'static {
    /// Whether the relay owns its source: `aclose()` closes it and ends the relay. A
    /// borrowed source is never closed, and the relay's `aclose()` leaves it usable.
    const OWNS: bool;
}

/// Relays `source` (see the module docs).
pub struct Relay<K> {
    source: Source,
    ending: Ending,
    kind: PhantomData<K>,
}

impl<K> Relay<K> {
    pub fn new(source: Source) -> Relay<K> {
        Relay {
            source,
            ending: Ending::new(),
            kind: PhantomData,
        }
    }
}

impl<K> Relay<K> {
    /// The iterator relayed (`None` if the garbage collector cleared it).
    pub fn iterator(&self) -> Option<super::object::Obj> {
        self.source.iterator()
    }
}

native_type!(impl<K: RelayKind> for Relay<K> as K);

impl<K: RelayKind> IterMachine for Relay<K> {
    const ACLOSE_ENDS: bool = K::OWNS;

    unsafe fn poll_next(&self, step: Step) -> Poll {
        let sources = std::slice::from_ref(&self.source);
        // SAFETY: GIL held (trait contract).
        unsafe {
            self.ending
                .step(sources, step, |step| self.source.pull(step))
        }
    }

    unsafe fn poll_close(&self, step: Step) -> Poll {
        if !K::OWNS {
            return Poll::Return(super::object::Obj::none());
        }
        // SAFETY: GIL held (trait contract).
        unsafe { self.ending.close(std::slice::from_ref(&self.source), step) }
    }
}

held!(impl<K: RelayKind> for Relay<K> { source, ending });
