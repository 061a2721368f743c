//! ES module loading: user `.mjs` files (and `.js` under a package.json with
//! `"type": "module"`, or with ES module syntax and no `"type"` where the
//! runtime detects it) are checked and parsed; CommonJS files and the
//! built-ins (`@aws-sdk/client-*`, `node:crypto`, ...) are evaluated through
//! the runtime's `require` (`modules.js`) and exposed as synthetic modules whose default
//! export is `module.exports` and whose named exports are its keys, as
//! Node's ESM-to-CommonJS interop does.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use boa_engine::module::{ModuleLoader, Referrer, SyntheticModuleInitializer};
use boa_engine::object::builtins::JsArray;
use boa_engine::property::PropertyKey;
use boa_engine::{
    js_string, Context, JsNativeError, JsObject, JsResult, JsString, JsValue, Module, Source,
};

use super::globals;
use super::host::{normalize, HostState};
use super::prepare;

/// Why a module failed to load, kept to classify the init error the way
/// the Lambda runtime does.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LoadFailure {
    NotFound(String),
    Syntax(String),
}

pub(crate) struct Loader {
    pub state: Rc<HostState>,
    pub cache: RefCell<HashMap<String, Module>>,
    pub failure: RefCell<Option<LoadFailure>>,
}

impl Loader {
    pub fn new(state: Rc<HostState>) -> Self {
        Loader {
            state,
            cache: RefCell::new(HashMap::new()),
            failure: RefCell::new(None),
        }
    }

    fn fail(&self, failure: LoadFailure) -> boa_engine::JsError {
        let message = match &failure {
            LoadFailure::NotFound(m) | LoadFailure::Syntax(m) => m.clone(),
        };
        let is_syntax = matches!(failure, LoadFailure::Syntax(_));
        self.failure.borrow_mut().get_or_insert(failure);
        if is_syntax {
            JsNativeError::syntax().with_message(message).into()
        } else {
            JsNativeError::error().with_message(message).into()
        }
    }

    /// Parses an ES module at `/var/task/<key>`.
    pub fn parse_esm(&self, key: &str, ctx: &mut Context) -> JsResult<Module> {
        let path = format!("/var/task/{key}");
        if let Some(m) = self.cache.borrow().get(&path) {
            return Ok(m.clone());
        }
        let source = self.state.files.get(key).map_or("", String::as_str);
        let code = prepare::cached(prepare::Kind::Module, source)
            .map_err(|e| self.fail(LoadFailure::Syntax(e.0)))?;
        self.state.remember_code(&path, code.clone());
        let module = Module::parse(
            Source::from_bytes(code.text.as_bytes()).with_path(Path::new(&path)),
            None,
            ctx,
        )
        .map_err(|e| self.fail(LoadFailure::Syntax(e.to_string())))?;
        self.cache.borrow_mut().insert(path, module.clone());
        Ok(module)
    }

    /// Whether `/var/task/<key>` loads as an ES module: `.mjs`, `.js` under
    /// `"type": "module"`, or a typeless `.js` file with ES module syntax
    /// when the runtime detects it.
    pub fn is_esm(&self, key: &str) -> bool {
        let source = self.state.files.get(key).map_or("", String::as_str);
        super::syntax::loads_as_module(key, self.state.esm_js, self.state.detect_esm.get(), source)
    }

    fn call_modules(&self, method: &str, arg: &str, ctx: &mut Context) -> JsResult<JsValue> {
        let modules = globals::modules(ctx)?;
        globals::call_part(&modules, method, &[JsString::from(arg).into()], ctx)
    }

    fn resolve(&self, spec: &str, from: &str, ctx: &mut Context) -> JsResult<Module> {
        if spec.starts_with('.') || spec.starts_with('/') {
            let dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
            let full = if spec.starts_with('/') {
                spec.to_string()
            } else {
                format!("{dir}{spec}")
            };
            let key = normalize(&full).filter(|k| self.state.files.contains_key(k));
            let Some(key) = key else {
                let shown = normalize(&full).map_or(full.clone(), |k| format!("/var/task/{k}"));
                return Err(self.fail(LoadFailure::NotFound(format!(
                    "Cannot find module '{shown}' imported from {from}"
                ))));
            };
            if self.is_esm(&key) {
                return self.parse_esm(&key, ctx);
            }
            let path = format!("/var/task/{key}");
            if let Some(m) = self.cache.borrow().get(&path) {
                return Ok(m.clone());
            }
            let exports = self.call_modules("requireMain", &path, ctx)?;
            let module = synthetic(exports, ctx)?;
            self.cache.borrow_mut().insert(path, module.clone());
            return Ok(module);
        }
        let name = spec.strip_prefix("node:").unwrap_or(spec);
        let cache_key = format!("builtin:{name}");
        if let Some(m) = self.cache.borrow().get(&cache_key) {
            return Ok(m.clone());
        }
        let exports = self.call_modules("builtin", name, ctx)?;
        if exports.is_undefined() {
            let package = spec
                .split('/')
                .take(if spec.starts_with('@') { 2 } else { 1 });
            let package: Vec<&str> = package.collect();
            return Err(self.fail(LoadFailure::NotFound(format!(
                "Cannot find package '{}' imported from {from}",
                package.join("/")
            ))));
        }
        let module = synthetic(exports, ctx)?;
        self.cache.borrow_mut().insert(cache_key, module.clone());
        Ok(module)
    }
}

/// A module whose default export is `value` and whose named exports are its
/// own enumerable string keys.
fn synthetic(value: JsValue, ctx: &mut Context) -> JsResult<Module> {
    let mut names = vec![js_string!("default")];
    if let Some(obj) = value.as_object() {
        for key in obj.own_property_keys(ctx)? {
            if let PropertyKey::String(s) = key {
                if s != js_string!("default") {
                    names.push(s);
                }
            }
        }
    }
    // The initializer's captures must be traced by the GC: keep the value and
    // the names in one JS array `[value, ...names]`.
    let mut items = vec![value];
    items.extend(names.iter().map(|n| JsValue::from(n.clone())));
    let captures = JsArray::from_iter(items, ctx);
    let captures: JsObject = captures.into();
    Ok(Module::synthetic(
        &names,
        SyntheticModuleInitializer::from_copy_closure_with_captures(
            |module, captures: &JsObject, ctx| {
                let len = captures.get(js_string!("length"), ctx)?.to_length(ctx)?;
                let value = captures.get(0, ctx)?;
                for i in 1..len {
                    let name = captures.get(i, ctx)?.to_string(ctx)?;
                    let v = if name == js_string!("default") {
                        value.clone()
                    } else if let Some(obj) = value.as_object() {
                        obj.get(name.clone(), ctx)?
                    } else {
                        JsValue::undefined()
                    };
                    module.set_export(&name, v)?;
                }
                Ok(())
            },
            captures,
        ),
        None,
        None,
        ctx,
    ))
}

impl ModuleLoader for Loader {
    async fn load_imported_module(
        self: Rc<Self>,
        referrer: Referrer,
        request: boa_engine::module::ModuleRequest,
        context: &RefCell<&mut Context>,
    ) -> JsResult<Module> {
        let spec = request.specifier().to_std_string_escaped();
        let from = referrer.path().map_or_else(
            || "/var/task/index.mjs".to_string(),
            |p| p.to_string_lossy().into_owned(),
        );
        let mut ctx = context.borrow_mut();
        self.resolve(&spec, &from, &mut ctx)
    }

    /// `import.meta` as Node gives it: `url` (a `file:` URL), `filename`
    /// and `dirname`.
    fn init_import_meta(
        self: Rc<Self>,
        import_meta: &JsObject,
        module: &Module,
        ctx: &mut Context,
    ) {
        let Some(path) = module.path().map(|p| p.to_string_lossy().into_owned()) else {
            return;
        };
        let dir = path
            .rfind('/')
            .map_or("/", |i| if i == 0 { "/" } else { &path[..i] });
        let url = format!("file://{}", path.replace('%', "%25").replace(' ', "%20"));
        let props = [
            ("url", url.as_str()),
            ("filename", path.as_str()),
            ("dirname", dir),
        ];
        for (key, value) in props {
            let _ = import_meta.set(JsString::from(key), JsString::from(value), false, ctx);
        }
    }
}
