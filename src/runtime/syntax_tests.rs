use super::*;

fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// (line, column, message) of the check of `key` among `entries`, on Node.js 22.
fn at(key: &str, entries: &[(&str, &str)]) -> Option<(u32, u32, String)> {
    check(key, &files(entries), 22, "").map(|i| (i.line, i.column, i.message))
}

#[test]
fn an_error_inside_a_module_is_placed_on_its_line_and_column() {
    let source = "export const handler = async () => {\n  return 1 +;\n};\n";
    assert_eq!(
        at("index.mjs", &[("index.mjs", source)]),
        Some((2, 13, "unexpected token ';', primary expression".into()))
    );
}

#[test]
fn a_missing_closing_brace_is_marked_at_the_end_of_the_file() {
    let source = "export const handler = async () => {\n  return 1;\n";
    assert_eq!(
        at("index.mjs", &[("index.mjs", source)]),
        Some((3, 1, "abrupt end".into()))
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    assert_eq!(
        at("index.mjs", &[("index.mjs", "const é = 1; const b = ;")]),
        Some((1, 24, "unexpected token ';', primary expression".into()))
    );
}

#[test]
fn commonjs_columns_on_the_first_line_are_those_of_the_file_not_of_its_wrapper() {
    assert_eq!(
        at("index.js", &[("index.js", "exports.handler = ) => 1;")]),
        Some((1, 19, "unexpected token ')', primary expression".into()))
    );
    let source = "let x;\nexports.handler = async () => {\n  if (x { }\n};\n";
    assert_eq!(
        at("index.js", &[("index.js", source)]),
        Some((3, 9, "expected token ')', got '{' in if statement".into()))
    );
}

#[test]
fn a_top_level_return_is_valid_commonjs_but_not_a_valid_module() {
    assert_eq!(at("index.cjs", &[("index.cjs", "return;")]), None);
    assert!(at("index.mjs", &[("index.mjs", "return;")]).is_some());
}

#[test]
fn import_in_a_commonjs_file_gets_nodes_message() {
    let source = "import fs from 'fs';\nexports.handler = 1;\n";
    let (line, _, message) = at("index.js", &[("index.js", source)]).unwrap();
    assert_eq!(
        (line, message.as_str()),
        (1, "Cannot use import statement outside a module")
    );
}

#[test]
fn a_js_file_loads_as_the_loader_decides() {
    let esm = "export const handler = async () => 1;";
    // Typeless on Node.js 22: CommonJS, so `export` is an error.
    assert!(at("index.js", &[("index.js", esm)]).is_some());
    // "type": "module" makes .js an ES module.
    let typed = [("index.js", esm), ("package.json", r#"{"type":"module"}"#)];
    assert_eq!(at("index.js", &typed), None);
    // Node.js 24 detects module syntax in a typeless package; NODE_OPTIONS can turn it off.
    let plain = files(&[("index.js", esm)]);
    assert_eq!(check("index.js", &plain, 24, ""), None);
    assert!(check("index.js", &plain, 24, "--no-experimental-detect-module").is_some());
    assert_eq!(
        check("index.js", &plain, 22, "--experimental-detect-module"),
        None
    );
}

#[test]
fn files_that_are_not_javascript_and_valid_code_have_no_issue() {
    assert_eq!(at("package.json", &[("package.json", "{ not json")]), None);
    let source = "export const handler = async (event) => ({ ok: [1, 2].map((n) => n * 2) });\n";
    assert_eq!(at("index.mjs", &[("index.mjs", source)]), None);
}

#[test]
fn the_node_major_version_is_read_from_the_runtime_name() {
    assert_eq!(node_major("nodejs24.x"), 24);
    assert_eq!(node_major("nodejs20.x"), 20);
    assert_eq!(node_major("python3.12"), 22);
}
