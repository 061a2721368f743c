#!/usr/bin/env python3
"""Generates src/runtime/sdk/models.txt, what the AWS SDK for JavaScript v3
shim needs of every AWS service model (botocore's service-2.json,
paginators-1.json and waiters-2.json): one line per service,

    sdkId|flags|operations|errors|paginators|waiters

- sdkId: the model's serviceId, from which the SDK derives the package
  (`@aws-sdk/client-` + sdkId with spaces as hyphens, lower case) and the
  client class (each word capitalised, joined, + `Client`).
- flags: `q` when the service is AWS-query compatible (its errors carry the
  legacy `Code` and `Type`).
- operations: names in order, comma-separated, front-coded: a name that
  shares k >= 2 leading characters with the one before starts with the
  lower-case letter `a` + (k - 2) (k at most 27), then the rest (every name
  starts with a capital letter). `@201` after a name gives the HTTP status
  of its success when it is not 200 (REST services).
- errors: modelled exception shapes, front-coded the same way; a trailing
  `!` marks a server fault.
- paginators: for each paginator with one input and one output token (what
  smithy's @paginated can express; the JS SDK generates no others), the
  operation's index (hex), then nothing for NextToken/NextToken/MaxResults,
  `n` for nextToken/nextToken/maxResults, or `=inputToken:outputToken:limitKey`.
- waiters: `Name:index` (hex) of the operation polled.

Run with a Python that has botocore installed:

    python3 -m venv /tmp/bc && /tmp/bc/bin/pip install botocore
    /tmp/bc/bin/python scripts/gen_sdk.py > src/runtime/sdk/models.txt

The output is committed, so the build needs nothing new."""
import gzip
import json
import os
import re
import sys

import botocore


def load(path):
    if os.path.exists(path + ".gz"):
        return json.load(gzip.open(path + ".gz"))
    if os.path.exists(path):
        return json.load(open(path))
    return None


SIMPLE_TOKEN = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")


def front_coded(names):
    out, prev = [], ""
    for name in names:
        k = 0
        while k < min(len(prev), len(name), 27) and prev[k] == name[k]:
            k += 1
        out.append(chr(ord("a") + k - 2) + name[k:] if k >= 2 else name)
        prev = name
    return ",".join(out)


COMMON_TOKENS = {"NextToken:NextToken:MaxResults": "", "nextToken:nextToken:maxResults": "n"}


def main():
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    lines = {}
    for service in sorted(os.listdir(data)):
        folder = os.path.join(data, service)
        if not os.path.isdir(folder):
            continue
        versions = sorted(v for v in os.listdir(folder) if os.path.isdir(os.path.join(folder, v)))
        if not versions:
            continue
        base = os.path.join(folder, versions[-1])
        model = load(os.path.join(base, "service-2.json"))
        if model is None:
            continue
        meta = model["metadata"]
        sdk_id = meta["serviceId"]
        flags = "q" if "awsQueryCompatible" in meta else ""
        ops = sorted(model["operations"])
        coded = []
        for op in ops:
            status = model["operations"][op].get("http", {}).get("responseCode", 200)
            coded.append(op if status == 200 else f"{op}@{status}")
        errors = []
        for name, shape in sorted(model["shapes"].items()):
            if shape.get("exception"):
                errors.append(name + ("!" if shape.get("fault") else ""))
        pags = []
        for op, p in sorted(((load(os.path.join(base, "paginators-1.json")) or {}).get("pagination") or {}).items()):
            tokens = [p.get("input_token"), p.get("output_token")]
            if not all(isinstance(t, str) and SIMPLE_TOKEN.match(t) for t in tokens):
                continue
            limit = p.get("limit_key") or ""
            if op in model["operations"]:
                key = f"{tokens[0]}:{tokens[1]}:{limit}"
                code = COMMON_TOKENS.get(key, "=" + key)
                pags.append(f"{ops.index(op):x}{code}")
        waiters = (load(os.path.join(base, "waiters-2.json")) or {}).get("waiters") or {}
        waits = [f"{n}:{ops.index(w['operation']):x}" for n, w in sorted(waiters.items())]
        fields = [sdk_id, flags, front_coded(coded), front_coded(errors), ",".join(pags), ",".join(waits)]
        for f in fields:
            if "|" in f or "\n" in f:
                raise SystemExit(f"separator in {service}: {f}")
        package = sdk_id.replace(" ", "-").lower()
        # Two models with one serviceId (botocore keeps `sms-voice` beside
        # `pinpoint-sms-voice`): the SDK has one package, from the model whose
        # name is the package's.
        if package in lines and service != package:
            continue
        lines[package] = "|".join(fields)
    lines = [lines[k] for k in sorted(lines)]
    sys.stdout.write(f"# botocore {botocore.__version__}: sdkId|flags|operations|errors|paginators|waiters\n")
    sys.stdout.write("\n".join(lines) + "\n")


main()
