//! Numbers as AWS compares them: exact decimals, six places, ±5.0e9.

use crate::pattern::number::{scaled, NumberError};

#[test]
fn numbers_are_read_as_exact_decimals_to_six_places() {
    assert_eq!(scaled("0"), Ok(0));
    assert_eq!(scaled("-0"), Ok(0));
    assert_eq!(scaled("0.000001"), Ok(1));
    assert_eq!(scaled("1e-7"), Ok(0));
    assert_eq!(scaled("1.0000015"), Ok(1_000_001));
    assert_eq!(scaled("-3.5"), Ok(-3_500_000));
    assert_eq!(scaled("123e-2"), Ok(1_230_000));
    assert_eq!(scaled("0.1e1"), Ok(1_000_000));
    assert_eq!(scaled("3.0e2"), scaled("300"));
    assert_eq!(scaled("0.30"), Ok(300_000));
}

#[test]
fn numbers_beyond_five_billion_cannot_be_compared() {
    assert_eq!(scaled("5e9"), Ok(5_000_000_000_000_000));
    assert_eq!(scaled("-5000000000"), Ok(-5_000_000_000_000_000));
    assert_eq!(scaled("5000000000.000001"), Err(NumberError::OutOfRange));
    assert_eq!(scaled("1e300"), Err(NumberError::OutOfRange));
    assert_eq!(scaled("123456789012"), Err(NumberError::OutOfRange));
}
