"""Compiled templates kept between runs: compiling the generator's templates takes longer than
rendering every page of a curriculum with them (about 120 ms against 60 ms for the roadmap)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket


class _Cache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, where failing to save one (a full disk) only means
    compiling it again next time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class _Memory(jinja2.BytecodeCache):
    """Compiled templates kept in memory, for the life of the process."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if compiled := self._compiled.get(bucket.key):
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


#: The theme's templates, compiled once a process: MkDocs makes the theme's environment anew for
#: every build, so `mkdocs serve` compiled every template of the theme again at each save
#: (a fifth of a rebuild), and a build of several languages once per language. Jinja checks each
#: entry against its template's source; the environment's settings are MkDocs' own, the same
#: for every build of a process.
THEME_CACHE: jinja2.BytecodeCache = _Memory()


@functools.cache
def bytecode_cache(owner: str) -> jinja2.BytecodeCache | None:
    """The cache of compiled templates for the environment the module `owner` (its file) sets
    up, in a folder of the user's own under the system's temporary folder (Jinja checks it), or
    none where no such folder can be made. Jinja keys an entry by its template's source; the key
    here adds Jinja's version and the owner's code, so a change to the environment's settings is
    never served templates compiled with the old ones."""
    code = Path(owner).read_bytes() + jinja2.__version__.encode()
    settings = hashlib.sha256(code).hexdigest()[:16]
    try:
        return _Cache(pattern=f"__generator_{settings}_%s.cache")
    except (OSError, RuntimeError):
        return None
