"""Load a curriculum YAML file into plain data, remembering where every key and value stands.

Safe YAML only (no custom tags), duplicate keys refused, aliases refused (they add nothing to a
curriculum and are the door to expansion bombs). A file that cannot be parsed raises a
`CurriculumError`; problems that do not stop parsing are kept on the `Document`, so validation can
report them together with its own. Nothing here raises anything else for bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from generator.errors import CurriculumError, Path, Problem

MAX_DEPTH = 40
MAX_BYTES = 1_000_000  # a curriculum is a few kilobytes; a megabyte is plenty
# Characters no curriculum needs (tabs and line breaks aside).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass
class Document:
    """A loaded curriculum: its data and the position of every value and key in the file."""

    file: str
    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    last_lines: dict[Path, int] = field(default_factory=dict)
    """The last line of every value (for the line range of a block)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems found while loading that did not stop it (duplicate keys, aliases, …)."""
    refused: list[Path] = field(default_factory=list)
    """Paths whose value was refused (an alias, a custom tag) and left empty: validation does
    not report those values again."""

    def position(self, path: Path) -> Position:
        """The position of the value at `path`, or of its nearest enclosing value."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return Position(1, 1)

    def key_position(self, path: Path) -> Position:
        """The position of the key that names `path` (falls back to the value's position)."""
        return self.keys.get(path) or self.position(path)

    def lines(self, path: Path) -> tuple[int, int]:
        """The lines a value spans, from its key to its last line."""
        first = self.key_position(path).line
        return first, max(first, self.last_lines.get(path, first))

    def problem(self, path: Path, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at the value (or key) of `path`."""
        where = self.key_position(path) if at_key else self.position(path)
        return Problem(self.file, where.line, where.column, path, message)


def _position(mark: yaml.Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


def load_document(path: FsPath | str, display_name: str | None = None) -> Document:
    """Read and parse the YAML file at `path`."""
    name = display_name or str(path)
    try:
        raw = FsPath(path).read_bytes()
    except OSError as error:
        message = f"cannot read the file: {error.strerror}"
        raise CurriculumError([Problem(name, 1, 1, (), message)]) from None
    return parse_document(raw, name)


def parse_document(raw: bytes, name: str) -> Document:
    """Parse YAML bytes (UTF-8) into a `Document`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"expected UTF-8 text, found the byte 0x{raw[error.start]:02x}"
        raise CurriculumError([Problem(name, line, column, (), message)]) from None
    _refuse_unusual_text(name, raw, text)
    loader, node = _compose(name, text)
    if node is None:
        raise CurriculumError(
            [Problem(name, 1, 1, (), "expected a curriculum, found an empty file")]
        )
    builder = _Builder(Document(name, None), loader, text)
    builder.document.data = builder.build(node, (), depth=0)
    return builder.document


def _compose(name: str, text: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    """The YAML text as one node, and the loader that composed it (it constructs the scalars).

    libyaml composes it where PyYAML has it (fifteen times faster); text it refuses is parsed
    again by PyYAML, whose error messages the problem is worded from."""
    if yaml.__with_libyaml__:
        fast = yaml.CSafeLoader(text)
        try:
            return fast, fast.get_single_node()  # type: ignore[return-value]
        except yaml.YAMLError:
            pass
        finally:
            fast.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise CurriculumError([_syntax_problem(name, error)]) from None
    except yaml.YAMLError as error:
        raise CurriculumError([Problem(name, 1, 1, (), f"invalid YAML: {error}")]) from None
    except RecursionError:
        message = f"nested more than {MAX_DEPTH} levels deep"
        raise CurriculumError([Problem(name, 1, 1, (), message)]) from None
    finally:
        loader.dispose()


def _refuse_unusual_text(name: str, raw: bytes, text: str) -> None:
    """What YAML would choke on, or accept silently, refused with a location: an oversized
    file, a byte-order mark, control characters."""
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        message = f"expected a file of at most {MAX_BYTES // 1_000_000} MB, found {size}"
        raise CurriculumError([Problem(name, 1, 1, (), message)])
    if text.startswith("\ufeff"):
        message = "the file starts with a byte-order mark; save it as UTF-8 without one"
        raise CurriculumError([Problem(name, 1, 1, (), message)])
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        message = f"expected printable text, found the control character U+{ord(control[0]):04X}"
        raise CurriculumError([Problem(name, line, column, (), message)])


def _syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    where = _position(error.problem_mark or error.context_mark)
    detail = error.problem or "invalid YAML"
    if "'\\t'" in detail:
        detail = "found a tab; indent YAML with spaces"
    if error.context and error.context_mark:
        start = _position(error.context_mark)
        detail += f" ({error.context} at line {start.line}, column {start.column})"
    if (
        "mapping values are not allowed" in detail
        or "flow mapping" in detail
        or ("flow sequence" in detail)
    ):
        detail += (
            "; check the indentation, and quote a text that holds `: ` or starts with `{` or "
            '`[` ("Lecture 6: Recursion")'
        )
    return Problem(name, where.line, where.column, (), f"invalid YAML: {detail}")


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions and collecting problems."""

    def __init__(self, document: Document, loader: yaml.SafeLoader, text: str) -> None:
        self.document = document
        self.loader = loader
        self.lines = text.splitlines()
        # The composer shares an anchored node with its aliases: a node met twice is an alias.
        self.seen: set[int] = set()

    def report(self, where: Position, path: Path, message: str) -> None:
        self.document.problems.append(
            Problem(self.document.file, where.line, where.column, path, message)
        )

    def last_line(self, node: yaml.Node) -> int:
        """The last line holding the node's text: a collection's is its last child's (so no
        trailing blank line or comment counts), a block scalar's is its last non-blank line."""
        if isinstance(node, yaml.CollectionNode) and node.value and not node.flow_style:
            last = node.value[-1]
            return self.last_line(last[1] if isinstance(last, tuple) else last)
        end = node.end_mark
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            # A block scalar ends where the next token starts, often lines later.
            last = min(end.line + 1 if end.column else end.line, len(self.lines))
            while last > node.start_mark.line + 1 and not self.lines[last - 1].strip():
                last -= 1
            return last
        return end.line + 1

    def refuse(self, where: Position, path: Path, message: str) -> None:
        self.report(where, path, message)
        self.document.refused.append(path)

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        where = _position(node.start_mark)
        self.document.values[path] = where
        self.document.last_lines[path] = self.last_line(node)
        if depth > MAX_DEPTH:
            self.refuse(where, path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if id(node) in self.seen:
            self.refuse(where, path, "aliases (*name) are not supported; write the value out")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        return self.build_scalar(node, path)

    def build_mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_at = _position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                found = "a merge key (<<)" if key_node.tag.endswith(":merge") else "a non-text key"
                self.report(key_at, path, f"expected a text key, found {found}")
                continue
            key = key_node.value
            if key in result:
                first = self.document.keys[(*path, key)]
                message = f"duplicate key `{key}` (first defined at line {first.line})"
                self.report(key_at, (*path, key), message)
                continue
            self.document.keys[(*path, key)] = key_at
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def build_scalar(self, node: yaml.Node, path: Path) -> Any:
        if node.tag == _STR_TAG:  # most of a curriculum: text, as the constructor gives it
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            where = _position(error.problem_mark or node.start_mark)
            self.refuse(where, path, f"unsupported YAML value: {error.problem}")
        except ValueError as error:  # e.g. a timestamp out of range
            self.refuse(_position(node.start_mark), path, f"unsupported YAML value: {error}")
        return None


_STR_TAG = "tag:yaml.org,2002:str"
