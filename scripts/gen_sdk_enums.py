#!/usr/bin/env python3
r"""Generates src/runtime/sdk/enums.txt: the enum objects every
`@aws-sdk/client-*` package exports (`InvocationType`, `Runtime`,
`ObjectCannedACL`, EC2's `_InstanceType`, ...), read from the published npm
packages, since botocore's models lack the members' names (`nodejs20x` for
"nodejs20.x", `t2_micro` for "t2.micro").

The clients are those of src/runtime/sdk/models.txt (the package is
`@aws-sdk/client-` + sdkId with spaces as hyphens, lower case). Each is
fetched with `npm pack` into a temporary directory (in parallel batches; a
package npm does not have is skipped with a warning), and every
`export const Name = { Member: "value", ... };` of its `dist-es/models/*.js`
(`enums.js` in current releases, `models_0.js`, `models_1.js`, ... in older
ones; TypeScript's `(function (Name) { Name["Member"] = "value"; })` form too)
is read, members in their order.

Output: a header line, then one line per client that has enums,

    sdkId|Enum;Enum;...

- an Enum is `Name:member,member,...`, in the package's order (EC2's and
  SageMaker's instance types are `_InstanceType`, as the packages name them);
- a member is its value followed by how its key is made from it: nothing
  when the key is the value (`Event`), `~` for the value with every
  character that cannot be in a JavaScript name as `_` (`public-read~` is
  `public_read`, `t2.micro~` is `t2_micro`), `^` for that in upper case
  (`amazon-web-services^`), `+` for upper snake case (`cannotParse+` is
  `CANNOT_PARSE`, `UnusedIAMRole+` is `UNUSED_IAM_ROLE`; see upper_snake);
  else `key=value` (`nodejs20x=nodejs20.x`), and `key=#number` for a number
  (a smithy intEnum);
- `\` escapes any of `\ | ; : , = ~ ^ + #` inside a name, key or value, and
  `\n` is a line feed.

The generator decodes every enum it writes and stops if one does not give
back its members (src/runtime/sdk/enums.rs is the reader).

Run with node and npm on the PATH (the npm registry is needed):

    python3 scripts/gen_sdk_enums.py > src/runtime/sdk/enums.txt

`--cache DIR` keeps the tarballs in DIR (and reuses them on a second run);
`--jobs N` (default 4) sets how many `npm pack` run at once. The output is
committed, so the build needs nothing new."""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = os.path.join(ROOT, "src", "runtime", "sdk", "models.txt")
BATCH = 12


def warn(msg):
    print(f"gen_sdk_enums: {msg}", file=sys.stderr)


def clients():
    """(sdkId, package) of every service in models.txt."""
    out = []
    with open(MODELS, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        sdk_id = line.split("|", 1)[0]
        out.append((sdk_id, "@aws-sdk/client-" + sdk_id.replace(" ", "-").lower()))
    return out


def tarball_name(package):
    return package.lstrip("@").replace("/", "-")


def cached(dest, package):
    prefix = tarball_name(package) + "-"
    for name in os.listdir(dest):
        rest = name[len(prefix):]
        if name.startswith(prefix) and name.endswith(".tgz") and rest[:1].isdigit():
            return os.path.join(dest, name)
    return None


def pack(packages, dest):
    """npm pack the packages into dest; {package: tarball path}. A batch
    that fails (one package npm does not have fails them all) is retried one
    by one, and a package that still fails is left out."""
    todo = [p for p in packages if not cached(dest, p)]
    if todo:
        cmd = ["npm", "pack", "--json", "--silent", "--pack-destination", dest] + todo
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0 and len(todo) > 1:
            for p in todo:
                pack([p], dest)
        elif result.returncode != 0:
            reason = "not found on npm" if "E404" in result.stdout + result.stderr else result.stderr.strip()[-200:]
            warn(f"skipping {todo[0]}: {reason}")
    return {p: cached(dest, p) for p in packages if cached(dest, p)}


IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def literal(text, pos):
    """A key or value at pos: (python value, end) or None."""
    m = STRING.match(text, pos)
    if m:
        return json.loads('"' + m.group(1) + '"'), m.end()
    m = NUMBER.match(text, pos)
    if m:
        n = float(m.group(0))
        return (int(n) if n.is_integer() else n), m.end()
    m = IDENT.match(text, pos)
    if m:
        return m.group(0), m.end()
    return None


OBJECT = re.compile(r"^export const ([A-Za-z_$][A-Za-z0-9_$]*) = \{\n((?:    [^\n]*\n)*?)\};$", re.M)
TS_ENUM = re.compile(
    r"\(function \(([A-Za-z_$][A-Za-z0-9_$]*)\) \{\n((?:[^\n]*\n)*?)\}\)\(\1 \|\| \(\1 = \{\}\)\);"
)
TS_MEMBER = re.compile(r'^\s*[A-Za-z_$][A-Za-z0-9_$]*\["((?:[^"\\]|\\.)*)"\] = (.+);$')


def parse_member(line):
    """`Key: "value",` as (key, value), or None if it is anything else."""
    k = literal(line, 0)
    if not k or not line.startswith(": ", k[1]):
        return None
    v = literal(line, k[1] + 2)
    if not v or isinstance(v[0], str) and not STRING.match(line, k[1] + 2):
        return None
    if line[v[1]:].strip() not in ("", ","):
        return None
    return str(k[0]), v[0]


def enums_of(source):
    """Every enum object of a dist-es module, in order: [(name, [(key, value)])]."""
    found = []
    for m in OBJECT.finditer(source):
        members = []
        for line in m.group(2).splitlines():
            member = parse_member(line.strip())
            if member is None:
                members = None
                break
            members.append(member)
        if members:
            found.append((m.start(), m.group(1), members))
    for m in TS_ENUM.finditer(source):
        members = []
        for line in m.group(2).splitlines():
            t = TS_MEMBER.match(line)
            v = t and literal(t.group(2), 0)
            if not v:
                members = None
                break
            members.append((json.loads('"' + t.group(1) + '"'), v[0]))
        if members:
            found.append((m.start(), m.group(1), members))
    return [(name, members) for _, name, members in sorted(found)]


def model_files(tarball):
    """The dist-es/models/*.js of a tarball, enums.js first, then by name."""
    with tarfile.open(tarball) as tar:
        members = [
            m for m in tar.getmembers()
            if re.fullmatch(r"package/dist-es/models/[A-Za-z0-9_]+\.js", m.name)
        ]
        members.sort(key=lambda m: (not m.name.endswith("/enums.js"), m.name))
        version = json.load(tar.extractfile("package/package.json"))["version"]
        return version, [(m.name, tar.extractfile(m).read().decode("utf-8")) for m in members]


SPECIAL = "\\|;:,=~^+#"


def escape(text):
    return "".join("\\n" if c == "\n" else "\\" + c if c in SPECIAL else c for c in text)


def js_name(value):
    """`~`: every character that cannot be in a JavaScript name as `_`."""
    return re.sub(r"[^A-Za-z0-9_$]", "_", value)


def upper_snake(value):
    """`+`: words split at a lower case letter or digit before a capital and
    before the last capital of a run followed by a lower case letter, runs of
    anything but letters and digits as one `_`, upper case
    (`UnusedIAMRole` → `UNUSED_IAM_ROLE`, `cannotParse` → `CANNOT_PARSE`)."""
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", value)
    s = re.sub(r"([A-Z])([A-Z][a-z])", r"\1_\2", s)
    return re.sub(r"[^A-Za-z0-9]+", "_", s).upper()


RULES = [("", lambda v: v), ("~", js_name), ("^", lambda v: js_name(v).upper()), ("+", upper_snake)]


def encode_member(key, value):
    if not isinstance(value, str):
        return f"{escape(key)}=#{json.dumps(value)}"
    for mark, rule in RULES:
        if rule(value) == key:
            return escape(value) + mark
    return f"{escape(key)}={escape(value)}"


def tokens(text):
    """(character, escaped) pairs of an encoded text."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append(("\n" if text[i + 1] == "n" else text[i + 1], True))
            i += 2
        else:
            out.append((text[i], False))
            i += 1
    return out


def split(toks, sep):
    parts = [[]]
    for c, escaped in toks:
        if c == sep and not escaped:
            parts.append([])
        else:
            parts[-1].append((c, escaped))
    return parts


def plain(toks):
    return "".join(c for c, _ in toks)


def decode_member(toks):
    """The reader's side of encode_member, to check the output."""
    parts = split(toks, "=")
    if len(parts) == 2:
        key, value = parts
        if value[:1] == [("#", False)]:
            n = float(plain(value[1:]))
            return plain(key), int(n) if n.is_integer() else n
        return plain(key), plain(value)
    mark = ""
    if toks and not toks[-1][1] and toks[-1][0] in "~^+":
        mark, toks = toks[-1][0], toks[:-1]
    value = plain(toks)
    return dict(RULES)[mark](value), value


def encode_enum(name, members):
    body = ",".join(encode_member(k, v) for k, v in members)
    decoded = [decode_member(m) for m in split(tokens(body), ",")]
    if decoded != [(k, v) for k, v in members]:
        raise SystemExit(f"{name} does not decode to itself: {decoded} != {members}")
    return escape(name) + ":" + body


def collect(dest, jobs):
    """[(sdkId, version, [(enum name, [(key, value)])])] of every client npm has."""
    services = clients()
    packages = [p for _, p in services]
    batches = [packages[i:i + BATCH] for i in range(0, len(packages), BATCH)]
    tarballs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for done in pool.map(lambda b: pack(b, dest), batches):
            tarballs.update(done)
    out = []
    for sdk_id, package in services:
        if package not in tarballs:
            continue
        version, files = model_files(tarballs[package])
        if not files:
            warn(f"{package}@{version} has no dist-es/models/*.js")
        seen, enums = set(), []
        for _, source in files:
            for name, members in enums_of(source):
                if name not in seen:
                    seen.add(name)
                    enums.append((name, members))
        out.append((sdk_id, version, enums))
    warn(f"{len(tarballs)} of {len(services)} clients on npm")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", help="keep the tarballs in this directory")
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args()
    if args.cache:
        os.makedirs(args.cache, exist_ok=True)
        found = collect(os.path.abspath(args.cache), args.jobs)
    else:
        with tempfile.TemporaryDirectory(prefix="sdk-enums-") as dest:
            found = collect(dest, args.jobs)

    lines, versions, total, members_total = [], Counter(), 0, 0
    for sdk_id, version, enums in found:
        versions[version] += 1
        if not enums:
            continue
        if "|" in sdk_id:
            raise SystemExit(f"separator in {sdk_id}")
        total += len(enums)
        members_total += sum(len(m) for _, m in enums)
        coded = [encode_enum(name, members) for name, members in enums]
        lines.append(sdk_id + "|" + ";".join(coded))
    common = ", ".join(f"{v} ({n})" for v, n in versions.most_common(3))
    sys.stdout.write(
        f"# @aws-sdk/client-* from npm, versions {common}: sdkId|Enum:member,...;...\n"
    )
    sys.stdout.write("\n".join(lines) + "\n")
    warn(f"{len(lines)} clients with enums, {total} enums, {members_total} members")


if __name__ == "__main__":
    main()
