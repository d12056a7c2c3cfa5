#!/usr/bin/env python3
"""Trim botocore service models to the operations Deploy Console uses.

Reads <data-dir>/<service>/<newest api version>/service-2.json (plus
paginators-1.json and any *.sdk-extras.json merges), keeps only the operations
named in the list file and the shapes they reach, drops documentation, and
writes one JSON file per service plus endpoints data and a .qrc listing them.

Usage: gen_models.py LIST DATA_DIR OUT_DIR
"""
import json
import os
import sys

DROP_KEYS = {"documentation", "documentationUrl", "deprecatedMessage", "deprecatedSince", "examples"}


def newest_version_dir(service_dir):
    versions = sorted(d for d in os.listdir(service_dir) if os.path.isdir(os.path.join(service_dir, d)))
    if not versions:
        raise SystemExit(f"no API version under {service_dir}")
    return os.path.join(service_dir, versions[-1])


def load_with_extras(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    extras = path.replace(".json", ".sdk-extras.json")
    if os.path.exists(extras):
        with open(extras, encoding="utf-8") as f:
            merge = json.load(f).get("merge", {})
        deep_merge(doc, merge)
    return doc


def deep_merge(base, extra):
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            deep_merge(base[k], v)
        else:
            base[k] = v


def strip(obj):
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items() if k not in DROP_KEYS}
    if isinstance(obj, list):
        return [strip(v) for v in obj]
    return obj


def reachable_shapes(model, ops):
    shapes = model["shapes"]
    seen = set()
    stack = []
    for op in ops:
        o = model["operations"][op]
        for key in ("input", "output"):
            if key in o:
                stack.append(o[key]["shape"])
        for e in o.get("errors", []):
            stack.append(e["shape"])
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        s = shapes[name]
        for m in s.get("members", {}).values():
            stack.append(m["shape"])
        for k in ("member", "key", "value"):
            if k in s:
                stack.append(s[k]["shape"])
    return seen


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    list_file, data_dir, out_dir = sys.argv[1:]
    wanted = {}
    with open(list_file, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 2:
                raise SystemExit(f"{list_file}:{lineno}: expected 'service Operation'")
            wanted.setdefault(parts[0], []).append(parts[1])

    os.makedirs(out_dir, exist_ok=True)
    files = []
    for service, ops in sorted(wanted.items()):
        vdir = newest_version_dir(os.path.join(data_dir, service))
        model = load_with_extras(os.path.join(vdir, "service-2.json"))
        missing = [op for op in ops if op not in model["operations"]]
        if missing:
            raise SystemExit(f"{service}: operations not in the model: {', '.join(missing)}")
        keep = reachable_shapes(model, ops)
        out = {
            "version": model.get("version", "2.0"),
            "metadata": strip(model["metadata"]),
            "operations": {op: strip(model["operations"][op]) for op in ops},
            "shapes": {n: strip(model["shapes"][n]) for n in sorted(keep)},
        }
        pag_path = os.path.join(vdir, "paginators-1.json")
        if os.path.exists(pag_path):
            pag = load_with_extras(pag_path).get("pagination", {})
            out["pagination"] = {op: pag[op] for op in ops if op in pag}
        name = f"{service}.json"
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            json.dump(out, f, separators=(",", ":"), sort_keys=True)
        files.append(name)

    for extra in ("endpoints.json", "partitions.json"):
        src = os.path.join(data_dir, extra)
        if os.path.exists(src):
            with open(src, encoding="utf-8") as f:
                doc = json.load(f)
            with open(os.path.join(out_dir, extra), "w", encoding="utf-8") as f:
                json.dump(doc, f, separators=(",", ":"))
            files.append(extra)

    with open(os.path.join(out_dir, "models.qrc"), "w", encoding="utf-8") as f:
        f.write('<RCC>\n  <qresource prefix="/aws/models">\n')
        for name in files:
            f.write(f"    <file>{name}</file>\n")
        f.write("  </qresource>\n</RCC>\n")


if __name__ == "__main__":
    main()
