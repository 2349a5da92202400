//! What a result's awaitable says when it is used as the result it stands for: the awaitable
//! of `list(...)` subscripted, `len()` of it, `sum(...) + 1`, `max(...) > 3`. Without an
//! `await` a user holds the awaitable, not the list or the number; CPython's own messages would
//! name only the type (`'list_awaitable' object is not subscriptable`). These slots raise the
//! same `TypeError` with CPython's words and add the hint a coroutine's user would need: "Did
//! you forget to await it?" (as CPython adds "Perhaps you forgot a comma?" to a message).
//!
//! A binary operator gives the other operand its chance first, as CPython does: `x + aw` and
//! `aw + x` work when `x`'s type knows what to do with an awaitable; only when neither operand
//! does is the error raised. Truth is not refused: libraries test awaitables for truth
//! (asyncio's task repr says `if task._coro:`), so an awaitable is true, as a coroutine is;
//! `if any(...):` without `await` is caught by the never-awaited warning instead. `==` and `!=` keep identity (awaitables stay hashable and usable
//! in containers); iteration is not refused, since `yield from` and the interpreter's `SEND`
//! need the awaitable to be its own iterator.

use super::native_type::slot;
use super::panic::guard;
use super::slots::{async_methods, type_name};
use pyo3::ffi;
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

/// The hint every message ends with.
const HINT: &CStr = c"Did you forget to await it?";

/// The slots that refuse a result's operations with the hint.
pub fn slots() -> Vec<ffi::PyType_Slot> {
    let mut slots = vec![
        slot(ffi::Py_mp_subscript, subscript as *mut c_void),
        slot(ffi::Py_mp_length, length as *mut c_void),
        slot(ffi::Py_sq_contains, contains as *mut c_void),
        slot(ffi::Py_tp_richcompare, richcompare as *mut c_void),
        slot(ffi::Py_tp_hash, hash as *mut c_void),
        slot(ffi::Py_nb_negative, negative as *mut c_void),
        slot(ffi::Py_nb_positive, positive as *mut c_void),
        slot(ffi::Py_nb_absolute, absolute as *mut c_void),
        slot(ffi::Py_nb_invert, invert as *mut c_void),
        slot(ffi::Py_nb_int, int as *mut c_void),
        slot(ffi::Py_nb_float, float as *mut c_void),
        slot(ffi::Py_nb_index, index as *mut c_void),
        slot(ffi::Py_nb_bool, truth as *mut c_void),
        slot(ffi::Py_nb_power, power as *mut c_void),
    ];
    macro_rules! binary_slots {
        ($($slot:ident $name:ident $symbol:literal),* $(,)?) => {$(
            unsafe extern "C" fn $name(
                left: *mut ffi::PyObject,
                right: *mut ffi::PyObject,
            ) -> *mut ffi::PyObject {
                // SAFETY: CPython calls a binary slot with the GIL and two live operands.
                unsafe { binary(left, right, ffi::$slot, $symbol) }
            }
            slots.push(slot(ffi::$slot, $name as *mut c_void));
        )*};
    }
    binary_slots!(
        Py_nb_add add c"+",
        Py_nb_subtract subtract c"-",
        Py_nb_multiply multiply c"*",
        Py_nb_matrix_multiply matrix_multiply c"@",
        Py_nb_true_divide true_divide c"/",
        Py_nb_floor_divide floor_divide c"//",
        Py_nb_remainder remainder c"%",
        Py_nb_divmod divmod c"divmod()",
        Py_nb_lshift lshift c"<<",
        Py_nb_rshift rshift c">>",
        Py_nb_and and c"&",
        Py_nb_or or c"|",
        Py_nb_xor xor c"^",
    );
    slots
}

/// Whether `obj` is the awaitable of a result (its type has these slots).
///
/// # Safety
/// `obj` alive.
pub unsafe fn is_result_awaitable(obj: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract.
    unsafe { is_refusing(obj) }
}

/// Refuses to iterate a result's awaitable as a sync iterable (`list(sorted(xs))` without
/// the inner `await` would step the awaitable and find no items): `'sorted_awaitable' object
/// is not iterable.` and the hint. Null, for the caller to return.
///
/// # Safety
/// GIL held; `obj` alive.
pub unsafe fn refuse_iteration(obj: *mut ffi::PyObject) {
    // SAFETY: caller's contract.
    unsafe { refuse(c"'%s' object is not iterable.", obj) }
}

/// Adds to the `TypeError` just raised for an argument that is not iterable the hint its
/// object calls for, as a note (PEP 678, shown under the traceback; the message stays
/// CPython's): an awaitable (a coroutine: `list(fetch_rows())`) was meant to be awaited, a
/// function (`list(rows)` for an async generator function) to be called.
///
/// # Safety
/// GIL held; `obj` alive; an exception set.
pub unsafe fn hint_not_iterable(obj: *mut ffi::PyObject) {
    // SAFETY: caller's contract.
    unsafe {
        if ffi::PyErr_ExceptionMatches(ffi::PyExc_TypeError) == 0 {
            return;
        }
        let note = if async_methods(obj).is_some_and(|slots| slots.am_await.is_some()) {
            c"Did you forget to await it?"
        } else if ffi::PyCallable_Check(obj) != 0 && ffi::PyType_Check(obj) == 0 {
            c"Did you forget to call it?"
        } else {
            return;
        };
        super::exception::add_note(note);
    }
}

/// Raises `TypeError` with `message`, formatted with `obj`'s type name, and the hint.
///
/// # Safety
/// GIL held; `obj` alive; `message` has one `%s`.
unsafe fn refuse(message: &CStr, obj: *mut ffi::PyObject) {
    // SAFETY: caller's contract.
    unsafe {
        let text = ffi::PyUnicode_FromFormat(message.as_ptr(), type_name(obj));
        if !text.is_null() {
            raise_with_hint(text);
        }
    }
}

/// Raises `TypeError` with `text` (a new reference, consumed) and the hint after it.
///
/// # Safety
/// GIL held; `text` a live str.
unsafe fn raise_with_hint(text: *mut ffi::PyObject) {
    // SAFETY: caller's contract.
    unsafe {
        let full = ffi::PyUnicode_FromFormat(c"%U %s".as_ptr(), text, HINT.as_ptr());
        ffi::Py_DECREF(text);
        if !full.is_null() {
            ffi::PyErr_SetObject(ffi::PyExc_TypeError, full);
            ffi::Py_DECREF(full);
        }
    }
}

unsafe extern "C" fn subscript(
    obj: *mut ffi::PyObject,
    _key: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: CPython calls mp_subscript with the GIL on live objects.
        unsafe { refuse(c"'%s' object is not subscriptable.", obj) };
        null_mut()
    })
}

unsafe extern "C" fn length(obj: *mut ffi::PyObject) -> ffi::Py_ssize_t {
    guard(-1, || {
        // SAFETY: CPython calls mp_length with the GIL on a live object.
        unsafe { refuse(c"object of type '%s' has no len().", obj) };
        -1
    })
}

unsafe extern "C" fn contains(obj: *mut ffi::PyObject, _value: *mut ffi::PyObject) -> c_int {
    guard(-1, || {
        // SAFETY: CPython calls sq_contains with the GIL on live objects.
        unsafe { refuse(c"argument of type '%s' is not a container.", obj) };
        -1
    })
}

unsafe extern "C" fn richcompare(
    obj: *mut ffi::PyObject,
    _other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: CPython calls tp_richcompare with the GIL on live objects. Equality falls
        // back to identity (NotImplemented from both sides); an ordering is refused, the
        // other operand having had its turn first or getting none (it is refused either way
        // unless the other type compares with anything, as CPython's reflected call allows).
        unsafe {
            if op == ffi::Py_EQ || op == ffi::Py_NE {
                return ffi::Py_NewRef(ffi::Py_NotImplemented());
            }
            refuse(c"'%s' object does not support ordering comparisons.", obj);
            null_mut()
        }
    })
}

/// `object.__hash__`, which a type with its own `tp_richcompare` does not inherit: the
/// pointer rotated by 4 bits (CPython's `_Py_HashPointer`), `-1` being reserved for errors.
unsafe extern "C" fn hash(obj: *mut ffi::PyObject) -> ffi::Py_hash_t {
    let hash = (obj as usize).rotate_right(4) as ffi::Py_hash_t;
    if hash == -1 {
        -2
    } else {
        hash
    }
}

macro_rules! unary_slots {
    ($($name:ident $message:literal),* $(,)?) => {$(
        unsafe extern "C" fn $name(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
            guard(null_mut(), || {
                // SAFETY: CPython calls a unary slot with the GIL on a live object.
                unsafe { refuse($message, obj) };
                null_mut()
            })
        }
    )*};
}

unary_slots!(
    negative c"bad operand type for unary -: '%s'.",
    positive c"bad operand type for unary +: '%s'.",
    absolute c"bad operand type for abs(): '%s'.",
    invert c"bad operand type for unary ~: '%s'.",
    int c"int() argument must be a string, a bytes-like object or a real number, not '%s'.",
    float c"float() argument must be a string or a real number, not '%s'.",
    index c"'%s' object cannot be interpreted as an integer.",
);

/// `nb_bool`: true, as for any object (a coroutine too). Needed since the type has
/// `mp_length`, which truth would otherwise fall back to, and refuse.
unsafe extern "C" fn truth(_obj: *mut ffi::PyObject) -> c_int {
    1
}

/// Whether `obj` is one of the objects these slots serve (its type has them).
///
/// # Safety
/// `obj` alive.
unsafe fn is_refusing(obj: *mut ffi::PyObject) -> bool {
    // SAFETY: caller's contract.
    unsafe {
        ffi::PyType_GetSlot(ffi::Py_TYPE(obj), ffi::Py_mp_subscript) == subscript as *mut c_void
    }
}

/// A binary operator: the other operand's slot decides first; if it has none or returns
/// `NotImplemented`, `TypeError` with CPython's words and the hint.
///
/// # Safety
/// GIL held; the operands alive; `which` a binary `nb_` slot id.
unsafe fn binary(
    left: *mut ffi::PyObject,
    right: *mut ffi::PyObject,
    which: c_int,
    symbol: &CStr,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: caller's contract. The other operand's slot is called as CPython would call
        // it (with the operands in their order); if it is ours too, there is nothing to try.
        unsafe {
            let decided = other_first(left, right, which, |slot| {
                let slot: ffi::binaryfunc = std::mem::transmute(slot);
                slot(left, right)
            });
            decided.unwrap_or_else(|| {
                unsupported(left, right, symbol);
                null_mut()
            })
        }
    })
}

/// `unsupported operand type(s) for +: 'a' and 'b'.` and the hint.
///
/// # Safety
/// GIL held; the operands alive.
unsafe fn unsupported(left: *mut ffi::PyObject, right: *mut ffi::PyObject, symbol: &CStr) {
    // SAFETY: caller's contract.
    unsafe {
        let text = ffi::PyUnicode_FromFormat(
            c"unsupported operand type(s) for %s: '%s' and '%s'.".as_ptr(),
            symbol.as_ptr(),
            type_name(left),
            type_name(right),
        );
        if !text.is_null() {
            raise_with_hint(text);
        }
    }
}

/// The other operand (not ours) gets its turn first, as CPython gives it: its slot `which`,
/// called by `call`, decides unless it has none or returns `NotImplemented` (`None`).
///
/// # Safety
/// GIL held; the operands alive; `which` a number slot id whose function `call` calls with
/// the operands in their order.
unsafe fn other_first(
    left: *mut ffi::PyObject,
    right: *mut ffi::PyObject,
    which: c_int,
    call: impl FnOnce(*mut c_void) -> *mut ffi::PyObject,
) -> Option<*mut ffi::PyObject> {
    // SAFETY: caller's contract.
    unsafe {
        let other = if is_refusing(left) { right } else { left };
        if is_refusing(other) {
            return None;
        }
        let slot = ffi::PyType_GetSlot(ffi::Py_TYPE(other), which);
        if slot.is_null() {
            return None;
        }
        let result = call(slot);
        if result == ffi::Py_NotImplemented() {
            ffi::Py_DECREF(result);
            return None;
        }
        Some(result)
    }
}

unsafe extern "C" fn power(
    base: *mut ffi::PyObject,
    exponent: *mut ffi::PyObject,
    modulus: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    guard(null_mut(), || {
        // SAFETY: CPython calls nb_power with the GIL and live operands (`modulus` None for
        // the two-argument form). The other operand decides first, as for the others.
        unsafe {
            let decided = other_first(base, exponent, ffi::Py_nb_power, |slot| {
                let slot: ffi::ternaryfunc = std::mem::transmute(slot);
                slot(base, exponent, modulus)
            });
            if let Some(result) = decided {
                return result;
            }
            let symbol = if ffi::Py_IsNone(modulus) != 0 {
                c"** or pow()"
            } else {
                c"pow()"
            };
            unsupported(base, exponent, symbol);
            null_mut()
        }
    })
}
