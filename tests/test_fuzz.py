"""Fuzzing: mutations of the real curriculum (keys deleted, renamed or duplicated, values retyped,
random unicode text) either publish or fail with a `CurriculumError`, never anything else."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diff import diff_sites
from generator.errors import CurriculumError
from generator.expand import expand_curriculum
from generator.load import parse_document
from generator.progress import build_manifest
from generator.render import render_site
from generator.validate import validate_document
from tests.conftest import ROADMAP

ORIGINAL = yaml.safe_load(ROADMAP.read_text(encoding="utf-8"))
ORIGINAL_SITE = expand_curriculum(validate_document(parse_document(ROADMAP.read_bytes(), "x")))

Path = tuple[Any, ...]


def paths(data: Any, prefix: Path = ()) -> list[Path]:
    """Every place in the data: mapping keys and list positions, nested."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


def parent_of(data: Any, path: Path) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.text(max_size=8), SCALARS, max_size=3),
)
KEYS = st.one_of(
    st.text(min_size=1, max_size=12), st.sampled_from(["id", "text", "weeks", "ships", "days"])
)


def text_paths(data: Any) -> list[Path]:
    """Places holding text a learner reads (not ids, references or weekdays)."""
    return [
        path
        for path in paths(data)[1:]
        if isinstance(parent_of(data, path)[path[-1]], str)
        and path[-1] not in ("id", "ships")
        and "days" not in path
    ]


def mutate(data: Any, draw: st.DrawFn) -> None:
    """Apply one random mutation in place."""
    action = draw(
        st.sampled_from(["delete", "duplicate", "retype", "rename", "reorder", "text", "text"])
    )
    if action == "text":  # most of these stay valid, so the pages get rendered
        path = draw(st.sampled_from(text_paths(data)))
        parent_of(data, path)[path[-1]] = draw(st.text(min_size=1, max_size=40))
        return
    path = draw(st.sampled_from(paths(data)[1:]))
    parent, last = parent_of(data, path), path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(KEYS)] = parent.pop(last)
    elif action == "reorder" and isinstance(parent, list):
        parent[:] = draw(st.permutations(parent))
    else:
        parent[last] = draw(VALUES)


def publish(raw: bytes) -> None:
    """The whole pipeline, as the plugin and the command line run it."""
    curriculum = validate_document(parse_document(raw, "fuzzed.yml"))
    site = expand_curriculum(curriculum)
    render_site(site)
    build_manifest(site)
    diff_sites(ORIGINAL_SITE, site)


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
@given(st.data())
def test_mutated_curricula_publish_or_fail_cleanly(data: st.DataObject) -> None:
    curriculum = copy.deepcopy(ORIGINAL)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        mutate(curriculum, data.draw)
    raw = yaml.safe_dump(curriculum, allow_unicode=True).encode("utf-8")
    try:
        publish(raw)
    except CurriculumError as error:
        assert error.problems
        assert all(problem.line >= 1 and problem.column >= 1 for problem in error.problems)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_publish_or_fail_cleanly(raw: bytes) -> None:
    try:
        publish(raw)
    except CurriculumError as error:
        assert error.problems


PRINTABLE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60
).filter(lambda text: text.strip() != "")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.data())
def test_any_printable_text_publishes(data: st.DataObject) -> None:
    curriculum = copy.deepcopy(ORIGINAL)
    places = text_paths(curriculum)
    for path in data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=6)):
        parent_of(curriculum, path)[path[-1]] = data.draw(PRINTABLE)
    publish(yaml.safe_dump(curriculum, allow_unicode=True).encode("utf-8"))
