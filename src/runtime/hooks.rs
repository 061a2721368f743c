//! What the engine asks of the host: the virtual clock `Date` reads, boa's
//! host hooks (UTC, no `eval`, buffers bounded by the function's memory,
//! promise rejection tracking for Node's unhandled-rejection rule, the async
//! context frame promise reactions carry) and the
//! job queue, run to exhaustion on demand with each promise job charged to
//! the step budget (`host::charge_steps`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use boa_engine::builtins::promise::{OperationType, PromiseState};
use boa_engine::context::time::{Clock, JsInstant};
use boa_engine::context::HostHooks;
use boa_engine::job::{GenericJob, Job, JobCallback, JobExecutor, NativeAsyncJob, PromiseJob};
use boa_engine::object::builtins::JsFunction;
use boa_engine::object::builtins::JsPromise;
use boa_engine::realm::Realm;
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsString, JsValue};

use super::host::{charge_steps, HostState};
use super::Millis;

/// The virtual clock `Date` reads.
#[derive(Debug)]
pub(crate) struct VirtualClock(pub Rc<Cell<Millis>>);

impl Clock for VirtualClock {
    fn now(&self) -> JsInstant {
        let ms = self.0.get();
        JsInstant::new(ms / 1000, ((ms % 1000) * 1_000_000) as u32)
    }

    fn system_time_millis(&self) -> i64 {
        self.0.get() as i64
    }
}

/// Host hooks: UTC, string compilation as in Node, buffers bounded by the function's memory,
/// and rejected promises tracked for Node's unhandled-rejection rule.
pub(crate) struct Hooks {
    pub state: Rc<HostState>,
}

/// The async context frame (AsyncLocalStorage's stores) a promise reaction
/// was registered in: `then` and `await` capture it, the reaction runs in
/// it, as Node 24's AsyncContextFrame does.
struct AsyncFrame(JsValue);

impl boa_engine::gc::Finalize for AsyncFrame {}

// SAFETY: the frame traces the one GC value it holds.
unsafe impl boa_engine::gc::Trace for AsyncFrame {
    boa_engine::gc::custom_trace!(this, mark, mark(&this.0));
}

impl boa_engine::object::JsData for AsyncFrame {}

impl HostHooks for Hooks {
    fn make_job_callback(&self, callback: JsFunction, _context: &mut Context) -> JobCallback {
        JobCallback::new(callback, AsyncFrame(super::host::async_frame()))
    }

    fn call_job_callback(
        &self,
        job: &JobCallback,
        this: &JsValue,
        args: &[JsValue],
        context: &mut Context,
    ) -> JsResult<JsValue> {
        let frame = job
            .host_defined()
            .downcast_ref::<AsyncFrame>()
            .map(|f| f.0.clone());
        let Some(frame) = frame else {
            return job.callback().call(this, args, context);
        };
        let previous = super::host::swap_async_frame(frame);
        let result = job.callback().call(this, args, context);
        super::host::swap_async_frame(previous);
        result
    }

    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<boa_engine::builtins::promise::Promise>,
        operation: OperationType,
        _context: &mut Context,
    ) {
        let obj: JsObject = promise.clone().upcast();
        let mut list = self.state.rejections.borrow_mut();
        match operation {
            OperationType::Reject => list.push(obj),
            OperationType::Handle => list.retain(|p| !JsObject::equals(p, &obj)),
        }
    }

    fn ensure_can_compile_strings(
        &self,
        _realm: Realm,
        _parameters: &[JsString],
        _body: &JsString,
        _direct: bool,
        _context: &mut Context,
    ) -> JsResult<()> {
        // Node compiles strings, and boa's step hook meters code from
        // strings like any other (see `prepare`).
        Ok(())
    }

    fn local_timezone_offset_seconds(&self, _unix_time_seconds: i64) -> i32 {
        0
    }

    fn max_buffer_size(&self, _context: &mut Context) -> u64 {
        self.state.memory_bytes
    }
}

/// Promises whose rejection nobody handled by the end of a turn.
pub(crate) fn take_unhandled(state: &HostState) -> Vec<JsValue> {
    let list = std::mem::take(&mut *state.rejections.borrow_mut());
    list.into_iter()
        .filter_map(|p| {
            let promise = JsPromise::from_object(p).ok()?;
            match promise.state() {
                PromiseState::Rejected(reason) => Some(reason),
                _ => None,
            }
        })
        .collect()
}

/// Steps one promise job costs. Resuming an `await` is far dearer in boa
/// than a loop iteration, and a chain of awaits can run forever without a
/// loop or a call in sight of the tick, so each job is charged as well.
const JOB_STEPS: u64 = 20;

/// A promise job, or the reaction the runtime would have added with
/// `then` to the handler's already settled promise: it runs in the same
/// place in the queue and is charged the same, without the functions and
/// the derived promise `then` makes.
enum Queued {
    Job(PromiseJob),
    Settle {
        serial: u64,
        value: JsValue,
        rejected: bool,
    },
}

/// A job queue run to exhaustion on demand: promise reactions in FIFO
/// order; timers are the runtime's own, in virtual time, not boa's.
#[derive(Default)]
pub(crate) struct Jobs {
    promise: RefCell<VecDeque<Queued>>,
    async_jobs: RefCell<VecDeque<NativeAsyncJob>>,
    generic: RefCell<VecDeque<GenericJob>>,
}

impl JobExecutor for Jobs {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        match job {
            Job::PromiseJob(p) => self.promise.borrow_mut().push_back(Queued::Job(p)),
            Job::AsyncJob(a) | Job::FinalizationRegistryCleanupJob(a) => {
                self.async_jobs.borrow_mut().push_back(a)
            }
            Job::GenericJob(g) => self.generic.borrow_mut().push_back(g),
            // boa's own timers are not exposed to user code.
            _ => {}
        }
    }

    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        loop {
            let next = self.promise.borrow_mut().pop_front();
            if let Some(job) = next {
                charge_steps(JOB_STEPS)?;
                match job {
                    Queued::Job(job) => {
                        job.call(context)?;
                    }
                    Queued::Settle {
                        serial,
                        value,
                        rejected,
                    } => super::invocation::settle_reaction(serial, value, rejected, context)?,
                }
                continue;
            }
            let next = self.async_jobs.borrow_mut().pop_front();
            if let Some(job) = next {
                let cell = RefCell::new(&mut *context);
                let fut = job.call(&cell);
                block_on(fut).unwrap_or_else(|| {
                    Err(JsNativeError::error()
                        .with_message("an asynchronous engine job never completed")
                        .into())
                })?;
                continue;
            }
            let next = self.generic.borrow_mut().pop_front();
            if let Some(job) = next {
                job.call(context)?;
                continue;
            }
            return Ok(());
        }
    }
}

impl Jobs {
    /// Queues the reaction to the handler's settled promise (see `Queued`).
    pub fn push_settle(&self, serial: u64, value: JsValue, rejected: bool) {
        self.promise.borrow_mut().push_back(Queued::Settle {
            serial,
            value,
            rejected,
        });
    }

    pub fn clear(&self) {
        self.promise.borrow_mut().clear();
        self.async_jobs.borrow_mut().clear();
        self.generic.borrow_mut().clear();
    }
}

/// Polls a future that never really waits (module loading here is
/// synchronous) to completion.
fn block_on<F: std::future::Future>(fut: F) -> Option<F::Output> {
    let mut fut = std::pin::pin!(fut);
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    for _ in 0..1_000 {
        if let std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return Some(v);
        }
    }
    None
}
