//! The global allocator of the wasm build: the system allocator (dlmalloc), but every
//! block is overwritten with zeros before it is freed. Secrets reach wasm memory in
//! places the code cannot wrap in `Zeroizing`: the buffers wasm-bindgen allocates to pass
//! a JS string or `Uint8Array` in and a result out, `Vec` growth, temporary strings. With
//! this allocator none of them outlives its use in the heap. (The shadow stack is not
//! covered: see SECURITY.md.)

use core::alloc::{GlobalAlloc, Layout};

// The allocator underneath: dlmalloc (std's own on wasm; the wasm builds have no std).
use dlmalloc::GlobalDlmalloc as System;

pub struct ZeroOnFree;

// SAFETY: every method forwards to `System` with the same layout; `dealloc` first writes
// zeros over the `layout.size()` bytes the caller owns at `ptr`.
unsafe impl GlobalAlloc for ZeroOnFree {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // A memset (wasm `memory.fill`), then the pointer escapes through `black_box`, so
        // the zeros cannot be removed as dead stores before the free.
        core::ptr::write_bytes(ptr, 0, layout.size());
        core::hint::black_box(ptr);
        System.dealloc(ptr, layout)
    }

    // `realloc` keeps the default (alloc, copy, dealloc): the old block goes through
    // `dealloc` and is wiped, where an in-place shrink or move would leave bytes behind.
}

#[global_allocator]
static ALLOCATOR: ZeroOnFree = ZeroOnFree;
