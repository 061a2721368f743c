//! Amazon Resource Names: `arn:partition:service:region:account-id:resource`,
//! read in one place. The resource part may itself hold `:` or `/`
//! (`function:my-fn:prod`, `rule/bus/name`); services read it further.

/// An ARN's parts, borrowed from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Reads an ARN; `None` when it does not have the six parts.
    pub fn parse(text: &'a str) -> Option<Self> {
        let mut parts = text.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        let arn = Arn {
            partition: parts.next()?,
            service: parts.next()?,
            region: parts.next()?,
            account: parts.next()?,
            resource: parts.next()?,
        };
        (!arn.partition.is_empty() && !arn.service.is_empty()).then_some(arn)
    }

    /// The URL of the queue an SQS ARN names (`https://sqs.us-east-1.amazonaws.com/123456789012/orders`).
    pub fn queue_url(&self) -> Option<String> {
        (self.service == "sqs" && !self.resource.is_empty()).then(|| {
            format!(
                "https://sqs.{}.amazonaws.com/{}/{}",
                self.region, self.account, self.resource
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arn_has_six_parts_and_its_resource_may_hold_colons() {
        let arn = Arn::parse("arn:aws:lambda:eu-west-1:111122223333:function:f:prod").unwrap();
        assert_eq!(
            (
                arn.partition,
                arn.service,
                arn.region,
                arn.account,
                arn.resource
            ),
            (
                "aws",
                "lambda",
                "eu-west-1",
                "111122223333",
                "function:f:prod"
            )
        );
        assert_eq!(
            Arn::parse("arn:aws:sqs:us-east-1:123456789012").map(|a| a.service),
            None
        );
        assert_eq!(Arn::parse("urn:aws:sqs:us-east-1:1:q"), None);
        // Global resources leave region (and for S3, account) empty.
        assert_eq!(
            Arn::parse("arn:aws:iam::123456789012:role/r")
                .unwrap()
                .region,
            ""
        );
    }

    #[test]
    fn an_sqs_arn_names_its_queue_url() {
        let arn = Arn::parse("arn:aws:sqs:us-east-1:123456789012:orders.fifo").unwrap();
        assert_eq!(
            arn.queue_url().unwrap(),
            "https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo"
        );
        assert_eq!(
            Arn::parse("arn:aws:sns:us-east-1:1:t").unwrap().queue_url(),
            None
        );
    }
}
