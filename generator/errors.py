"""The one error type of the generator, and the located problems it carries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render a key path the way a reader writes it: `sprints[2].deliverables[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a curriculum file."""

    file: str
    line: int
    column: int
    path: Path
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: "
        return where + (f"{format_path(self.path)}: " if self.path else "") + self.message


class CurriculumError(Exception):
    """A curriculum that cannot be published; carries every problem found in the file."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.line, p.column, p.message)))
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the curriculum:"
        return heading + "\n" + "\n".join(str(problem) for problem in self.problems)
