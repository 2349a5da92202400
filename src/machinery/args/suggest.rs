//! The closest keyword to a wrong one, as CPython suggests it (`Did you mean 'initial'?`):
//! its edit distance, with its costs.

use pyo3::ffi;
use std::ffi::CStr;

/// CPython's `_Py_CalculateSuggestions` (Python/suggestions.c) over `candidates`: the closest
/// by its weighted edit distance, if within a third of the characters involved.
///
/// # Safety
/// GIL held; `name` a str.
#[cfg(Py_3_13)]
pub(super) unsafe fn suggestion<'a>(
    name: *mut ffi::PyObject,
    candidates: &[&'a CStr],
) -> Option<&'a CStr> {
    // SAFETY: caller's contract; the UTF-8 buffer lives as long as the str.
    let name = unsafe {
        let mut size: ffi::Py_ssize_t = 0;
        let data = ffi::PyUnicode_AsUTF8AndSize(name, &mut size);
        if data.is_null() {
            // CPython offers no suggestion then either (an unencodable name).
            ffi::PyErr_Clear();
            return None;
        }
        std::slice::from_raw_parts(data as *const u8, size as usize)
    };
    let mut best: Option<(&CStr, usize)> = None;
    for &candidate in candidates {
        let item = candidate.to_bytes();
        if item == name {
            continue;
        }
        let mut max_cost = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, distance)) = best {
            max_cost = max_cost.min(distance.saturating_sub(1));
        }
        let distance = edit_cost(name, item, max_cost);
        if distance > max_cost {
            continue;
        }
        if best.map_or(true, |(_, best)| distance < best) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| candidate)
}

#[cfg(Py_3_13)]
const MOVE_COST: usize = 2;

/// CPython's `levenshtein_distance`: moves cost 2, a case flip 1; over `max_cost` means
/// "too far" (any value above it).
#[cfg(Py_3_13)]
fn edit_cost(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    const MAX_STRING_SIZE: usize = 40;
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row = [0usize; MAX_STRING_SIZE];
    for (i, cell) in row.iter_mut().enumerate().take(a.len()) {
        *cell = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &byte) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, byte);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

#[cfg(Py_3_13)]
fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        1
    } else {
        MOVE_COST
    }
}
