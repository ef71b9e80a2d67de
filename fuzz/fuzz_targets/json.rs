//! The JSON object reader. Properties: no panic (deep nesting included); whatever it
//! accepts, serde_json accepts too, with the same member names in the same order and the
//! same string values; strings written by `push_string` read back unchanged.
#![no_main]
use authsmith::json::{parse_object, push_string, JsonError, Value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        // Non-UTF-8 input: the lossy form still must not panic.
        let _ = parse_object(&String::from_utf8_lossy(data));
        return;
    };
    match parse_object(text) {
        Ok(members) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => {
                // serde_json keeps the last of duplicate keys; ours refuses duplicates,
                // so the key sets match one to one.
                assert_eq!(map.len(), members.len(), "{text:?}");
                for (k, v) in &members {
                    let theirs = map.get(k).unwrap_or_else(|| panic!("key {k:?} missing"));
                    match (v, theirs) {
                        (Value::Str(a), serde_json::Value::String(b)) => assert_eq!(a, b),
                        (Value::Str(_), other) => panic!("string read as {other:?}"),
                        (Value::Bool(a), serde_json::Value::Bool(b)) => assert_eq!(a, b),
                        (Value::Null, serde_json::Value::Null) => {}
                        (Value::Array, serde_json::Value::Array(_)) => {}
                        (Value::Object, serde_json::Value::Object(_)) => {}
                        (Value::Num(n), serde_json::Value::Number(x)) => {
                            if let (Some(n), Some(f)) = (n, x.as_f64()) {
                                // The integer part of a non-negative number.
                                if f < 9.0e15 {
                                    assert_eq!(*n, f.trunc() as u64, "{text:?}");
                                }
                            }
                        }
                        (a, b) => panic!("{a:?} read, serde_json read {b:?}"),
                    }
                }
            }
            Ok(other) => panic!("accepted a non-object: {other:?}"),
            // serde_json refuses numbers beyond f64 (1e400); JSON allows them.
            Err(e) => assert!(
                e.to_string().contains("number out of range"),
                "{e}: {text:?}"
            ),
        },
        Err(JsonError::NotObject) => {
            let v: serde_json::Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    assert!(
                        e.to_string().contains("number out of range")
                            || e.to_string().contains("recursion limit"),
                        "{e}: {text:?}"
                    );
                    return;
                }
            };
            assert!(!v.is_object());
        }
        Err(JsonError::DuplicateKey) => {
            // serde_json accepts it (last wins); ours refuses: a documented difference.
        }
        Err(JsonError::Syntax | JsonError::TooDeep) => {}
    }
    // push_string → parse_object round trip.
    let mut doc = String::from("{\"k\":");
    push_string(&mut doc, text);
    doc.push('}');
    assert_eq!(
        parse_object(&doc),
        Ok(vec![("k".to_string(), Value::Str(text.to_string()))])
    );
});
