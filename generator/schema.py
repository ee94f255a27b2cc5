"""The JSON Schema of the curriculum file, generated from the typed model (one source of truth:
the model's field docstrings become the schema's descriptions)."""

from __future__ import annotations

import json
from typing import Any

from generator.model import Curriculum

SCHEMA_FILE = "roadmap.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def curriculum_schema() -> dict[str, Any]:
    """The schema as data."""
    schema = Curriculum.model_json_schema(mode="validation")
    return {"$schema": DIALECT, "$id": SCHEMA_FILE, **schema}


def schema_text() -> str:
    """The schema as the text committed next to the curriculum (stable, ends in a newline)."""
    return json.dumps(curriculum_schema(), indent=2, ensure_ascii=False) + "\n"
