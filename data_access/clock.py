""""Today" for the whole app, in one place so that tests and demos can pin it.

``JUKWAA_TODAY`` (YYYY-MM-DD) fixes the date; otherwise the system clock is read. Every
module asks :func:`today` instead of calling ``datetime.date.today()`` itself, so a test
that pins the date sees the same "today" in queries, pages and the demo generator.
"""

from __future__ import annotations

import datetime as dt
import os

TODAY_ENV = "JUKWAA_TODAY"


def today() -> dt.date:
    """The date the app treats as today: ``JUKWAA_TODAY`` when set, else the system date."""
    raw = (os.environ.get(TODAY_ENV) or "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:  # a clear message beats a wrong "today"
        raise ValueError(f"{TODAY_ENV} must be a date as YYYY-MM-DD, got {raw!r}") from exc
