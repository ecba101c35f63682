"""Text from outside the app (files, forms) made safe to store, show, print and export.

A control character in a stored note breaks things far from where it arrived: a vertical
tab makes an Excel export fail, an escape sequence repaints the terminal that prints it,
a NUL is refused by PostgreSQL. Text therefore loses them on the way in (imports, forms)
and once more on the way out (exports, terminal), so older rows cannot break an export.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab, line feed and carriage return, which are text layout.
# Vertical tab and form feed are line breaks in the programs that write them (Word's
# manual line break pasted into Excel), so they become a line feed rather than vanish.
_LINE_BREAKS = re.compile(r"[\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def has_controls(text: str) -> bool:
    """True when ``text`` holds a character :func:`strip_controls` would change."""
    return bool(_LINE_BREAKS.search(text) or _CONTROLS.search(text))


def strip_controls(text: str) -> str:
    """``text`` without control characters (vertical tab and form feed become a line
    feed; tab, line feed and carriage return stay)."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))


def for_terminal(text: object) -> str:
    """``text`` as it may be printed to a terminal: no escape sequences or other
    controls (a file name or cell value from a file is printed as plain characters)."""
    return strip_controls(str(text))
