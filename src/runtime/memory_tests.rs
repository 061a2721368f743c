//! An environment that ends gives its memory back: a browser tab runs
//! thousands of cold starts, so a realm kept alive by anything (boa's module
//! namespaces did, before the patch in `vendor/boa_engine/STRATUS.md`) is
//! memory the page never gets back.

use std::cell::Cell;
use std::rc::Rc;

use boa_engine::gc::{empty_trace, Finalize, Trace};
use boa_engine::object::ObjectInitializer;
use boa_engine::{js_string, JsData};
use serde_json::json;

use super::tests::{config, run, T0};
use super::*;

/// Counts its drops: put on a realm's global object, it is dropped when
/// the realm is collected.
struct Watch(Rc<Cell<usize>>);

impl Drop for Watch {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

impl Finalize for Watch {}

// SAFETY: it holds no GC pointers.
unsafe impl Trace for Watch {
    empty_trace!();
}

impl JsData for Watch {}

fn collected_after_use(files: &[(&str, &str)]) -> usize {
    let dropped = Rc::new(Cell::new(0));
    for _ in 0..3 {
        let mut env = Environment::init(config("index.handler", files), T0).expect("init");
        assert!(run(&mut env, json!({})).result.is_ok());
        let ctx = &mut env.context;
        let watch = ObjectInitializer::with_native_data(Watch(dropped.clone()), ctx).build();
        ctx.global_object()
            .set(js_string!("__watch"), watch, false, ctx)
            .expect("set");
    }
    boa_engine::gc::force_collect();
    dropped.get()
}

#[test]
fn an_ended_es_module_environment_is_collected() {
    let files = [
        (
            "index.mjs",
            "import * as lib from './lib.mjs'; export const handler = async () => lib.one;",
        ),
        ("lib.mjs", "export const one = 1;"),
    ];
    assert_eq!(collected_after_use(&files), 3);
}

#[test]
fn an_ended_commonjs_environment_is_collected() {
    let files = [(
        "index.js",
        "const util = require('util'); exports.handler = async () => util.format('%d', 1);",
    )];
    assert_eq!(collected_after_use(&files), 3);
}
