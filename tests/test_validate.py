"""Loading and validation: each bad file in tests/bad/ gives exactly the problems in its
`.expected` file (file:line:col, key path, what was expected and what was found)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import CurriculumError
from generator.load import parse_document
from generator.pages import load_curriculum
from tests.conftest import FIXTURES, ROADMAP, TESTS

BAD = sorted((TESTS / "bad").glob("*.yml"))


def problems_of(path: Path) -> list[str]:
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path, path.name)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("bad", BAD, ids=[path.stem for path in BAD])
def test_bad_file_gives_its_expected_problems(bad: Path) -> None:
    expected = bad.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problems_of(bad) == expected


def test_every_bad_file_has_an_expectation() -> None:
    assert len(BAD) >= 40
    assert all(path.with_suffix(".expected").exists() for path in BAD)


@pytest.mark.parametrize("good", [ROADMAP, *sorted(FIXTURES.glob("*.yml"))], ids=lambda p: p.stem)
def test_good_curricula_are_valid(good: Path) -> None:
    assert load_curriculum(good).tracks


def test_all_problems_of_a_file_are_reported_at_once() -> None:
    lines = problems_of(TESTS / "bad" / "many-problems.yml")
    assert [line.split(": ")[0] for line in lines] == [
        "many-problems.yml:3:9",
        "many-problems.yml:8:5",
        "many-problems.yml:12:12",
        "many-problems.yml:16:9",
    ]


def test_typo_in_a_key_suggests_the_right_one() -> None:
    (line,) = problems_of(TESTS / "bad" / "unknown-key-typo.yml")
    assert line.endswith("unknown key `deliverabels` (did you mean `deliverables`?)")


def test_a_duplicate_key_names_both_lines() -> None:
    document = parse_document(b"title: a\ntitle: b\n", "dup.yml")
    assert [str(p) for p in document.problems] == [
        "dup.yml:2:1: title: duplicate key `title` (first defined at line 1)"
    ]


def test_an_alias_is_refused_without_expanding_it() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)
    ]
    document = parse_document("\n".join(levels).encode(), "bomb.yml")
    assert document.problems
    assert all("aliases" in problem.message for problem in document.problems)


def test_error_message_has_no_traceback_and_counts_problems() -> None:
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(TESTS / "bad" / "many-problems.yml", "many-problems.yml")
    text = str(caught.value)
    assert text.startswith("4 problems in the curriculum:\n")
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("text", "path", "lines"),
    [
        ("a: 1\nlist:\n  - x\n  - y", ("list",), (2, 4)),
        ("s:\n  - id: x\n    t: y", ("s",), (1, 3)),
        ("a:\n  t: |\n    one\n    # two\nb: 1\n", ("a",), (1, 4)),
        ("a:\n  t: |\n    one\n\n\nb: 1\n", ("a", "t"), (2, 3)),
        ("a:\n  t: >\n    one\n    two", ("a", "t"), (2, 4)),
        ("a:\n  - x\n  # a comment after\n\nb: 2\n", ("a",), (1, 2)),
        ("a: [1,\n  2]\nb: 1\n", ("a",), (1, 2)),
        ('a:\n  k: "multi\n    line"\nb: 1\n', ("a",), (1, 3)),
    ],
)
def test_a_block_spans_from_its_key_to_its_last_line_of_text(
    text: str, path: tuple[str, ...], lines: tuple[int, int]
) -> None:
    assert parse_document(text.encode(), "x.yml").lines(path) == lines
