//! The log of one invocation as Lambda writes it to the function's stream:
//! START, the function's lines, END and REPORT as text, or with the JSON log
//! format `platform.start` and `platform.report` records around the
//! function's JSON lines (none below the SystemLogLevel).

use super::model::Logging;
use crate::runtime::{self, Outcome};
use crate::sim::{format_iso, Millis};

/// Which invocation the lines are for: when it started, its request id and version.
pub struct Started<'a> {
    pub at: Millis,
    pub request_id: &'a str,
    pub version: &'a str,
}

/// The lines, with their times, for the log stream.
pub fn lines(
    logging: &Logging,
    inv: &Started<'_>,
    outcome: &Outcome,
    report: &runtime::ReportInfo<'_>,
    now: Millis,
) -> Vec<(Millis, String)> {
    let mut lines = Vec::new();
    match logging.json {
        None => {
            lines.push((inv.at, runtime::start_line(inv.request_id, inv.version)));
            lines.extend(outcome.logs.iter().map(|l| (l.at, l.line.clone())));
            lines.push((now, runtime::end_line(inv.request_id)));
            lines.push((now, runtime::report_line(report)));
        }
        Some((_, system_level)) => {
            // platform.start and platform.report are INFO records.
            let system = system_level != "WARN";
            if system {
                lines.push((
                    inv.at,
                    runtime::start_record(&format_iso(inv.at), inv.request_id, inv.version),
                ));
            }
            lines.extend(outcome.logs.iter().map(|l| (l.at, l.line.clone())));
            if system {
                let status = match &outcome.result {
                    Ok(_) => "success",
                    Err(e) if e.error_type == "Sandbox.Timedout" => "timeout",
                    Err(_) => "error",
                };
                lines.push((
                    now,
                    runtime::report_record(&format_iso(now), report, status),
                ));
            }
        }
    }
    lines
}
