"""Publish a week-by-week curriculum from one YAML file.

Data flows one way: load → validate → expand → render. `build_pages` runs the whole chain.
"""

from generator.errors import CurriculumError, Problem
from generator.pages import RenderedSite, build_pages

__all__ = ["CurriculumError", "Problem", "RenderedSite", "build_pages"]
