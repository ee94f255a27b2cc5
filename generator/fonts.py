"""Which characters the installed fonts can show, as fontconfig (and so WeasyPrint) sees them.

A character that no installed font has comes out of a planner PDF as an empty box, while the
text layer still holds it: nothing looks wrong until someone prints the page. The build asks
fontconfig once per process for every font's character set (`fc-list`, about 20 ms) and checks
each planner's text against their union with a few range lookups.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

FC_LIST = ("fc-list", "--format", "%{charset}\n")
#: Shown without a glyph of their own, so no font needs one: variation selectors (VS1–16 and the
#: supplement) and the combining grapheme joiner. Controls, format characters (zero-width
#: joiners, tags) and white space are skipped by category.
INVISIBLE = frozenset([*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x034F])
_SKIPPED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
MAX_LISTED = 10  # characters named in one warning
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Coverage:
    """The code points some installed font has: sorted, merged, inclusive ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, char: str) -> bool:
        """Whether some font has a glyph for `char`."""
        code = ord(char)
        index = bisect.bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]


def parse_charsets(text: str) -> Coverage:
    """The union of fontconfig charsets, one font a line (`20-7e a0-17f 2c6 …`, hexadecimal)."""
    spans = sorted({_span(token) for line in set(text.splitlines()) for token in line.split()})
    starts: list[int] = []
    ends: list[int] = []
    for low, high in spans:
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return Coverage(tuple(starts), tuple(ends))


def _span(token: str) -> tuple[int, int]:
    low, _, high = token.partition("-")
    return int(low, 16), int(high or low, 16)


@functools.cache
def installed_coverage() -> Coverage | str:
    """What the installed fonts cover, asked of fontconfig once per process; or, when it
    cannot be asked, why not."""
    if shutil.which(FC_LIST[0]) is None:
        return "fc-list (fontconfig) is not installed"
    try:
        listing = subprocess.run(FC_LIST, capture_output=True, text=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        return f"fc-list failed: {error}"
    return parse_charsets(listing.stdout)


def unshowable(text: str, coverage: Coverage) -> list[str]:
    """The characters of `text` that no font covers, each once, in code point order (white
    space, controls and invisible marks are not asked about)."""
    return sorted(
        (char for char in set(text) if _visible(char) and not coverage.covers(char)), key=ord
    )


def _visible(char: str) -> bool:
    return ord(char) not in INVISIBLE and unicodedata.category(char) not in _SKIPPED_CATEGORIES


def describe(chars: Iterable[str]) -> str:
    """`'\\U0010fffd' (U+10FFFD), '𐀀' (U+10000)`: characters for a message, the first few."""
    chars = list(chars)
    listed = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in chars[:MAX_LISTED])
    more = len(chars) - MAX_LISTED
    return listed + (f" and {more} more" if more > 0 else "")


def html_text(fragment: str) -> str:
    """The text of an HTML fragment: tags (attributes and all) dropped, character references
    resolved. Made for our autoescaped templates, whose attribute values never hold a raw `>`;
    on them a regular expression is 25 times quicker than `html.parser`."""
    return html.unescape(_TAG.sub("", fragment))
