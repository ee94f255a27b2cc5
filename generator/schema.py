"""The JSON Schema of the curriculum file, generated from the typed model (one source of truth:
the model's field docstrings become the schema's descriptions)."""

from __future__ import annotations

import json
from typing import Any

from generator.model import ID_PATTERN, Curriculum

SCHEMA_FILE = "roadmap.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def curriculum_schema() -> dict[str, Any]:
    """The schema as data."""
    schema = Curriculum.model_json_schema(mode="validation")
    _constrain_id_keys(schema)
    return {"$schema": DIALECT, "$id": SCHEMA_FILE, **schema}


def _constrain_id_keys(node: Any) -> None:
    """Mappings keyed by ids (`sprint_weeks`, `notes`): pydantic states the keys' length but
    not their pattern; the validator checks both, so the schema says both too."""
    if isinstance(node, dict):
        names = node.get("propertyNames")
        if isinstance(names, dict) and "pattern" not in names:
            names["pattern"] = ID_PATTERN
        for value in node.values():
            _constrain_id_keys(value)
    elif isinstance(node, list):
        for value in node:
            _constrain_id_keys(value)


def schema_text() -> str:
    """The schema as the text committed next to the curriculum (stable, ends in a newline)."""
    return json.dumps(curriculum_schema(), indent=2, ensure_ascii=False) + "\n"
