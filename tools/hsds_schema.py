#!/usr/bin/env python3
"""Generate crates/domain/src/hsds/schema.rs from the Open Referral HSDS 3.0 descriptor.

The descriptor is vendored unchanged in vendor/hsds-3.0/datapackage.json
(relative to the workspace root, see vendor/README.md); the Rust data generated
from it is what the code uses, so that reading, validation, storage and export
all follow one schema.

    python3 tools/hsds_schema.py            # regenerate
    python3 tools/hsds_schema.py --check    # exit 1 if the committed file is stale

The script refuses any descriptor feature that the Rust types cannot express
(composite keys, other types or formats, other constraints) instead of dropping
it silently.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DESCRIPTOR = ROOT / "vendor" / "hsds-3.0" / "datapackage.json"
DEFAULT_OUT = ROOT / "crates" / "domain" / "src" / "hsds" / "schema.rs"

TYPES = {
    "string": "String",
    "number": "Number",
    "date": "Date",
    "datetime": "Datetime",
    "time": "Time",
}
FORMATS = {"uuid": "Uuid", "uri": "Uri", "email": "Email"}
FIELD_KEYS = {"name", "type", "format", "title", "description", "constraints", "example", "core"}
CONSTRAINT_KEYS = {"required", "unique", "enum"}
RESOURCE_KEYS = {"name", "path", "description", "format", "mediatype", "profile", "schema"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys"}
PACKAGE_KEYS = {
    "name", "title", "description", "profile", "version", "homepage", "license", "resources",
}


class DescriptorError(Exception):
    pass


def expect(cond: bool, message: str) -> None:
    if not cond:
        raise DescriptorError(message)


def rust_str(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def table_title(name: str) -> str:
    # The descriptor gives resources no title; forms and reports need one.
    words = name.split("_")
    return " ".join([words[0].capitalize(), *words[1:]])


def field_source(field: dict, where: str) -> list[str]:
    unknown = set(field) - FIELD_KEYS
    expect(not unknown, f"{where}: unsupported field keys {sorted(unknown)}")
    expect(field["type"] in TYPES, f"{where}: unsupported type {field['type']!r}")
    fmt = field.get("format")
    expect(fmt is None or fmt in FORMATS, f"{where}: unsupported format {fmt!r}")
    expect(
        fmt is None or field["type"] == "string",
        f"{where}: format {fmt!r} on a {field['type']} field",
    )
    constraints = field.get("constraints", {})
    unknown = set(constraints) - CONSTRAINT_KEYS
    expect(not unknown, f"{where}: unsupported constraints {sorted(unknown)}")
    enum = constraints.get("enum", [])
    expect(all(isinstance(v, str) for v in enum), f"{where}: enum values must be strings")
    enum_src = "&[" + ", ".join(rust_str(v) for v in enum) + "]"
    return [
        "        Field {",
        f"            name: {rust_str(field['name'])},",
        f"            title: {rust_str(field.get('title', ''))},",
        f"            description: {rust_str(field.get('description', ''))},",
        f"            field_type: FieldType::{TYPES[field['type']]},",
        "            format: " + (f"Some(Format::{FORMATS[fmt]})," if fmt else "None,"),
        f"            required: {'true' if constraints.get('required', False) else 'false'},",
        f"            unique: {'true' if constraints.get('unique', False) else 'false'},",
        f"            enum_values: {enum_src},",
        "        },",
    ]


def table_source(resource: dict, names: set[str]) -> list[str]:
    name = resource["name"]
    unknown = set(resource) - RESOURCE_KEYS
    expect(not unknown, f"{name}: unsupported resource keys {sorted(unknown)}")
    expect(resource.get("profile") == "tabular-data-resource", f"{name}: profile")
    expect(resource.get("format") == "csv", f"{name}: format")
    expect(resource.get("mediatype") == "text/csv", f"{name}: mediatype")
    schema = resource["schema"]
    unknown = set(schema) - SCHEMA_KEYS
    expect(not unknown, f"{name}: unsupported schema keys {sorted(unknown)}")
    field_names = [f["name"] for f in schema["fields"]]
    expect(len(set(field_names)) == len(field_names), f"{name}: duplicated field")
    pk = schema.get("primaryKey")
    expect(isinstance(pk, str) and pk in field_names, f"{name}: primaryKey must be one field")

    lines = [
        "    Table {",
        f"        name: {rust_str(name)},",
        f"        path: {rust_str(resource['path'])},",
        f"        title: {rust_str(table_title(name))},",
        f"        description: {rust_str(resource.get('description', ''))},",
        f"        primary_key: {rust_str(pk)},",
        "        fields: &[",
    ]
    for field in schema["fields"]:
        lines += ["    " + line for line in field_source(field, f"{name}.{field['name']}")]
    lines.append("        ],")
    fks = schema.get("foreignKeys", [])
    if not fks:
        lines.append("        foreign_keys: &[],")
    else:
        lines.append("        foreign_keys: &[")
        for fk in fks:
            where = f"{name} foreign key {fk!r}"
            ref = fk["reference"]
            expect(isinstance(fk["fields"], str), f"{where}: composite keys are not supported")
            expect(isinstance(ref["fields"], str), f"{where}: composite keys are not supported")
            expect(fk["fields"] in field_names, f"{where}: unknown field")
            expect(ref["resource"] in names, f"{where}: unknown resource")
            lines += [
                "            ForeignKey {",
                f"                field: {rust_str(fk['fields'])},",
                f"                resource: {rust_str(ref['resource'])},",
                f"                reference_field: {rust_str(ref['fields'])},",
                "            },",
            ]
        lines.append("        ],")
    lines.append("    },")
    return lines


def generate(descriptor_path: Path) -> str:
    with descriptor_path.open(encoding="utf-8") as f:
        package = json.load(f)
    unknown = set(package) - PACKAGE_KEYS
    expect(not unknown, f"unsupported package keys {sorted(unknown)}")
    resources = package["resources"]
    names = {r["name"] for r in resources}
    expect(len(names) == len(resources), "duplicated resource name")
    expect(len({r["path"] for r in resources}) == len(resources), "duplicated resource path")
    license_ = package["license"]
    expect(set(license_) == {"url", "type", "name"}, "license must have url, type and name")

    out = [
        "//! The Open Referral HSDS 3.0 tabular data package descriptor as Rust data.",
        "//!",
        "//! @generated by `tools/hsds_schema.py` from the official descriptor",
        "//! (`vendor/hsds-3.0/datapackage.json` relative to the workspace root).",
        "//! Do not edit by hand: run `python3 tools/hsds_schema.py` to regenerate.",
        "//!",
        "//! Titles and descriptions come from the HSDS 3.0 specification by Open",
        "//! Referral, licensed CC BY-SA 4.0.",
        "",
        "use super::{Field, FieldType, ForeignKey, Format, License, PackageInfo, Table};",
        "",
        "/// The descriptor's package-level metadata.",
        "pub static PACKAGE: PackageInfo = PackageInfo {",
        f"    name: {rust_str(package['name'])},",
        f"    title: {rust_str(package['title'])},",
        f"    description: {rust_str(package['description'])},",
        f"    profile: {rust_str(package['profile'])},",
        f"    version: {rust_str(package['version'])},",
        f"    homepage: {rust_str(package['homepage'])},",
        "    license: License {",
        f"        name: {rust_str(license_['name'])},",
        f"        license_type: {rust_str(license_['type'])},",
        f"        url: {rust_str(license_['url'])},",
        "    },",
        "};",
        "",
        "/// Every table of the descriptor, in the descriptor's order.",
        "pub static TABLES: &[Table] = &[",
    ]
    for resource in resources:
        out += table_source(resource, names)
    out.append("];")
    return "\n".join(out) + "\n"


def rustfmt(source: str) -> str:
    # Formatting the output with the workspace's rustfmt.toml keeps
    # `cargo fmt --check` quiet on the generated file.
    if shutil.which("rustfmt") is None:
        print("warning: rustfmt not found, output left unformatted", file=sys.stderr)
        return source
    with tempfile.NamedTemporaryFile("w", suffix=".rs", dir=ROOT, delete=False) as tmp:
        tmp.write(source)
        tmp_path = Path(tmp.name)
    try:
        subprocess.run(
            ["rustfmt", "--edition", "2024", "--config-path", str(ROOT / "rustfmt.toml"),
             str(tmp_path)],
            check=True,
        )
        return tmp_path.read_text(encoding="utf-8")
    finally:
        tmp_path.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--descriptor", type=Path, default=DEFAULT_DESCRIPTOR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    try:
        source = rustfmt(generate(args.descriptor))
    except (DescriptorError, KeyError) as err:
        print(f"error: {args.descriptor}: {err}", file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != source:
            print(f"{args.out} is stale: run python3 tools/hsds_schema.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(source, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
