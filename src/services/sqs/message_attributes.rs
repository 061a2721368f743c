//! SQS message attributes and message system attributes: parsing the request
//! shape, AWS's validation rules and error messages, what they add to a
//! message's size, the MD5OfMessageAttributes digest, and the
//! MessageAttributeNames filter of ReceiveMessage.
//!
//! Rules from https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
//! and API_MessageAttributeValue. Error messages are the ones recorded against
//! real SQS where a record exists; each guess is marked `GUESS` below.

use super::errors::{invalid_parameter_value, not_simulated_yet};
use super::shapes::{self, MessageAttributeValue};
use super::wire::Md5;
use crate::api::AwsError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::collections::BTreeMap;

/// At most this many message attributes per message.
pub const MAX_ATTRIBUTES: usize = 10;
/// A name or a data type can be up to 256 characters long (developer guide).
const MAX_NAME_LEN: usize = 256;
const MAX_DATA_TYPE_LEN: usize = 256;
/// The only message system attribute SendMessage takes.
pub const AWS_TRACE_HEADER: &str = "AWSTraceHeader";

/// The request member `MessageAttributes` / `MessageSystemAttributes` (BinaryValue is base64 in JSON).
pub type AttributesInput = BTreeMap<String, MessageAttributeValue>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeValue {
    String(String),
    Binary(Vec<u8>),
}

/// One validated message attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageAttribute {
    pub data_type: String,
    pub value: AttributeValue,
}

/// Validated attributes, sorted by name: the order the MD5 digest takes them in.
pub type MessageAttributes = BTreeMap<String, MessageAttribute>;

/// What message attributes add to a message's size: each name, data type and
/// value in bytes (binary values decoded). Works on the raw request so the
/// SendMessageBatch payload check can run before any entry is validated.
pub fn size(attributes: Option<&AttributesInput>) -> usize {
    attributes.map_or(0, |attributes| {
        attributes
            .iter()
            .map(|(name, v)| {
                let value = match (&v.string_value, &v.binary_value) {
                    (Some(s), _) => s.len(),
                    (None, Some(b)) => STANDARD.decode(b).map_or(b.len(), |d| d.len()),
                    (None, None) => 0,
                };
                name.len() + v.data_type.len() + value
            })
            .sum()
    })
}

/// Validates `MessageAttributes` as SendMessage does, in AWS's order: the count,
/// then each attribute by name order (so a request breaking two rules always
/// reports the same one).
pub fn parse(input: Option<&AttributesInput>) -> Result<MessageAttributes, AwsError> {
    let Some(input) = input else {
        return Ok(MessageAttributes::new());
    };
    if input.len() > MAX_ATTRIBUTES {
        // Recorded from AWS (quoted by ElasticMQ and other emulators' tests).
        return Err(invalid_parameter_value(format!(
            "Number of message attributes [{}] exceeds the allowed maximum [{MAX_ATTRIBUTES}].",
            input.len()
        )));
    }
    let mut out = MessageAttributes::new();
    for (name, value) in input {
        check_name(name)?;
        let attribute = check_value(name, value)?;
        out.insert(name.clone(), attribute);
    }
    Ok(out)
}

/// Validates `MessageSystemAttributes`: only AWSTraceHeader, of type String.
pub fn parse_system(input: Option<&AttributesInput>) -> Result<Option<String>, AwsError> {
    let Some(input) = input else {
        return Ok(None);
    };
    let mut trace_header = None;
    for (name, value) in input {
        if name != AWS_TRACE_HEADER {
            // GUESS: the wording AWS uses for an unknown system attribute name.
            return Err(invalid_parameter_value(format!(
                "Message system attribute name '{name}' is invalid."
            )));
        }
        if value.data_type != "String" {
            // GUESS: the wording for a trace header of another type.
            return Err(invalid_parameter_value(format!(
                "Message system attribute '{name}' must be of type 'String'."
            )));
        }
        if let AttributeValue::String(s) = check_value(name, value)?.value {
            trace_header = Some(s);
        }
    }
    Ok(trace_header)
}

fn check_name(name: &str) -> Result<(), AwsError> {
    if name.chars().count() > MAX_NAME_LEN {
        // Recorded by LocalStack (which also refuses exactly 256; the guide says "up to 256").
        return Err(invalid_parameter_value(
            "Message (user) attribute names must be shorter than 256 Bytes",
        ));
    }
    // AWS also takes Latin-1 letters (U+00C0..U+017F): LocalStack's AWS-validated
    // test sends the name "attr.1øßä" successfully, though the guide lists only A-Za-z0-9_-.
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{C0}'..='\u{17F}');
    if name.is_empty() || !name.chars().all(allowed) {
        // Recorded by LocalStack, including "score" and the trailing space.
        return Err(invalid_parameter_value(
            "Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ",
        ));
    }
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("aws.")
        || lower.starts_with("amazon.")
        || name.starts_with('.')
        || name.ends_with('.')
    {
        // Recorded by LocalStack.
        return Err(invalid_parameter_value(
            "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
        ));
    }
    if name.contains("..") {
        // GUESS: no recorded message for successive periods.
        return Err(invalid_parameter_value(format!(
            "Message (user) attribute name '{name}' can not contain successive '.' characters."
        )));
    }
    Ok(())
}

/// The logical type a data type names: String, Number or Binary, optionally
/// followed by `.` and a custom label ("Number.float").
fn base_type(data_type: &str) -> Option<&'static str> {
    ["String", "Number", "Binary"].into_iter().find(|base| {
        data_type
            .strip_prefix(base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    })
}

fn check_value(name: &str, v: &MessageAttributeValue) -> Result<MessageAttribute, AwsError> {
    if v.data_type.is_empty() {
        // GUESS: wording for an empty DataType (a missing one the SDKs refuse before sending).
        return Err(invalid_parameter_value(format!(
            "The message attribute '{name}' must contain non-empty message attribute type."
        )));
    }
    let Some(base) = base_type(&v.data_type) else {
        // Recorded against real SQS (ballerina-platform module-ballerinax-aws.sqs tests).
        return Err(invalid_parameter_value(format!(
            "The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String."
        )));
    };
    if v.data_type.chars().count() > MAX_DATA_TYPE_LEN {
        // Recorded by LocalStack.
        return Err(invalid_parameter_value(
            "Message (user) attribute types must be shorter than 256 Bytes",
        ));
    }
    if v.string_list_values.as_ref().is_some_and(|l| !l.is_empty())
        || v.binary_list_values.as_ref().is_some_and(|l| !l.is_empty())
    {
        return Err(not_simulated_yet(
            "StringListValues and BinaryListValues (reserved by AWS for future use)",
        ));
    }
    // Recorded for String by LocalStack's AWS-validated test; Number and Binary by analogy (GUESS).
    let empty = || {
        invalid_parameter_value(format!(
            "Message (user) attribute '{name}' must contain a non-empty value of type '{base}'."
        ))
    };
    let value = if base == "Binary" {
        if v.string_value.is_some() {
            // GUESS: wording for a value in the field the type does not use.
            return Err(wrong_field(name, &v.data_type, "Binary"));
        }
        let encoded = v.binary_value.as_ref().ok_or_else(empty)?;
        let bytes = STANDARD.decode(encoded).map_err(|_| {
            AwsError::param_validation(format!(
                "Parameter validation failed:\nInvalid base64 for parameter MessageAttributes.{name}.BinaryValue"
            ))
        })?;
        if bytes.is_empty() {
            return Err(empty());
        }
        AttributeValue::Binary(bytes)
    } else {
        if v.binary_value.is_some() {
            return Err(wrong_field(name, &v.data_type, "String"));
        }
        let text = v.string_value.clone().ok_or_else(empty)?;
        if text.is_empty() {
            return Err(empty());
        }
        if base == "Number" {
            check_number(name, &text)?;
        }
        check_characters(&text)?;
        AttributeValue::String(text)
    };
    Ok(MessageAttribute {
        data_type: v.data_type.clone(),
        value,
    })
}

/// GUESS: wording for a Binary value on a String/Number type and the reverse.
fn wrong_field(name: &str, data_type: &str, field: &str) -> AwsError {
    invalid_parameter_value(format!(
        "The message attribute '{name}' with type '{data_type}' must use field '{field}'."
    ))
}

/// String values have the body's character rules. LocalStack records that AWS
/// answers InvalidParameterValue here (not the body's InvalidMessageContents);
/// the wording is the body's (GUESS).
fn check_characters(text: &str) -> Result<(), AwsError> {
    match text.chars().find(|&c| !matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')) {
        None => Ok(()),
        Some(c) => Err(invalid_parameter_value(format!(
            "Invalid binary character '#x{:X}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
            c as u32
        ))),
    }
}

/// A Number is a decimal (sign, digits, optional point, optional exponent)
/// between 10^-128 and 10^+126 in magnitude (developer guide).
fn check_number(name: &str, text: &str) -> Result<(), AwsError> {
    // Recorded against real SQS (boto3 capture quoted by scttfrdmn/substrate).
    let not_a_number = || {
        invalid_parameter_value(format!(
            "Can't cast the value of message (user) attribute '{name}' to a number."
        ))
    };
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty())
        || !digits_ok(int_part)
        || !digits_ok(frac_part)
    {
        return Err(not_a_number());
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let e_digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if e_digits.is_empty() || !digits_ok(e_digits) {
                return Err(not_a_number());
            }
            // Saturate: any exponent this long is out of range anyway.
            let magnitude: i64 = e_digits.parse().unwrap_or(i64::MAX / 2);
            if e.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    // The value is 0.d1d2d3... x 10^(point); d1 is its first significant digit.
    let all: String = format!("{int_part}{frac_part}");
    let Some(first) = all.find(|c| c != '0') else {
        return Ok(()); // zero
    };
    let significant = all[first..].trim_end_matches('0');
    let point = int_part.len() as i64 - first as i64 + exponent;
    // |value| = 0.significant x 10^point; 10^126 is 0.1 x 10^127.
    let too_big = point > 127 || (point == 127 && significant != "1");
    // 10^-128 is 0.1 x 10^-127.
    let too_small = point < -127;
    if too_big || too_small {
        // GUESS: no recorded wording for a Number out of range.
        return Err(invalid_parameter_value(format!(
            "Value {text} for message (user) attribute '{name}' is out of range. Numbers must be between 10^-128 and 10^+126 in magnitude."
        )));
    }
    Ok(())
}

/// MD5OfMessageAttributes as AWS and the SDKs compute it: for each attribute
/// by name, the 4-byte big-endian length and UTF-8 bytes of the name, the same
/// for the data type, one transport byte (1 string, 2 binary), then the length
/// and bytes of the value; the hex MD5 of it all.
pub fn md5_of<'a>(attributes: impl IntoIterator<Item = (&'a str, &'a MessageAttribute)>) -> Md5 {
    fn field(buf: &mut Vec<u8>, bytes: &[u8]) {
        buf.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        buf.extend_from_slice(bytes);
    }
    let mut buf = Vec::new();
    for (name, attribute) in attributes {
        field(&mut buf, name.as_bytes());
        field(&mut buf, attribute.data_type.as_bytes());
        match &attribute.value {
            AttributeValue::String(s) => {
                buf.push(1);
                field(&mut buf, s.as_bytes());
            }
            AttributeValue::Binary(b) => {
                buf.push(2);
                field(&mut buf, b);
            }
        }
    }
    Md5::of(&buf)
}

/// MD5OfMessageSystemAttributes of a trace header (same digest, one String attribute).
pub fn md5_of_trace_header(trace_header: &str) -> Md5 {
    let attribute = MessageAttribute {
        data_type: "String".into(),
        value: AttributeValue::String(trace_header.into()),
    };
    md5_of([(AWS_TRACE_HEADER, &attribute)])
}

/// Whether ReceiveMessage's MessageAttributeNames asks for `name`: "All" or
/// ".*" take every attribute, "prefix.*" those starting with "prefix.", any
/// other entry that exact (case-sensitive) name.
fn requested(wanted: &[String], name: &str) -> bool {
    wanted.iter().any(|w| match w.as_str() {
        // "All", ".*" and "*" all mean every attribute.
        "All" | ".*" | "*" => true,
        // "Order.*" names every attribute whose name starts with "Order".
        w => match w.strip_suffix(".*") {
            Some(prefix) => name.starts_with(prefix),
            None => w == name,
        },
    })
}

/// Adds `MessageAttributes` and `MD5OfMessageAttributes` to a received message
/// for the names asked for; neither key appears when nothing matches. The
/// digest covers the attributes returned.
pub fn add_to_received(entry: &mut shapes::Message, stored: &MessageAttributes, wanted: &[String]) {
    if wanted.is_empty() || stored.is_empty() {
        return;
    }
    let chosen: Vec<(&str, &MessageAttribute)> = stored
        .iter()
        .filter(|(name, _)| requested(wanted, name))
        .map(|(name, a)| (name.as_str(), a))
        .collect();
    if chosen.is_empty() {
        // Names were asked for and the message has attributes, none of them named:
        // AWS answers an empty map, without a digest.
        entry.message_attributes = Some(BTreeMap::new());
        return;
    }
    entry.md5_of_message_attributes = Some(md5_of(chosen.iter().copied()));
    let mut out = BTreeMap::new();
    for (name, attribute) in chosen {
        let mut value = MessageAttributeValue {
            data_type: attribute.data_type.clone(),
            ..MessageAttributeValue::default()
        };
        match &attribute.value {
            AttributeValue::String(s) => value.string_value = Some(s.clone()),
            AttributeValue::Binary(b) => value.binary_value = Some(STANDARD.encode(b)),
        }
        out.insert(name.to_string(), value);
    }
    entry.message_attributes = Some(out);
}
