"""The interface's catalogue (ui/i18n.py LABELS): every key in English and Kiswahili, with
the same placeholders, no key written twice, and a Kiswahili text of its own."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from ui.i18n import LABELS, t

I18N = Path(__file__).resolve().parents[1] / "ui" / "i18n.py"
# Labels that read the same in both languages: names, units and codes.
SAME_IN_BOTH = re.compile(r"^[\W\d_]*$|^(Kenya|English|Kiswahili|CSV|PDF|Excel|n|GBV|"
                          r"Nairobi|Mombasa|Sentiment \(1–5\))$")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_no_key_is_written_twice():
    """A key written twice in the literal silently keeps only its last text."""
    tree = ast.parse(I18N.read_text(encoding="utf-8"))
    literal = next(node.value for node in ast.walk(tree)
                   if isinstance(node, ast.AnnAssign | ast.Assign)
                   and isinstance(node.value, ast.Dict)
                   and "LABELS" in ast.unparse(node.target if isinstance(node, ast.AnnAssign)
                                               else node.targets[0]))
    keys = [k.value for k in literal.keys if isinstance(k, ast.Constant)]
    assert len(keys) == len(LABELS) > 500
    twice = sorted({k for k in keys if keys.count(k) > 1})
    assert twice == []


def test_every_key_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, (en, sw) in LABELS.items():
        if not (isinstance(en, str) and en.strip() and isinstance(sw, str) and sw.strip()):
            problems.append(f"{key}: a language is missing")
        elif _placeholders(en) != _placeholders(sw):
            problems.append(f"{key}: English has {_placeholders(en)}, Kiswahili "
                            f"{_placeholders(sw)}")
        elif sw == en and not SAME_IN_BOTH.match(en):
            problems.append(f"{key}: the Kiswahili is the English text {en!r}")
    assert problems == []


def test_lookup_falls_back_to_the_key_and_formats():
    assert t("reporting", "sw", n=3, k=5) != t("reporting", "en", n=3, k=5)
    assert t("no_such_key", "sw") == "no_such_key"
