//! Lambda's `context` object, one per invocation, with the members AWS's
//! Node.js runtime gives it (functionName … getRemainingTimeInMillis,
//! done/succeed/fail). It is built cheaply because every invocation needs
//! one: the function's strings are made once per environment, the object
//! has a shared shape (one layout for all invocations), and its functions
//! are made once per environment and find their invocation through `this`.
//! Called as methods (`context.succeed(x)`), a context of an earlier
//! invocation therefore has no effect on a later one; called detached
//! (`const { succeed } = context`), they act on the running invocation.

use boa_engine::gc::{empty_trace, Finalize, Trace};
use boa_engine::object::builtins::JsFunction;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, JsData, JsObject, JsResult, JsString, JsValue, NativeFunction,
};

use super::globals::arg;
use super::host::with_state;
use super::invocation::callback;
use super::{FunctionConfig, InvokeInfo, Millis};

/// The invocation a context object belongs to (its native data).
#[derive(Debug)]
struct Invocation {
    serial: u64,
    deadline: Millis,
}

impl Finalize for Invocation {}

// SAFETY: it holds no GC pointers.
unsafe impl Trace for Invocation {
    empty_trace!();
}

impl JsData for Invocation {}

/// The strings and functions every context of one environment shares.
pub(super) struct ContextParts {
    function_name: JsString,
    function_version: JsString,
    function_arn: JsString,
    memory_limit_in_mb: JsString,
    log_group_name: JsString,
    log_stream_name: JsString,
    get_remaining_time_in_millis: JsFunction,
    done: JsFunction,
    succeed: JsFunction,
    fail: JsFunction,
}

/// The invocation `this` is the context of, or else the running one.
fn invocation_of(this: &JsValue) -> JsResult<(u64, Millis)> {
    if let Some(inv) = this.as_object().and_then(|o| {
        o.downcast_ref::<Invocation>()
            .map(|i| (i.serial, i.deadline))
    }) {
        return Ok(inv);
    }
    with_state(|s| {
        s.run
            .borrow()
            .as_ref()
            .map_or((0, 0), |r| (r.serial, r.deadline))
    })
}

fn method(
    ctx: &mut Context,
    f: fn(u64, Millis, &[JsValue], &mut Context) -> JsResult<JsValue>,
) -> JsFunction {
    NativeFunction::from_copy_closure(move |this, args, ctx| {
        let (serial, deadline) = invocation_of(this)?;
        f(serial, deadline, args, ctx)
    })
    .to_js_function(ctx.realm())
}

impl ContextParts {
    pub(super) fn new(config: &FunctionConfig, ctx: &mut Context) -> Self {
        ContextParts {
            function_name: JsString::from(config.function_name.as_str()),
            function_version: JsString::from(config.function_version.as_str()),
            function_arn: JsString::from(config.function_arn()),
            memory_limit_in_mb: JsString::from(config.memory_mb.to_string()),
            log_group_name: JsString::from(config.log_group_name()),
            log_stream_name: JsString::from(config.log_stream_name.as_str()),
            get_remaining_time_in_millis: method(ctx, |_, deadline, _, _| {
                let now = with_state(|s| s.now.get())?;
                Ok(JsValue::from(deadline.saturating_sub(now) as f64))
            }),
            done: method(ctx, |serial, _, a, ctx| {
                callback(serial, arg(a, 0), arg(a, 1), ctx)
            }),
            succeed: method(ctx, |serial, _, a, ctx| {
                callback(serial, JsValue::null(), arg(a, 0), ctx)
            }),
            fail: method(ctx, |serial, _, a, ctx| {
                callback(serial, arg(a, 0), JsValue::undefined(), ctx)
            }),
        }
    }

    /// The context of invocation `serial`, which times out at `deadline`.
    pub(super) fn build(
        &self,
        info: &InvokeInfo,
        serial: u64,
        deadline: Millis,
        client_context: Option<JsValue>,
        identity: Option<JsValue>,
        ctx: &mut Context,
    ) -> JsObject {
        let arn = match &info.invoked_function_arn {
            Some(arn) => JsString::from(arn.as_str()),
            None => self.function_arn.clone(),
        };
        let mut init = ObjectInitializer::with_native_data(Invocation { serial, deadline }, ctx);
        let all = Attribute::all();
        init.property(js_string!("callbackWaitsForEmptyEventLoop"), true, all)
            .property(js_string!("functionName"), self.function_name.clone(), all)
            .property(
                js_string!("functionVersion"),
                self.function_version.clone(),
                all,
            )
            .property(js_string!("invokedFunctionArn"), arn, all)
            .property(
                js_string!("memoryLimitInMB"),
                self.memory_limit_in_mb.clone(),
                all,
            )
            .property(
                js_string!("awsRequestId"),
                JsString::from(info.aws_request_id.as_str()),
                all,
            )
            .property(js_string!("logGroupName"), self.log_group_name.clone(), all)
            .property(
                js_string!("logStreamName"),
                self.log_stream_name.clone(),
                all,
            )
            .property(
                js_string!("getRemainingTimeInMillis"),
                self.get_remaining_time_in_millis.clone(),
                all,
            )
            .property(js_string!("done"), self.done.clone(), all)
            .property(js_string!("succeed"), self.succeed.clone(), all)
            .property(js_string!("fail"), self.fail.clone(), all);
        if let Some(c) = client_context.filter(|c| !c.is_null_or_undefined()) {
            init.property(js_string!("clientContext"), c, all);
        }
        if let Some(i) = identity.filter(|i| !i.is_null_or_undefined()) {
            init.property(js_string!("identity"), i, all);
        }
        init.build()
    }
}
