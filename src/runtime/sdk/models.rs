//! AWS's service models as the SDK shim reads them: `models.txt`, one line
//! per service, generated from botocore by `scripts/gen_sdk.py` (the format
//! is described there). Only the line of the package being imported is
//! decoded. In the browser the text arrives after the first paint with the
//! runtime's other assets (`super::super::assets`).

use crate::runtime::assets::{self, asset};

fn text() -> Option<&'static str> {
    assets::ready().then(|| asset!("models.txt"))
}

/// Whether the models are there to build clients from.
pub fn available() -> bool {
    assets::ready()
}

/// One service of the models: what its `@aws-sdk/client-*` package exports.
#[derive(Debug, Clone, Copy)]
pub struct ServiceModel {
    /// The model's serviceId (`SQS`, `CloudWatch Logs`).
    pub sdk_id: &'static str,
    /// AWS-query compatible: errors carry the legacy `Code` and `Type`.
    pub query_compatible: bool,
    operations: &'static str,
    errors: &'static str,
    paginators: &'static str,
    waiters: &'static str,
}

/// An operation and the HTTP status of its success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub name: String,
    pub status: u16,
}

/// A paginator: the operation and its input token, output token (a dotted
/// path) and page-size member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginator {
    pub operation: String,
    pub input_token: String,
    pub output_token: String,
    pub limit_key: Option<String>,
}

/// Every service of the models.
pub fn all() -> impl Iterator<Item = ServiceModel> {
    text()
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(parse)
}

/// The service whose package is `package` (`@aws-sdk/client-sqs`).
pub fn by_package(package: &str) -> Option<ServiceModel> {
    let id = package.strip_prefix("@aws-sdk/client-")?;
    text()?
        .lines()
        .find(|l| {
            l.split_once('|')
                .is_some_and(|(sdk_id, _)| package_id_matches(sdk_id, id))
        })
        .and_then(parse)
}

fn package_id_matches(sdk_id: &str, id: &str) -> bool {
    sdk_id.len() == id.len()
        && sdk_id.bytes().zip(id.bytes()).all(|(a, b)| {
            (if a == b' ' {
                b'-'
            } else {
                a.to_ascii_lowercase()
            }) == b
        })
}

fn parse(line: &'static str) -> Option<ServiceModel> {
    let mut f = line.split('|');
    Some(ServiceModel {
        sdk_id: f.next()?,
        query_compatible: f.next()?.contains('q'),
        operations: f.next()?,
        errors: f.next()?,
        paginators: f.next()?,
        waiters: f.next()?,
    })
}

/// Undoes the front coding of a name list.
fn names(list: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in list.split(',').filter(|s| !s.is_empty()) {
        let first = item.as_bytes()[0];
        let name = if first.is_ascii_lowercase() {
            let shared = usize::from(first - b'a') + 2;
            let prev = out.last().map_or("", String::as_str);
            format!("{}{}", &prev[..shared.min(prev.len())], &item[1..])
        } else {
            item.to_string()
        };
        out.push(name);
    }
    out
}

impl ServiceModel {
    /// `@aws-sdk/client-` + the serviceId with spaces as hyphens, in lower case.
    pub fn package(&self) -> String {
        format!(
            "@aws-sdk/client-{}",
            self.sdk_id.replace(' ', "-").to_lowercase()
        )
    }

    /// The aggregated client's name: each word of the serviceId capitalised
    /// and joined (`CloudWatch Logs` → `CloudWatchLogs`); the bare client is
    /// this + `Client`, the exception base this + `ServiceException`.
    pub fn name(&self) -> String {
        self.sdk_id
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect()
    }

    pub fn operations(&self) -> Vec<Operation> {
        names(self.operations)
            .into_iter()
            .map(|n| match n.split_once('@') {
                Some((name, status)) => Operation {
                    name: name.to_string(),
                    status: status.parse().unwrap_or(200),
                },
                None => Operation {
                    name: n,
                    status: 200,
                },
            })
            .collect()
    }

    /// The modelled errors and whether each is a server fault.
    pub fn errors(&self) -> Vec<(String, bool)> {
        names(self.errors)
            .into_iter()
            .map(|n| match n.strip_suffix('!') {
                Some(name) => (name.to_string(), true),
                None => (n, false),
            })
            .collect()
    }

    pub fn paginators(&self) -> Vec<Paginator> {
        let ops = self.operations();
        let mut out = Vec::new();
        for item in self.paginators.split(',').filter(|s| !s.is_empty()) {
            let end = item
                .find(|c: char| !c.is_ascii_hexdigit())
                .unwrap_or(item.len());
            let Some(op) = usize::from_str_radix(&item[..end], 16)
                .ok()
                .and_then(|i| ops.get(i))
            else {
                continue;
            };
            let tokens = match &item[end..] {
                "" => "NextToken:NextToken:MaxResults",
                "n" => "nextToken:nextToken:maxResults",
                other => other.strip_prefix('=').unwrap_or(other),
            };
            let mut t = tokens.split(':');
            let (Some(input), Some(output), limit) = (t.next(), t.next(), t.next()) else {
                continue;
            };
            out.push(Paginator {
                operation: op.name.clone(),
                input_token: input.to_string(),
                output_token: output.to_string(),
                limit_key: limit.filter(|l| !l.is_empty()).map(str::to_string),
            });
        }
        out
    }

    /// The waiters: name and the operation each polls.
    pub fn waiters(&self) -> Vec<(String, String)> {
        let ops = self.operations();
        self.waiters
            .split(',')
            .filter_map(|w| {
                let (name, index) = w.split_once(':')?;
                let op = ops.get(usize::from_str_radix(index, 16).ok()?)?;
                Some((name.to_string(), op.name.clone()))
            })
            .collect()
    }
}
