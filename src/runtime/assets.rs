//! Text the runtime compiles on first use: its JavaScript parts (every
//! `*.js` under `src/runtime/`) and the SDK's service models
//! (`sdk/models.txt`). Native builds carry them (`include_str!`). The page does
//! not: `scripts/runtime_assets.cjs` (Trunk's post-build hook) writes them into
//! one JSON file, `runtime/lib.json` (~200 KB brotli), which the page fetches
//! after its first paint and hands over with [`install`]. That keeps them off
//! the first load; a scenario with functions waits for them (`web::runtime_lib`).
//! The `embedded-assets` feature makes a wasm build carry them too (the browser
//! tests).

/// The text of a runtime asset, named by its path relative to the calling file, as
/// `include_str!` takes it.
macro_rules! asset {
    ($path:literal) => {{
        #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-assets"))]
        let text: &'static str = include_str!($path);
        #[cfg(all(target_arch = "wasm32", not(feature = "embedded-assets")))]
        let text: &'static str = $crate::runtime::assets::installed(file!(), $path);
        text
    }};
}
pub(crate) use asset;

/// Whether the assets are here: always natively; in the page once [`install`] has run.
pub fn ready() -> bool {
    #[cfg(all(target_arch = "wasm32", not(feature = "embedded-assets")))]
    {
        INSTALLED.get().is_some()
    }
    #[cfg(any(not(target_arch = "wasm32"), feature = "embedded-assets"))]
    {
        true
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "embedded-assets")))]
static INSTALLED: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
    std::sync::OnceLock::new();

/// Takes `runtime/lib.json` (`{ "extras.js": "...", "sdk/models.txt": "..." }`). Returns
/// false if it is not that.
#[cfg(target_arch = "wasm32")]
pub fn install(json: &str) -> bool {
    #[cfg(not(feature = "embedded-assets"))]
    {
        let Ok(map) = serde_json::from_str::<std::collections::HashMap<String, String>>(json)
        else {
            return false;
        };
        let map = map
            .into_iter()
            .map(|(k, v)| (k, &*Box::leak(v.into_boxed_str())))
            .collect();
        let _ = INSTALLED.set(map);
        true
    }
    #[cfg(feature = "embedded-assets")]
    {
        let _ = json;
        true
    }
}

/// Until the assets are installed, a JavaScript part that throws when it is run.
#[cfg(all(target_arch = "wasm32", not(feature = "embedded-assets")))]
const NOT_YET: &str = "(function () { throw new Error('Stratus is still loading its Node.js runtime library (runtime/lib.json): invoke again in a moment'); })";

/// The asset `path` (relative to `file`, a path under `src/runtime/`), or a stand-in that
/// says it has not arrived.
#[cfg(all(target_arch = "wasm32", not(feature = "embedded-assets")))]
pub fn installed(file: &str, path: &str) -> &'static str {
    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = Vec::new();
    for part in dir.split('/').chain(path.split('/')) {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            _ => parts.push(part),
        }
    }
    let full = parts.join("/");
    let name = full
        .split_once("src/runtime/")
        .map_or(full.as_str(), |(_, n)| n);
    match INSTALLED.get().and_then(|m| m.get(name)) {
        Some(text) => text,
        None if name.ends_with(".js") => NOT_YET,
        None => "",
    }
}
