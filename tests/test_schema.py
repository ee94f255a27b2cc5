"""The JSON Schema: generated from the model, committed, and in agreement with the validator."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pydantic
import pytest
import yaml

from generator.load import parse_document
from generator.model import Curriculum
from generator.schema import schema_text
from tests.conftest import FIXTURES, ROADMAP, ROOT, TESTS

SCHEMA_PATH = ROOT / "curriculum" / "roadmap.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "curriculum/roadmap.schema.json is stale: run "
        "`.venv/bin/python -m generator schema > curriculum/roadmap.schema.json`"
    )


def test_the_curriculum_names_its_schema_for_editors() -> None:
    first = ROADMAP.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=roadmap.schema.json"


def test_fields_are_described() -> None:
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    sprint = schema["$defs"]["Sprint"]["properties"]
    assert sprint["ships"]["description"].startswith("Id of the milestone shipped")
    assert all("description" in field for field in sprint.values())


@pytest.mark.parametrize("good", [ROADMAP, *sorted(FIXTURES.glob("*.yml"))], ids=lambda p: p.stem)
def test_the_schema_accepts_every_valid_curriculum(
    validator: jsonschema.Draft202012Validator, good: Path
) -> None:
    errors = list(validator.iter_errors(yaml.safe_load(good.read_text(encoding="utf-8"))))
    assert errors == []


def structurally_bad() -> list[Path]:
    """Bad files the typed model itself rejects: not the YAML-level refusals (duplicate keys,
    aliases), which no JSON Schema sees, nor the cross-reference checks."""
    bad = []
    for path in sorted((TESTS / "bad").glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_bytes())
            document = parse_document(path.read_bytes(), path.name)
        except Exception:
            continue  # not YAML at all: no schema can speak to it
        if document.problems:
            continue
        try:
            Curriculum.model_validate(data)
        except pydantic.ValidationError:
            bad.append(path)
    return bad


BAD = structurally_bad()


def test_most_bad_files_are_structural() -> None:
    assert len(BAD) >= 18


@pytest.mark.parametrize("bad", BAD, ids=lambda p: p.stem)
def test_the_schema_rejects_what_the_model_rejects(
    validator: jsonschema.Draft202012Validator, bad: Path
) -> None:
    data = yaml.safe_load(bad.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) != []
