"""docs/METHODS.md stays in step with the code, and the repository carries its own truth.

- every figure the code defines (a key of ``data_access.metrics.DEFINITIONS``) has a
  section in docs/METHODS.md whose heading names the key in backticks;
- every threshold setting of ``config.Settings`` (fields starting with ``z_``, ``min_``,
  ``emerging_`` or ``suppress_``) is named in docs/METHODS.md;
- no file in the repository points at the design notes kept outside it (see
  ``FORBIDDEN``): the repository's own docs are the authority.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from config import Settings
from data_access.metrics import DEFINITIONS

ROOT = Path(__file__).resolve().parents[1]
METHODS = ROOT / "docs" / "METHODS.md"

THRESHOLD_PREFIXES = ("z_", "min_", "emerging_", "suppress_")
# Spelled in pieces so that this file does not name what it forbids.
FORBIDDEN = ("DESIGN" + ".md", "../" + "shared")
# Folders that are not the project's own files (tool caches, virtual environments).
SKIPPED_DIRS = {".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".venv",
                "node_modules", "artifacts"}
HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)


def _methods_text() -> str:
    assert METHODS.is_file(), "docs/METHODS.md is missing"
    return METHODS.read_text(encoding="utf-8")


def _headings() -> list[str]:
    return [m.group("title") for m in HEADING.finditer(_methods_text())]


def _threshold_fields() -> list[str]:
    return sorted(f.name for f in dataclasses.fields(Settings)
                  if f.name.startswith(THRESHOLD_PREFIXES))


def test_methods_doc_has_headings() -> None:
    assert _headings(), "docs/METHODS.md has no headings"


@pytest.mark.parametrize("key", sorted(DEFINITIONS))
def test_every_definition_has_a_section(key: str) -> None:
    """A heading such as "### Rate per 100,000 (`rate`)" documents DEFINITIONS["rate"]."""
    marker = f"`{key}`"
    matching = [h for h in _headings() if marker in h]
    assert matching, (
        f"docs/METHODS.md has no section for DEFINITIONS[{key!r}]: add a heading that "
        f"contains {marker}, e.g. '### <Name> ({marker})'")


def test_threshold_settings_exist() -> None:
    """Guard against a rename that would make the next test check nothing."""
    assert _threshold_fields(), "config.Settings has no threshold fields"


@pytest.mark.parametrize("field", _threshold_fields())
def test_every_threshold_setting_is_named(field: str) -> None:
    assert re.search(rf"\b{re.escape(field)}\b", _methods_text()), (
        f"config.Settings.{field} is a threshold but docs/METHODS.md does not name it; "
        "add it to the 'Settings' table and to the section of the figure it tunes")


def _repository_files() -> list[Path]:
    """Every file of the working tree: tracked and new files, not what .gitignore
    ignores (the local database, caches). Without git, every file outside the
    tool folders."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, capture_output=True, check=True, timeout=60).stdout
        names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
        return [p for p in (ROOT / n for n in names) if p.is_file()]
    except (OSError, subprocess.SubprocessError):
        pass
    files = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if any(part in SKIPPED_DIRS for part in rel.parts):
            continue
        if path.is_file():
            files.append(path)
    return files


def test_no_file_points_outside_the_repository() -> None:
    """The design notes outside the repository are not its authority: docs/METHODS.md
    (rules and numbers), docs/ARCHITECTURE.md (layering and ownership) and
    docs/IMPORTS.md (imports) are."""
    hits = []
    for path in _repository_files():
        try:
            text = path.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            continue
        for lineno, line in enumerate(text.splitlines(), start=1):
            for word in FORBIDDEN:
                if word in line:
                    hits.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()[:100]}")
    assert not hits, (
        "these lines point outside the repository; cite docs/METHODS.md, "
        "docs/ARCHITECTURE.md or docs/IMPORTS.md instead:\n" + "\n".join(hits))
