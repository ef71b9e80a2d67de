//! The global allocator of the lean modules: a few hundred bytes of code instead of
//! dlmalloc's ~6.5 KB. Blocks come in power-of-two size classes (16 bytes up); a freed
//! block is overwritten with zeros and kept on its class's free list for the next
//! allocation of that class; new blocks are cut from the end of the heap, which grows the
//! memory as needed. There is no splitting or merging: the lean modules allocate a few
//! kinds of small objects (keyed HMAC states, Tedee generators and verifiers, result
//! strings), so the memory held stays within a small multiple of the most ever live.
//!
//! As with the other entries' allocator, secrets never outlive their block: every block is
//! wiped before it is reused or kept.

use crate::io::Global;
use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;

const PAGE: usize = 65536;
const CLASSES: usize = usize::BITS as usize;
/// Block alignment: the block size up to this (no type here needs more).
const MAX_ALIGN: usize = 4096;

struct Heap;

/// Free-list heads per class (0: empty) and the heap's next free byte and end.
static FREE: Global<[usize; CLASSES]> = Global::new([0; CLASSES]);
static TOP: Global<(usize, usize)> = Global::new((0, 0));

extern "C" {
    /// The end of the static data: the linker's start of the heap.
    static __heap_base: u8;
}

fn class_of(layout: Layout) -> Option<(usize, usize)> {
    let size = layout
        .size()
        .max(layout.align())
        .max(16)
        .checked_next_power_of_two()?;
    if layout.align() > MAX_ALIGN {
        return None;
    }
    Some((size, size.trailing_zeros() as usize))
}

/// A new block of `size` bytes from the end of the heap (zeros: fresh memory).
fn carve(size: usize) -> Option<usize> {
    let top = TOP.get();
    if top.1 == 0 {
        // SAFETY: only the address of the linker symbol is taken.
        top.0 = core::ptr::addr_of!(__heap_base) as usize;
        top.1 = wasm32::memory_size(0).checked_mul(PAGE)?;
    }
    let align = size.min(MAX_ALIGN);
    // `align` is a power of two (>= 16), so `align - 1` cannot wrap.
    let mask = align.wrapping_sub(1);
    let start = top.0.checked_add(mask)? & !mask;
    let end = start.checked_add(size)?;
    if end > top.1 {
        let pages = end.checked_sub(top.1)?.div_ceil(PAGE);
        if wasm32::memory_grow(0, pages) == usize::MAX {
            return None;
        }
        top.1 = top.1.checked_add(pages.checked_mul(PAGE)?)?;
    }
    top.0 = end;
    Some(start)
}

// SAFETY: a block handed out is `size >= layout.size()` bytes, aligned to
// `min(size, MAX_ALIGN) >= layout.align()`, and owned by the caller until `dealloc`, which
// receives the same layout and so finds the same class.
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some((size, class)) = class_of(layout) else {
            return core::ptr::null_mut();
        };
        let Some(head) = FREE.get().get_mut(class) else {
            return core::ptr::null_mut();
        };
        if *head != 0 {
            let block = *head as *mut usize;
            *head = *block;
            *block = 0; // the link word: the rest of the block is zeros already
            return block.cast();
        }
        carve(size).map_or(core::ptr::null_mut(), |p| p as *mut u8)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // Zeros over what the caller owned, kept by `black_box` from being removed as dead
        // stores; then the block joins its free list.
        core::ptr::write_bytes(ptr, 0, layout.size());
        core::hint::black_box(ptr);
        if let Some(head) = class_of(layout).and_then(|(_, c)| FREE.get().get_mut(c)) {
            *ptr.cast::<usize>() = *head;
            *head = ptr as usize;
        }
    }
    // `realloc` keeps the default (alloc, copy, dealloc), so the old block is wiped.
}

#[global_allocator]
static HEAP: Heap = Heap;
