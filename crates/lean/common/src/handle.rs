//! Objects the JS holds (an `Hmac`, a Tedee generator or verifier): boxed on the module's
//! heap, passed to the JS as a pointer (its handle, never 0), borrowed back on each call and
//! freed once. The JS object zeroes its handle when freed and refuses calls after, so a
//! handle reaching these functions is live or 0.

use alloc::boxed::Box;
use authsmith_core::error::Result;

/// A new object's handle.
pub fn new<T>(v: T) -> *mut T {
    Box::into_raw(Box::new(v))
}

/// The handle of `r`'s object, or 0 with the error in the output buffer.
pub fn from_result<T>(r: Result<T>) -> *mut T {
    match r {
        Ok(v) => new(v),
        Err(e) => {
            crate::io::err(&e);
            core::ptr::null_mut()
        }
    }
}

/// The object of a handle (`None` for 0).
///
/// # Safety
/// `h` is 0 or came from `new`/`from_result` for a `T` and was not passed to `free`.
pub unsafe fn with<T>(h: *mut T) -> Option<&'static mut T> {
    // SAFETY: the caller's contract.
    unsafe { h.as_mut() }
}

/// Frees the object of a handle (the allocator wipes its block); 0 is ignored.
///
/// # Safety
/// As for `with`; afterwards the handle is not used again.
pub unsafe fn free<T>(h: *mut T) {
    if !h.is_null() {
        // SAFETY: the caller's contract.
        drop(unsafe { Box::from_raw(h) });
    }
}
