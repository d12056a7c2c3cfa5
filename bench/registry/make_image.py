#!/usr/bin/python3
"""Writes a multi-layer docker-archive (what `docker save` writes: layers
as uncompressed tars named by their digest, config, manifest.json last)
of about SIZE MiB, half incompressible data (binaries, media), half text
(sources, logs, JSON) that gzip shrinks about 3x, for the push benchmark.

Deterministic for a given size and seed, so figures from two runs compare.

Usage: make_image.py OUT.tar [--mib 200] [--tag bench:latest] [--seed 1]
"""

import argparse
import hashlib
import io
import json
import os
import random
import tarfile
import tempfile

# Share of the image per layer, in layer order, and what it holds. Several
# layers of different sizes, as a real image: a base, libraries, the app.
LAYERS = [
    (0.04, "text"),    # base system files
    (0.20, "random"),  # shared libraries
    (0.15, "text"),    # interpreter's standard library
    (0.30, "random"),  # application binaries and assets
    (0.25, "text"),    # application sources, data, logs
    (0.06, "random"),  # a small last layer (the app's build output)
]

WORDS = (
    "the of and to in is for that on with as are this by be from at or it an "
    "import return class def self if else while for value error config request "
    "response user service task cluster image layer digest registry push pull "
    "container memory cpu network subnet security group port listener target "
    "health check timeout retry backoff token region account role policy bucket "
    "log stream event message level info warn debug trace span metric counter"
).split()


def text_pool(rng, size):
    """Distinct text of `size` bytes: words in lines of varied length."""
    out = io.StringIO()
    n = 0
    line_no = 0
    while n < size:
        line_no += 1
        words = rng.choices(WORDS, k=rng.randint(3, 14))
        line = "%06d %s %d\n" % (line_no, " ".join(words), rng.randint(0, 1 << 20))
        out.write(line)
        n += len(line)
    return out.getvalue().encode()[:size]


def file_bytes(rng, kind, size, pool):
    if kind == "random":
        return rng.randbytes(size)
    # Text: 64 KiB slices of a large pool at random offsets, so deflate's
    # 32 KiB window sees text-like statistics, not whole-file repeats.
    parts = []
    left = size
    while left > 0:
        n = min(left, 64 * 1024)
        off = rng.randrange(0, len(pool) - n)
        parts.append(pool[off:off + n])
        left -= n
    return b"".join(parts)


def write_layer(path, rng, index, kind, size, pool):
    """One layer tar of files adding up to about `size` bytes."""
    sha = hashlib.sha256()
    with open(path, "wb") as raw:
        class Hashing:
            def write(self, b):
                sha.update(b)
                return raw.write(b)

        with tarfile.open(fileobj=Hashing(), mode="w|", format=tarfile.PAX_FORMAT) as tar:
            left = size
            n = 0
            while left > 0:
                fsize = min(left, rng.choice([64 << 10, 512 << 10, 2 << 20, 8 << 20]))
                data = file_bytes(rng, kind, fsize, pool)
                ext = "so" if kind == "random" else "txt"
                info = tarfile.TarInfo("opt/layer%d/%s/file%04d.%s" % (index, kind, n, ext))
                info.size = len(data)
                info.mtime = 1700000000
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
                left -= fsize
                n += 1
    return "sha256:" + sha.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mib", type=int, default=200)
    ap.add_argument("--tag", default="bench:latest")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = text_pool(rng, 8 << 20)
    total = args.mib << 20
    workdir = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(args.out)))
    diff_ids = []
    files = []
    try:
        for i, (share, kind) in enumerate(LAYERS):
            path = os.path.join(workdir, "layer%d.tar" % i)
            diff_ids.append(write_layer(path, rng, i, kind, int(total * share), pool))
            files.append(path)
        config = json.dumps({
            "architecture": "amd64",
            "os": "linux",
            "created": "2024-01-01T00:00:00Z",
            "config": {"Entrypoint": ["/opt/layer3/random/file0000.so"]},
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
            "history": [{"created": "2024-01-01T00:00:00Z", "created_by": "layer %d" % i}
                        for i in range(len(LAYERS))],
        }, separators=(",", ":")).encode()
        config_name = hashlib.sha256(config).hexdigest() + ".json"
        layer_names = [d[len("sha256:"):] + ".tar" for d in diff_ids]
        manifest = json.dumps([{"Config": config_name, "RepoTags": [args.tag],
                                "Layers": layer_names}]).encode()
        with tarfile.open(args.out, "w", format=tarfile.PAX_FORMAT) as out:
            for path, name in zip(files, layer_names):
                info = out.gettarinfo(path, arcname=name)
                info.mtime = 1700000000
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(path, "rb") as f:
                    out.addfile(info, f)
                os.remove(path)
            for name, data in ((config_name, config), ("manifest.json", manifest)):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mtime = 1700000000
                out.addfile(info, io.BytesIO(data))
    finally:
        for path in files:
            if os.path.exists(path):
                os.remove(path)
        os.rmdir(workdir)


if __name__ == "__main__":
    main()
