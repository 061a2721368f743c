//! Lambda's request checks, with the constraint wording AWS's validation
//! layer uses: function names (plain, partial ARN or ARN, with a qualifier),
//! memory and timeout ranges, runtimes, roles, handlers, environment
//! variables (reserved keys, the 4 KB limit) and code packages.

use super::errors::{constraint, invalid_parameter};
use super::model::*;
use super::zip;
use crate::api::{AwsError, Identity};
use base64::Engine;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

const ROLE_PATTERN: &str = r"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";

/// Keys Lambda sets itself; a function may not set them.
const RESERVED_VARIABLES: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];
/// The total size of a function's environment variables (keys and values).
const MAX_ENVIRONMENT_BYTES: usize = 4 * 1024;

/// The shapes AWS's model gives an action's FunctionName member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameShape {
    /// `FunctionName`: up to 140 characters, no `.` in the name (CreateFunction, aliases, updates, ...).
    Plain,
    /// `NamespacedFunctionName`: up to 256, `.` allowed, `$LATEST.PUBLISHED` (Get*, Invoke, permissions, ...).
    Namespaced,
    /// `UnqualifiedFunctionName`: like Plain, without a qualifier (the recursion config).
    Unqualified,
}

const PLAIN_PATTERN: &str = r"(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";
const UNQUALIFIED_PATTERN: &str = r"(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)";
const NAMESPACED_PATTERN: &str = r"(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
/// The Qualifier member of the actions that take one (NumericLatestPublishedOrAliasQualifier).
const QUALIFIER_PATTERN: &str = r"\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";

impl NameShape {
    /// Which shape an action's FunctionName has in AWS's model.
    pub fn of(action: &str) -> NameShape {
        match action {
            "CreateAlias"
            | "CreateFunction"
            | "DeleteAlias"
            | "DeleteFunctionConcurrency"
            | "GetAlias"
            | "GetFunctionConcurrency"
            | "ListAliases"
            | "PublishVersion"
            | "PutFunctionConcurrency"
            | "UpdateAlias"
            | "UpdateFunctionCode"
            | "UpdateFunctionConfiguration" => NameShape::Plain,
            "GetFunctionRecursionConfig" | "PutFunctionRecursionConfig" => NameShape::Unqualified,
            _ => NameShape::Namespaced,
        }
    }

    fn pattern(self) -> &'static str {
        match self {
            NameShape::Plain => PLAIN_PATTERN,
            NameShape::Namespaced => NAMESPACED_PATTERN,
            NameShape::Unqualified => UNQUALIFIED_PATTERN,
        }
    }

    fn max_len(self) -> usize {
        match self {
            NameShape::Plain | NameShape::Unqualified => 140,
            NameShape::Namespaced => 256,
        }
    }

    fn name_char(self, b: u8) -> bool {
        b.is_ascii_alphanumeric()
            || b == b'-'
            || b == b'_'
            || (b == b'.' && self == NameShape::Namespaced)
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}`
fn is_region(s: &str) -> bool {
    let s = s.strip_prefix("eusc-").unwrap_or(s);
    let b = s.as_bytes();
    if b.len() < 2 || !b[..2].iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let mut rest = &s[2..];
    if let Some(r) = rest.strip_prefix("-gov") {
        rest = r;
    } else if let Some(r) = rest.strip_prefix("-iso") {
        rest = r
            .strip_prefix(|c: char| c.is_ascii_lowercase())
            .unwrap_or(r);
    }
    let Some(rest) = rest.strip_prefix('-') else {
        return false;
    };
    match rest.rsplit_once('-') {
        Some((word, digit)) => {
            !word.is_empty()
                && word.bytes().all(|b| b.is_ascii_lowercase())
                && digit.len() == 1
                && digit.as_bytes()[0].is_ascii_digit()
        }
        None => false,
    }
}

/// A FunctionName as the named action takes it: `my-function`, `my-function:1`,
/// `123456789012:function:my-function` or the full ARN; returns (name, qualifier).
/// A function in another region is not reachable from this one; another account's is
/// access denied (no resource-based policy allows it).
pub fn function_name(
    action: &str,
    raw: &str,
    identity: &Identity,
) -> Result<(String, Option<String>), AwsError> {
    let shape = NameShape::of(action);
    let bad = || {
        constraint(
            raw,
            "functionName",
            &format!(
                "Member must satisfy regular expression pattern: {}",
                shape.pattern()
            ),
        )
    };
    if raw.is_empty() {
        return Err(constraint(
            raw,
            "functionName",
            "Member must have length greater than or equal to 1",
        ));
    }
    if raw.len() > shape.max_len() {
        return Err(constraint(
            raw,
            "functionName",
            &format!(
                "Member must have length less than or equal to {}",
                shape.max_len()
            ),
        ));
    }
    let tokens: Vec<&str> = raw.split(':').collect();
    let mut i = 0;
    if tokens[0] == "arn" {
        let partition_ok = tokens.get(1).is_some_and(|p| {
            p.is_empty()
                || p.strip_prefix("aws")
                    .is_some_and(|r| r.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'))
        });
        if !partition_ok || tokens.get(2) != Some(&"lambda") {
            return Err(bad());
        }
        i = 3;
    }
    let more_after = |i: usize| i + 1 < tokens.len();
    let mut region = None;
    if more_after(i) && is_region(tokens[i]) {
        region = Some(tokens[i]);
        i += 1;
    }
    let mut account = None;
    if more_after(i) && tokens[i].len() == 12 && tokens[i].bytes().all(|b| b.is_ascii_digit()) {
        account = Some(tokens[i]);
        i += 1;
    }
    if more_after(i) && tokens[i] == "function" {
        i += 1;
    }
    let Some(&name) = tokens.get(i) else {
        return Err(bad());
    };
    let qualifier = tokens.get(i + 1).copied();
    if tokens.len() > i + 2 || name.is_empty() || !name.bytes().all(|b| shape.name_char(b)) {
        return Err(bad());
    }
    if qualifier.is_some() && shape == NameShape::Unqualified {
        return Err(bad());
    }
    if let Some(q) = qualifier {
        let latest = q == "$LATEST" || (q == "$LATEST.PUBLISHED" && shape == NameShape::Namespaced);
        if !latest && !is_name(q) {
            return Err(bad());
        }
    }
    if let Some(region) = region.filter(|r| *r != identity.region) {
        return Err(super::errors::resource_not_found(format!(
            "Functions from '{region}' are not reachable in this region ('{}')",
            identity.region
        )));
    }
    if let Some(account) = account.filter(|a| *a != identity.account) {
        return Err(super::errors::access_denied(
            action, identity, account, name,
        ));
    }
    if name.len() > 64 {
        let e = constraint(
            name,
            "functionName",
            "Member must have length less than or equal to 64",
        );
        // CreateFunction reports a long plain name as an invalid parameter.
        return Err(if action == "CreateFunction" {
            invalid_parameter(e.message)
        } else {
            e
        });
    }
    Ok((name.to_string(), qualifier.map(String::from)))
}

/// Tags, as AWS's model constrains their keys (1 to 128 characters of letters, spaces,
/// digits and `_.:/=+-@`) and values (up to 256 of the same).
pub fn tags(tags: &BTreeMap<String, String>) -> Result<(), AwsError> {
    const PATTERN: &str = r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)";
    let allowed = |s: &str| {
        s.chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c))
    };
    let shown = || {
        let pairs: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{{{}}}", pairs.join(", "))
    };
    if tags
        .keys()
        .any(|k| k.is_empty() || k.chars().count() > 128 || !allowed(k))
    {
        return Err(constraint(
            shown(),
            "tags",
            &format!("Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: {PATTERN}, Member must not be null]"),
        ));
    }
    if tags
        .values()
        .any(|v| v.chars().count() > 256 || !allowed(v))
    {
        return Err(constraint(
            shown(),
            "tags",
            &format!("Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: {PATTERN}, Member must not be null]"),
        ));
    }
    Ok(())
}

/// The Qualifier member, as AWS's model constrains it.
pub fn qualifier(value: &str) -> Result<(), AwsError> {
    let ok = value == "$LATEST"
        || value == "$LATEST.PUBLISHED"
        || (!value.is_empty()
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'$'));
    if value.len() > 128 {
        return Err(constraint(
            value,
            "qualifier",
            "Member must have length less than or equal to 128",
        ));
    }
    if !ok {
        return Err(constraint(
            value,
            "qualifier",
            &format!("Member must satisfy regular expression pattern: {QUALIFIER_PATTERN}"),
        ));
    }
    Ok(())
}

/// A Qualifier parameter beside a FunctionName that carries its own: they must agree.
pub fn merge_qualifier(
    derived: Option<String>,
    given: Option<String>,
) -> Result<Option<String>, AwsError> {
    if let Some(q) = &given {
        qualifier(q)?;
    }
    agree(derived, given)
}

/// The qualifier a FunctionName carries and the Qualifier parameter must be the same when both are given.
pub fn agree(derived: Option<String>, given: Option<String>) -> Result<Option<String>, AwsError> {
    match (derived, given) {
        (Some(d), Some(g)) if d != g => Err(invalid_parameter(
            "The derived qualifier from the function name does not match the specified qualifier.",
        )),
        (d, g) => Ok(g.or(d)),
    }
}

pub fn memory_size(value: i64) -> Result<u32, AwsError> {
    Ok(super::errors::in_range(
        value,
        "memorySize",
        MIN_MEMORY_MB as i64,
        MAX_MEMORY_MB as i64,
    )? as u32)
}

pub fn timeout(value: i64) -> Result<u32, AwsError> {
    if value < 1 {
        return Err(constraint(
            value,
            "timeout",
            "Member must have value greater than or equal to 1",
        ));
    }
    if value > MAX_TIMEOUT_S as i64 {
        // The API's own limit; AWS answers this one as an invalid parameter.
        return Err(invalid_parameter(format!(
            "Timeout value must be between 1 and 900 seconds. Provided value: {value}"
        )));
    }
    Ok(value as u32)
}

/// A Runtime as CreateFunction and UpdateFunctionConfiguration take it: a Node.js runtime AWS
/// still accepts (`RUNTIMES`); a deprecated one gets AWS's deprecation error, a value outside
/// AWS's enum AWS's enum error, and any other AWS runtime Stratus's own refusal (it runs Node.js only).
pub fn runtime(value: &str) -> Result<String, AwsError> {
    if RUNTIMES.contains(&value) {
        return Ok(value.to_string());
    }
    if DEPRECATED_NODE_RUNTIMES.contains(&value) {
        return Err(invalid_parameter(format!(
            "The runtime parameter of {value} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime ({NEWEST_NODE_RUNTIME}) while creating or updating functions."
        )));
    }
    if !AWS_RUNTIME_ENUM.contains(&value) {
        return Err(invalid_parameter(format!(
            "Value {value} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [{}] or be a valid ARN",
            CREATABLE_RUNTIMES.join(", ")
        )));
    }
    let why = if value.starts_with("nodejs") {
        format!("{value} is a preview runtime on AWS Lambda that Stratus does not simulate")
    } else {
        format!("{value} is an AWS Lambda runtime, but Stratus runs only Node.js functions")
    };
    Err(invalid_parameter(format!(
        "The runtime parameter of {value} is not simulated by Stratus: {why}. Use {} (run on Stratus's JavaScript runtime).",
        RUNTIMES.join(" or ")
    )))
}

pub fn role(value: &str) -> Result<String, AwsError> {
    let ok = value
        .strip_prefix("arn:aws:iam::")
        .and_then(|r| r.split_once(":role/"))
        .is_some_and(|(account, name)| {
            account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+=,.@-_/".contains(&b))
        });
    if ok {
        Ok(value.to_string())
    } else {
        Err(constraint(
            value,
            "role",
            &format!("Member must satisfy regular expression pattern: {ROLE_PATTERN}"),
        ))
    }
}

pub fn handler(value: &str) -> Result<String, AwsError> {
    if value.is_empty() || value.len() > 128 || value.chars().any(char::is_whitespace) {
        return Err(constraint(
            value,
            "handler",
            r"Member must satisfy regular expression pattern: [^\s]+",
        ));
    }
    Ok(value.to_string())
}

pub fn environment(
    variables: BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, AwsError> {
    let reserved: Vec<&str> = variables
        .keys()
        .map(String::as_str)
        .filter(|k| RESERVED_VARIABLES.contains(k))
        .collect();
    if !reserved.is_empty() {
        return Err(invalid_parameter(format!(
            "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: {}",
            reserved.join(",")
        )));
    }
    for key in variables.keys() {
        let mut chars = key.chars();
        let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && key.len() >= 2
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            return Err(constraint(
                "[Sensitive]",
                "environment.variables",
                "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
            ));
        }
    }
    // Measured as AWS does, on the JSON of the variables.
    let size = serde_json::to_string(&variables).map_or(0, |s| s.len());
    if size > MAX_ENVIRONMENT_BYTES {
        return Err(invalid_parameter(format!(
            "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {}",
            serde_json::to_string(&variables).unwrap_or_default()
        )));
    }
    Ok(variables)
}

/// The code of CreateFunction (`Code`) or UpdateFunctionCode (top level): a base64 zip, or the
/// playground's inline files (a Stratus extension, `Files`).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct CodeInput {
    pub zip_file: Option<String>,
    #[serde(rename = "S3Bucket")]
    pub s3_bucket: Option<String>,
    #[serde(rename = "S3Key")]
    pub s3_key: Option<String>,
    #[serde(rename = "S3ObjectVersion")]
    pub s3_object_version: Option<String>,
    pub image_uri: Option<String>,
    /// Stratus extension: the package's text files by path, instead of a zip.
    pub files: Option<BTreeMap<String, String>>,
}

pub fn code(input: CodeInput) -> Result<Code, AwsError> {
    if input.s3_bucket.is_some() || input.s3_key.is_some() || input.s3_object_version.is_some() {
        return Err(invalid_parameter(
            "Code from S3 (S3Bucket/S3Key) is not simulated by Stratus yet: give Code.ZipFile, or Code.Files (a Stratus extension).",
        ));
    }
    if input.image_uri.is_some() {
        return Err(invalid_parameter(
            "Container images (ImageUri) are not simulated by Stratus: give Code.ZipFile, or Code.Files (a Stratus extension).",
        ));
    }
    let unzip_error = || {
        invalid_parameter(
            "Could not unzip uploaded file. Please check your file, then try to upload again.",
        )
    };
    match (input.zip_file, input.files) {
        (Some(_), Some(_)) => Err(invalid_parameter(
            "Give either ZipFile or Files (the Stratus extension), not both.",
        )),
        (Some(b64), None) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|_| unzip_error())?;
            let files = zip::read(&bytes).ok_or_else(unzip_error)?;
            Ok(Code {
                files,
                sha256: sha256_b64(&bytes),
                size: bytes.len() as u64,
            })
        }
        (None, Some(files)) => {
            let package = zip::write_stored(&files);
            Ok(Code {
                sha256: sha256_b64(&package),
                size: package.len() as u64,
                files,
            })
        }
        (None, None) => Err(invalid_parameter(
            "Please provide a source for function code: Code.ZipFile (or Code.Files, a Stratus extension).",
        )),
    }
}

fn sha256_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}
