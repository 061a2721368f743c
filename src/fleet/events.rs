//! The consumer fleet's trace events (a Stratus built-in, labelled
//! `"service":"fleet"`): fleets created, scaled and deleted, pollers started and
//! stopped, messages processed or failed. `name` and `describe` label them in
//! the trace and the timeline.

use serde::Serialize;
use std::rc::Rc;

/// Something that happened in a consumer fleet.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum FleetEvent {
    ConsumerFleetCreated {
        fleet: Rc<str>,
        queue: Rc<str>,
        pollers: u32,
    },
    ConsumerFleetDeleted {
        fleet: Rc<str>,
        queue: Rc<str>,
    },
    PollerStarted {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
    },
    PollerStopped {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
    },
    MessageProcessed {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
        message_id: Rc<str>,
    },
    /// The poller's processing failed: it does not delete the message, which returns after its visibility timeout.
    MessageProcessingFailed {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
        message_id: Rc<str>,
    },
    /// The scaling rule changed the fleet's desired size (target tracking on backlog per instance).
    ConsumerFleetScaled {
        fleet: Rc<str>,
        queue: Rc<str>,
        from: u32,
        to: u32,
        visible: usize,
        in_service: u32,
        target_backlog_per_instance: f64,
    },
}

impl FleetEvent {
    /// The queue the fleet consumes.
    pub fn queue(&self) -> &Rc<str> {
        match self {
            FleetEvent::ConsumerFleetCreated { queue, .. }
            | FleetEvent::ConsumerFleetDeleted { queue, .. }
            | FleetEvent::PollerStarted { queue, .. }
            | FleetEvent::PollerStopped { queue, .. }
            | FleetEvent::MessageProcessed { queue, .. }
            | FleetEvent::MessageProcessingFailed { queue, .. }
            | FleetEvent::ConsumerFleetScaled { queue, .. } => queue,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            FleetEvent::ConsumerFleetCreated { .. } => "ConsumerFleetCreated",
            FleetEvent::ConsumerFleetDeleted { .. } => "ConsumerFleetDeleted",
            FleetEvent::PollerStarted { .. } => "PollerStarted",
            FleetEvent::PollerStopped { .. } => "PollerStopped",
            FleetEvent::MessageProcessed { .. } => "MessageProcessed",
            FleetEvent::MessageProcessingFailed { .. } => "MessageProcessingFailed",
            FleetEvent::ConsumerFleetScaled { .. } => "ConsumerFleetScaled",
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            FleetEvent::ConsumerFleetCreated { fleet, queue, pollers } => {
                format!("consumer fleet {fleet} created on {queue} with {pollers} pollers")
            }
            FleetEvent::ConsumerFleetDeleted { fleet, queue } => {
                format!("consumer fleet {fleet} on {queue} deleted")
            }
            FleetEvent::PollerStarted { fleet, poller, .. } => {
                format!("poller {poller} of fleet {fleet} started")
            }
            FleetEvent::PollerStopped { fleet, poller, .. } => {
                format!("poller {poller} of fleet {fleet} stopped")
            }
            FleetEvent::MessageProcessed { poller, message_id, .. } => {
                format!("{message_id} processed by {poller}; it deletes the message")
            }
            FleetEvent::MessageProcessingFailed { queue, poller, message_id, .. } => format!(
                "{message_id}: processing failed on {poller}; not deleted, it returns to {queue} after its visibility timeout"
            ),
            FleetEvent::ConsumerFleetScaled {
                fleet,
                from,
                to,
                visible,
                in_service,
                target_backlog_per_instance,
                ..
            } => format!(
                "fleet {fleet} scaled from {from} to {to} pollers: {visible} visible messages / {in_service} in service vs a target backlog of {target_backlog_per_instance} per poller"
            ),
        }
    }
}
