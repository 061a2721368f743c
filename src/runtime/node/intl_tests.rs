//! Intl and the locale-sensitive built-ins, en-US as Node 24 formats them.

use serde_json::json;

use super::testing::cjs;

#[test]
fn number_format_formats_decimals_percent_and_currency_like_en_us() {
    let v = cjs("const f = (o, x) => new Intl.NumberFormat('en-US', o).format(x);
        return [(1234567.891).toLocaleString(), f({}, 1.005), f({ maximumFractionDigits: 2 }, 1.005), f({ style: 'percent' }, 0.256), f({ style: 'currency', currency: 'USD' }, 1234.5),
          f({ style: 'currency', currency: 'EUR' }, -3), f({ style: 'currency', currency: 'GBP' }, 0.5), f({ style: 'currency', currency: 'JPY' }, 1234.5), f({ style: 'currency', currency: 'USD', currencyDisplay: 'code' }, 1),
          f({ minimumFractionDigits: 2 }, 5), f({ useGrouping: false }, 12345), f({ maximumSignificantDigits: 3 }, 123456), f({ notation: 'compact' }, 1234), f({ notation: 'compact' }, 1500000),
          f({ signDisplay: 'always' }, 5), f({}, NaN), f({ style: 'currency', currency: 'USD', currencySign: 'accounting' }, -5), (5).toLocaleString('de-DE'), (12345678901234567890n).toLocaleString()];");
    assert_eq!(
        v,
        json!([
            "1,234,567.891",
            "1.005",
            "1.01",
            "26%",
            "$1,234.50",
            "-€3.00",
            "£0.50",
            "¥1,235",
            "USD\u{a0}1.00",
            "5.00",
            "12345",
            "123,000",
            "1.2K",
            "1.5M",
            "+5",
            "NaN",
            "($5.00)",
            "5",
            "12,345,678,901,234,567,890"
        ])
    );
}

#[test]
fn number_format_to_parts_and_resolved_options() {
    let v = cjs("const nf = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'USD' });
        return [nf.formatToParts(-1234.5).map((p) => p.type), nf.resolvedOptions().locale, nf.resolvedOptions().minimumFractionDigits];");
    assert_eq!(
        v,
        json!([
            [
                "minusSign",
                "currency",
                "integer",
                "group",
                "integer",
                "decimal",
                "fraction"
            ],
            "en-US",
            2
        ])
    );
}

#[test]
fn dates_format_in_utc_like_en_us() {
    let v = cjs("const d = new Date(Date.UTC(2026, 0, 2, 15, 4, 5));
        const f = (o) => new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: 'UTC' }, o)).format(d);
        return [d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString(), d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' }),
          f({ dateStyle: 'full' }), f({ dateStyle: 'medium', timeStyle: 'short' }), f({ dateStyle: 'long', timeStyle: 'long' }), f({ month: 'short', day: 'numeric' }),
          f({ year: 'numeric', month: '2-digit', day: '2-digit' }), f({ hour: '2-digit', minute: '2-digit', hour12: false }), f({ weekday: 'short' }), f({ month: 'long', year: 'numeric' }),
          new Intl.DateTimeFormat('en-US', { timeZone: '+05:30', hour: 'numeric', minute: 'numeric' }).format(d), new Intl.DateTimeFormat().resolvedOptions().timeZone];");
    assert_eq!(
        v,
        json!([
            "1/2/2026, 3:04:05\u{202f}PM",
            "1/2/2026",
            "3:04:05\u{202f}PM",
            "January 2, 2026",
            "Friday, January 2, 2026",
            "Jan 2, 2026, 3:04\u{202f}PM",
            "January 2, 2026 at 3:04:05\u{202f}PM UTC",
            "Jan 2",
            "01/02/2026",
            "15:04",
            "Fri",
            "January 2026",
            "8:34\u{202f}PM",
            "UTC"
        ])
    );
}

#[test]
fn a_named_time_zone_fails_clearly_without_time_zone_data() {
    let v = cjs("new Date(0).toLocaleString('en-US', { timeZone: 'America/New_York' });");
    assert_eq!(
        v["error"]
            .as_str()
            .map(|s| s.starts_with("RangeError: Stratus has no time-zone data")),
        Some(true)
    );
}

#[test]
fn plural_rules_list_format_and_relative_time_in_english() {
    let v = cjs("const p = new Intl.PluralRules('en-US'), o = new Intl.PluralRules('en-US', { type: 'ordinal' });
        const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
        return [[0, 1, 2, 1.5].map((n) => p.select(n)), [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map((n) => o.select(n)),
          new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(['a', 'b', 'c']), new Intl.ListFormat('en', { type: 'disjunction' }).format(['a', 'b']),
          rtf.format(-1, 'day'), rtf.format(3, 'hours'), new Intl.RelativeTimeFormat('en').format(-2, 'month')];");
    assert_eq!(
        v,
        json!([
            ["other", "one", "other", "other"],
            ["one", "two", "few", "other", "other", "other", "other", "one", "two", "one"],
            "a, b, and c",
            "a or b",
            "yesterday",
            "in 3 hours",
            "2 months ago"
        ])
    );
}

#[test]
fn collator_and_locale_compare_sort_like_a_dictionary() {
    let v = cjs("const words = ['zebra', 'Apple', 'apple', 'Äpfel', 'banana', '10', '9', '_x'];
        const numeric = ['item10', 'item9', 'item1'].sort(new Intl.Collator('en', { numeric: true }).compare);
        return [words.slice().sort((a, b) => a.localeCompare(b)), numeric, 'a'.localeCompare('A', 'en', { sensitivity: 'base' }), 'a'.localeCompare('b'), [1234.5, 2].toLocaleString()];");
    assert_eq!(
        v,
        json!([
            ["_x", "10", "9", "Äpfel", "apple", "Apple", "banana", "zebra"],
            ["item1", "item9", "item10"],
            0,
            -1,
            "1,234.5,2"
        ])
    );
}
