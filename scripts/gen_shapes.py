#!/usr/bin/env python3
"""Generates src/services/<service>/shapes.rs, the typed requests (and, for
SQS, responses) of the actions Stratus simulates, from AWS's service model
(botocore's service-2.json). One service per run, `sqs` or `lambda` (see
SERVICES). Run with a Python that has botocore installed:

    python3 -m venv /tmp/bc && /tmp/bc/bin/pip install botocore
    /tmp/bc/bin/python scripts/gen_shapes.py sqs | rustfmt --edition 2021 > src/services/sqs/shapes.rs
    /tmp/bc/bin/python scripts/gen_shapes.py lambda | rustfmt --edition 2021 > src/services/lambda/shapes.rs

The output is committed, so the build needs nothing new. Only the shapes the
simulated actions reach are generated (the wasm stays small).

Conventions of the output:
- JSON member names are the model's member names (SQS's JSON protocol).
- Requests deserialise with `deny_unknown_fields` (an unknown member is a
  ParamValidationError, as the SDKs raise it) and borrow their top-level
  strings (`Cow<'a, str>`); required members are not `Option`.
- Responses serialise members in name order (so the text is the same bytes
  serde_json gives for the equivalent `Value`), leave absent members out, and
  use a few cheaper types where the model says string (OVERRIDES).
- Validation beyond presence and type (ranges, patterns, AWS's wording) stays
  hand-written: it is measured against recorded AWS answers."""
import gzip
import json
import os
import re
import sys

import botocore

# The actions `Sqs` dispatches (src/services/sqs/edge.rs).
SQS_ACTIONS = [
    "CreateQueue", "GetQueueUrl", "ListQueues", "DeleteQueue", "GetQueueAttributes",
    "SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
    "SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch",
    "SetQueueAttributes", "PurgeQueue", "AddPermission", "RemovePermission",
    "TagQueue", "UntagQueue", "ListQueueTags", "ListDeadLetterSourceQueues",
    "StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask",
]

MD5 = "Md5"
# (shape, member) -> Rust type, for response strings rendered lazily or shared.
SQS_OVERRIDES = {
    ("Message", "MessageId"): "Rc<str>",
    ("Message", "Body"): "Rc<Body>",
    ("Message", "ReceiptHandle"): "Handle",
    ("Message", "MD5OfBody"): MD5,
    ("Message", "MD5OfMessageAttributes"): MD5,
    ("SendMessageResult", "MessageId"): "Rc<str>",
    ("SendMessageResult", "MD5OfMessageBody"): MD5,
    ("SendMessageResult", "MD5OfMessageAttributes"): MD5,
    ("SendMessageResult", "MD5OfMessageSystemAttributes"): MD5,
    ("SendMessageBatchResultEntry", "MessageId"): "Rc<str>",
    ("SendMessageBatchResultEntry", "MD5OfMessageBody"): MD5,
    ("SendMessageBatchResultEntry", "MD5OfMessageAttributes"): MD5,
    ("SendMessageBatchResultEntry", "MD5OfMessageSystemAttributes"): MD5,
}

# Required response lists SQS leaves out when empty (a batch with no failures has no `Failed`).
SQS_OMIT_WHEN_EMPTY = {
    ("SendMessageBatchResult", "Successful"), ("SendMessageBatchResult", "Failed"),
    ("DeleteMessageBatchResult", "Successful"), ("DeleteMessageBatchResult", "Failed"),
    ("ChangeMessageVisibilityBatchResult", "Successful"),
    ("ChangeMessageVisibilityBatchResult", "Failed"),
}

# The Lambda actions whose requests the typed core takes (src/services/lambda/mod.rs); the
# other simulated actions still read hand-written requests, and join this list as they move.
LAMBDA_ACTIONS = [
    "Invoke", "GetFunction", "GetFunctionConfiguration", "DeleteFunction", "GetPolicy",
    "PutFunctionRecursionConfig", "GetFunctionRecursionConfig",
]

# Members Stratus does not simulate, left out of the generated request so that the SDK-style
# check refuses them as unknown parameters (as the hand-written requests did).
LAMBDA_SKIP = {
    ("InvocationRequest", "DurableExecutionName"), ("InvocationRequest", "TenantId"),
}

SERVICES = {
    "sqs": {
        "version": "2012-11-05",
        "actions": SQS_ACTIONS,
        "responses": True,
        "overrides": SQS_OVERRIDES,
        "omit_when_empty": SQS_OMIT_WHEN_EMPTY,
        "skip": set(),
        "imports": ["use super::wire::{Body, Handle, Md5};"],
        "title": "SQS",
    },
    "lambda": {
        "version": "2015-03-31",
        "actions": LAMBDA_ACTIONS,
        # Lambda's answers are still built by hand (see src/services/lambda/edge.rs).
        "responses": False,
        # The Payload of Invoke is a JSON document (or its text) in Stratus's JSON requests.
        "overrides": {("InvocationRequest", "Payload"): "Value"},
        "omit_when_empty": set(),
        "skip": LAMBDA_SKIP,
        "imports": ["use serde_json::Value;"],
        "title": "Lambda",
    },
}

SERVICE = sys.argv[1] if len(sys.argv) > 1 else "sqs"
CONFIG = SERVICES[SERVICE]
VERSION = CONFIG["version"]
ACTIONS = CONFIG["actions"]
OVERRIDES = CONFIG["overrides"]
OMIT_WHEN_EMPTY = CONFIG["omit_when_empty"]
SKIP = CONFIG["skip"]


def snake(name):
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.lower()


def load():
    path = os.path.join(os.path.dirname(botocore.__file__), "data", SERVICE, VERSION,
                        "service-2.json.gz")
    return json.loads(gzip.open(path).read())


def main():
    model = load()
    shapes = model["shapes"]

    def reach(name, out):
        if name in out:
            return
        out.add(name)
        s = shapes[name]
        if s["type"] == "structure":
            for member, m in s["members"].items():
                if (name, member) not in SKIP:
                    reach(m["shape"], out)
        elif s["type"] == "list":
            reach(s["member"]["shape"], out)
        elif s["type"] == "map":
            reach(s["value"]["shape"], out)

    inputs, outputs = set(), set()
    for action in ACTIONS:
        op = model["operations"][action]
        if "input" in op:
            reach(op["input"]["shape"], inputs)
        if "output" in op and CONFIG["responses"]:
            reach(op["output"]["shape"], outputs)

    def members_key(name):
        s = shapes[name]
        return json.dumps({k: v["shape"] for k, v in s["members"].items()}) + json.dumps(
            s.get("required", []))

    # Structures with the same members are one type (MessageSystemAttributeValue is MessageAttributeValue).
    canonical = {}
    first_by_key = {}
    for name in sorted(inputs | outputs):
        if shapes[name]["type"] != "structure":
            continue
        key = members_key(name)
        canonical[name] = first_by_key.setdefault(key, name)

    def borrows(name):
        """Request-only structures borrow their strings from the request text."""
        return name in inputs and name not in outputs

    def has_lifetime(name, seen=()):
        s = shapes[name]
        if s["type"] == "structure":
            if not borrows(canonical[name]):
                return False
            return any(member_has_lifetime(m["shape"], seen + (name,)) for m in s["members"].values())
        return False

    def member_has_lifetime(shape, seen):
        s = shapes[shape]
        if s["type"] == "string":
            return True
        if s["type"] == "structure":
            return shape not in seen and has_lifetime(shape, seen)
        if s["type"] == "list":
            return member_has_lifetime(s["member"]["shape"], seen)
        return False

    def rust_type(shape, top_string_borrowed):
        s = shapes[shape]
        t = s["type"]
        if t == "string":
            return "Cow<'a, str>" if top_string_borrowed else "String"
        if t in ("integer", "long"):
            return "i64"
        if t in ("float", "double", "timestamp"):
            return "f64"  # a timestamp is epoch seconds in the JSON protocols
        if t == "boolean":
            return "bool"
        if t == "blob":
            return "String"  # base64 in the JSON protocol
        if t == "list":
            return f"Vec<{rust_type(s['member']['shape'], False)}>"
        if t == "map":
            return f"BTreeMap<String, {rust_type(s['value']['shape'], False)}>"
        if t == "structure":
            target = canonical[shape]
            return f"{target}<'a>" if has_lifetime(target) else target
        raise SystemExit(f"shape type {t} not supported")

    title = CONFIG["title"]
    print("// Generated by scripts/gen_shapes.py from AWS's service model (botocore")
    print(f"// {botocore.__version__}, {SERVICE}/{VERSION}/service-2.json). Do not edit by hand.")
    print()
    if CONFIG["responses"]:
        print(f"//! The typed requests and responses of the {title} actions Stratus simulates,")
        print("//! named and shaped as in AWS's model. Requests borrow from their input;")
        print("//! responses serialise members in name order and leave absent ones out.")
    else:
        print(f"//! The typed requests of the {title} actions Stratus simulates, named and")
        print("//! shaped as in AWS's model (less the members Stratus does not simulate,")
        print("//! which are refused as unknown parameters). Requests borrow their")
        print("//! top-level strings from their input.")
    print()
    print("#![allow(clippy::derive_partial_eq_without_eq)]")
    print()
    for line in CONFIG["imports"]:
        print(line)
    types = {shapes[n]["type"] for n in inputs | outputs}
    print("use serde::{Deserialize, Serialize};" if CONFIG["responses"] else "use serde::Deserialize;")
    print("use std::borrow::Cow;")
    if "map" in types:
        print("use std::collections::BTreeMap;")
    if any("Rc<" in t for t in OVERRIDES.values()):
        print("use std::rc::Rc;")
    if CONFIG["responses"]:
        print()
        print("/// The response of an action whose model has no output: `{}`.")
        print("#[derive(Clone, Debug, Default, PartialEq, Serialize)]")
        print("pub struct Empty {}")

    for name in sorted(inputs | outputs):
        s = shapes[name]
        if s["type"] != "structure":
            continue
        if canonical[name] != name:
            print()
            print(f"/// `{name}`: the same members as `{canonical[name]}`.")
            lt = "<'a>" if has_lifetime(canonical[name]) else ""
            print(f"pub type {name}{lt} = {canonical[name]}{lt};")
            continue
        is_in, is_out = name in inputs, name in outputs
        derives = ["Clone", "Debug", "Default", "PartialEq"]
        if is_in:
            derives.append("Deserialize")
        if is_out:
            derives.append("Serialize")
        lifetime = has_lifetime(name)
        required = set(s.get("required", []))
        members = [(m, r) for m, r in s["members"].items() if (name, m) not in SKIP]
        if is_out:
            members.sort(key=lambda kv: kv[0])
        print()
        print(f"/// `{name}` in AWS's model.")
        print(f"#[derive({', '.join(derives)})]")
        if is_in:
            print("#[serde(deny_unknown_fields)]")
        print(f"pub struct {name}{'<' + chr(39) + 'a>' if lifetime else ''} {{")
        for member, ref in members:
            shape = ref["shape"]
            ty = OVERRIDES.get((name, member)) or rust_type(
                shape, borrows(name) and shapes[shape]["type"] == "string")
            attrs = [f"rename = {json.dumps(member)}"]
            if lifetime and "'a" in ty:
                attrs.append("borrow")
            if (name, member) in OMIT_WHEN_EMPTY:
                attrs.append('skip_serializing_if = "Vec::is_empty"')
            elif member not in required:
                ty = f"Option<{ty}>"
                if is_out:
                    attrs.append('skip_serializing_if = "Option::is_none"')
            field = snake(member)
            if field in ("type", "type_", "match", "ref", "self", "mod", "use", "fn"):
                field = "r#" + field
            print(f"    #[serde({', '.join(attrs)})]")
            print(f"    pub {field}: {ty},")
        print("}")


main()
