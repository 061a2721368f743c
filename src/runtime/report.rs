//! The platform lines Lambda writes around an invocation (START, END,
//! REPORT), for the Lambda service to put into the log stream.

/// What a REPORT line states.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportInfo<'a> {
    pub request_id: &'a str,
    pub duration_ms: f64,
    pub memory_mb: u32,
    pub max_memory_used_mb: u32,
    /// Present on a cold start.
    pub init_duration_ms: Option<f64>,
}

/// Lambda bills in 1 ms steps, rounding up; since August 2025 the INIT phase
/// of managed runtimes is billed too, so a cold start adds its init duration.
pub fn billed_duration_ms(duration_ms: f64, init_duration_ms: Option<f64>) -> u64 {
    let total = duration_ms + init_duration_ms.unwrap_or(0.0);
    (total.ceil() as u64).max(1)
}

/// `START RequestId: <id> Version: $LATEST`
pub fn start_line(request_id: &str, version: &str) -> String {
    let mut line = String::with_capacity(34 + request_id.len() + version.len());
    line.push_str("START RequestId: ");
    line.push_str(request_id);
    line.push_str(" Version: ");
    line.push_str(version);
    line
}

/// `END RequestId: <id>`
pub fn end_line(request_id: &str) -> String {
    let mut line = String::with_capacity(16 + request_id.len());
    line.push_str("END RequestId: ");
    line.push_str(request_id);
    line
}

/// `REPORT RequestId: <id>\tDuration: 2.05 ms\tBilled Duration: 3 ms\t...`
pub fn report_line(r: &ReportInfo<'_>) -> String {
    use std::fmt::Write;
    // Written into one buffer of the usual size (a warm invocation's line is ~140 bytes).
    let mut line = String::with_capacity(192);
    let _ = write!(
        line,
        "REPORT RequestId: {}\tDuration: {:.2} ms\tBilled Duration: {} ms\tMemory Size: {} MB\tMax Memory Used: {} MB\t",
        r.request_id,
        r.duration_ms,
        billed_duration_ms(r.duration_ms, r.init_duration_ms),
        r.memory_mb,
        r.max_memory_used_mb
    );
    if let Some(init) = r.init_duration_ms {
        let _ = write!(line, "Init Duration: {init:.2} ms\t");
    }
    line
}

/// With the JSON log format: `{"time": ..., "type": "platform.start", "record": {...}}`.
pub fn start_record(time: &str, request_id: &str, version: &str) -> String {
    format!(
        "{{\"time\":{},\"type\":\"platform.start\",\"record\":{{\"requestId\":{},\"version\":{}}}}}",
        serde_json::Value::from(time),
        serde_json::Value::from(request_id),
        serde_json::Value::from(version)
    )
}

/// With the JSON log format: the REPORT line as a `platform.report` record.
pub fn report_record(time: &str, r: &ReportInfo<'_>, status: &str) -> String {
    let mut metrics = format!(
        "\"durationMs\":{},\"billedDurationMs\":{},\"memorySizeMB\":{},\"maxMemoryUsedMB\":{}",
        (r.duration_ms * 1000.0).round() / 1000.0,
        billed_duration_ms(r.duration_ms, r.init_duration_ms),
        r.memory_mb,
        r.max_memory_used_mb
    );
    if let Some(init) = r.init_duration_ms {
        metrics.push_str(&format!(
            ",\"initDurationMs\":{}",
            (init * 1000.0).round() / 1000.0
        ));
    }
    format!(
        "{{\"time\":{},\"type\":\"platform.report\",\"record\":{{\"requestId\":{},\"metrics\":{{{metrics}}},\"status\":{}}}}}",
        serde_json::Value::from(time),
        serde_json::Value::from(r.request_id),
        serde_json::Value::from(status)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_bills_whole_milliseconds_and_shows_init_on_a_cold_start() {
        let line = report_line(&ReportInfo {
            request_id: "r1",
            duration_ms: 2.05,
            memory_mb: 128,
            max_memory_used_mb: 67,
            init_duration_ms: Some(140.5),
        });
        assert_eq!(
            line,
            "REPORT RequestId: r1\tDuration: 2.05 ms\tBilled Duration: 143 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\tInit Duration: 140.50 ms\t"
        );
        assert_eq!(billed_duration_ms(3.0, None), 3);
        assert_eq!(billed_duration_ms(3.01, None), 4);
        assert_eq!(
            start_line("r1", "$LATEST"),
            "START RequestId: r1 Version: $LATEST"
        );
        assert_eq!(end_line("r1"), "END RequestId: r1");
    }
}
