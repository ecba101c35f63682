"""One Settings object for the whole app, read from the environment.

Every tunable number lives here so that pages, queries and tests agree on it.
Environment variables (all optional):

- ``JUKWAA_DB_URL``: any SQLAlchemy URL; default ``sqlite:///data/jukwaa.db``.
- ``JUKWAA_CACHE_TTL``: seconds a cached query result may live (data-version keys
  make fresh data show at once; the TTL only bounds memory).
- ``JUKWAA_SUPPRESS_BELOW``: counts below this are shown as "<N" in public mode.
- ``JUKWAA_MAX_UPLOAD_MB``: largest file an import accepts.
- ``JUKWAA_AUTO_DEMO``: "0" stops the app creating demo data on an empty database.
- ``JUKWAA_ACCESS_CODE``: when set, the app asks for this code before showing data.
- ``JUKWAA_DB_BUSY_SECONDS``: how long a write waits for another writer (a long import)
  before it gives up with "another import is running" (default 60).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
DEFAULT_DB_URL = f"sqlite:///{PROJECT_ROOT / 'data' / 'jukwaa.db'}"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:  # a clear message beats a traceback from deep inside
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """All settings of the app; build one with :func:`get_settings`."""

    db_url: str = DEFAULT_DB_URL
    cache_ttl_seconds: int = 600
    suppress_below: int = 5
    max_upload_mb: int = 100
    auto_demo: bool = True
    access_code: str | None = None
    # A write waits this long for another writer (SQLite busy timeout, PostgreSQL
    # lock_timeout); a million-row import holds the lock about 20 s.
    db_busy_seconds: int = 60
    demo_seed: int = 7
    # H3 resolution of the hexagon hotspot layer (res 5 ≈ 250 km² per cell).
    hex_resolution: int = 5
    # The change test (docs/METHODS.md, "Change"): |z| thresholds, and the size a change
    # must have to be called real — a % and a difference in events — so that neither a
    # huge base (5% of 20,000) nor a tiny one (2 → 4) is "significant" by itself.
    z_significant: float = 3.0
    z_possible: float = 2.0
    min_change_pct: float = 10.0
    min_change_diff: int = 10
    # Below this many events on both sides a change is "too few to tell".
    min_events_for_change: int = 20
    population_source: str = "KNBS 2019 Kenya Population and Housing Census"
    # Emerging threats (docs/METHODS.md, "Emerging threats"; Farrington 1996): flag when
    # the month is above the upper threshold at z = emerging_z, at least
    # emerging_min_rise_pct % above the baseline mean and at least emerging_min_events;
    # baseline = same calendar month ±1 in up to emerging_baseline_years earlier years.
    # z = 3.2 (not 3) keeps false alarms at about 0.8 a month nationally on no-change
    # counts with overdispersion 1.2: φ estimated from 9 baseline months is often low.
    emerging_z: float = 3.2
    emerging_min_rise_pct: float = 50.0
    emerging_min_events: int = 5
    emerging_baseline_years: int = 3

    @property
    def hidden_text(self) -> str:
        """How a hidden small count reads on every screen: "<5" at the default threshold."""
        return f"<{self.suppress_below}"


def get_settings() -> Settings:
    """Return the settings for the current environment."""
    return Settings(
        db_url=os.environ.get("JUKWAA_DB_URL") or DEFAULT_DB_URL,
        cache_ttl_seconds=_env_int("JUKWAA_CACHE_TTL", 600),
        suppress_below=_env_int("JUKWAA_SUPPRESS_BELOW", 5),
        max_upload_mb=_env_int("JUKWAA_MAX_UPLOAD_MB", 100),
        auto_demo=os.environ.get("JUKWAA_AUTO_DEMO", "1") != "0",
        access_code=os.environ.get("JUKWAA_ACCESS_CODE") or None,
        db_busy_seconds=max(0, _env_int("JUKWAA_DB_BUSY_SECONDS", 60)),
    )
