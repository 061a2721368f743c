//! Who and where the simulated account is, and the identifiers built from it:
//! ARNs and SQS queue URLs shaped exactly like AWS's.

pub const DEFAULT_ACCOUNT: &str = "123456789012";
pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub account: String,
    pub region: String,
}

impl Default for Identity {
    fn default() -> Self {
        Identity {
            account: DEFAULT_ACCOUNT.into(),
            region: DEFAULT_REGION.into(),
        }
    }
}

impl Identity {
    /// `arn:aws:sqs:us-east-1:123456789012:orders`
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:aws:{service}:{}:{}:{resource}",
            self.region, self.account
        )
    }

    /// `https://sqs.us-east-1.amazonaws.com/123456789012/orders`
    pub fn queue_url(&self, queue_name: &str) -> String {
        format!(
            "https://sqs.{}.amazonaws.com/{}/{queue_name}",
            self.region, self.account
        )
    }

    /// The queue name a queue URL of this account and region points at. SQS
    /// also accepts the legacy `queue.amazonaws.com` and regional
    /// `{region}.queue.amazonaws.com` hosts, and plain http.
    pub fn queue_name_from_url<'a>(&self, url: &'a str) -> Option<&'a str> {
        let (region, account, name) = queue_url_parts(url)?;
        (region == self.region && account == self.account).then_some(name)
    }
}

/// The (region, account, name) a queue URL names, whatever host SQS accepts for it:
/// `sqs.{region}.amazonaws.com`, the legacy regional `{region}.queue.amazonaws.com`, or
/// `queue.amazonaws.com` (us-east-1); https or plain http. Read piecewise, without
/// allocating: this runs on every SQS call.
pub fn queue_url_parts(url: &str) -> Option<(&str, &str, &str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let region = match host
        .strip_prefix("sqs.")
        .and_then(|h| h.strip_suffix(".amazonaws.com"))
    {
        Some(region) => region,
        None if host == "queue.amazonaws.com" => DEFAULT_REGION,
        None => host.strip_suffix(".queue.amazonaws.com")?,
    };
    let (account, name) = path.split_once('/')?;
    (!name.is_empty() && !name.contains('/')).then_some((region, account, name))
}

/// Account ids are 12 digits; regions look like `us-east-1`.
pub fn valid_account(account: &str) -> bool {
    account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
}

pub fn valid_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_urls_and_arns_look_like_aws() {
        let id = Identity::default();
        assert_eq!(
            id.queue_url("orders"),
            "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
        );
        assert_eq!(
            id.arn("sqs", "orders"),
            "arn:aws:sqs:us-east-1:123456789012:orders"
        );
        assert_eq!(
            id.queue_name_from_url("https://sqs.us-east-1.amazonaws.com/123456789012/orders"),
            Some("orders")
        );
        assert_eq!(
            id.queue_name_from_url("https://queue.amazonaws.com/123456789012/orders"),
            Some("orders")
        );
        assert_eq!(
            id.queue_name_from_url("https://sqs.eu-west-1.amazonaws.com/123456789012/orders"),
            None
        );
        assert_eq!(
            id.queue_name_from_url("https://sqs.us-east-1.amazonaws.com/999999999999/orders"),
            None
        );
        assert_eq!(id.queue_name_from_url("orders"), None);
    }

    #[test]
    fn accounts_and_regions_are_validated() {
        assert!(valid_account("123456789012"));
        assert!(!valid_account("12345"));
        assert!(valid_region("eu-west-1") && valid_region("us-gov-west-1"));
        assert!(!valid_region("Mars") && !valid_region("us-east"));
    }
}
