"""Shared fixtures: real databases on both backends, and a small demo database.

Backends
- SQLite: a fresh file in the test's temporary folder.
- PostgreSQL: the server named by ``JUKWAA_TEST_PG_URL`` (a server URL such as
  ``postgresql+psycopg://postgres@127.0.0.1:5433/postgres``; ``scripts/start_postgres.sh``
  starts one). Each test gets its own new database, dropped afterwards.
  Without that variable the PostgreSQL half of each test is skipped — unless
  ``JUKWAA_REQUIRE_PG=1`` (as in CI), which turns the skip into a failure.

Fixtures for test writers
- ``sqlite_url``: URL of a fresh, empty SQLite file.
- ``db_url``: parametrised over ``sqlite`` and ``postgres``: a fresh, empty database.
- ``engine``: the app's engine for ``db_url`` with the schema and reference data created.
- ``demo_db`` / ``demo_sqlite_url``: one session-wide SQLite database filled by
  ``data_access.demo.generate_demo(seed=7, years=3, incidents=20000,
  end_month=DEMO_END_MONTH)``. Shared by many tests: read it, never write to it (build
  your own with ``engine`` to test writes).

Today
- Loading this file sets ``JUKWAA_TODAY`` to ``tests.clock.TODAY`` (2026-11-15), so the
  app's "today" is fixed for every test and every process the tests start; demos end
  with ``tests.clock.DEMO_END_MONTH`` (October 2026). Use those constants, never the
  system date.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from data_access.clock import TODAY_ENV
from data_access.engine import get_engine, init_db
from tests.clock import DEMO_END_MONTH, TODAY, repair_sleep_under_faketime

# Before anything asks for the date: the app's "today" in this process and, through the
# inherited environment, in every subprocess the tests start. Always set, never
# inherited, so a JUKWAA_TODAY left in the shell cannot move the tests' dates.
os.environ[TODAY_ENV] = TODAY.isoformat()
# Under CI's faketime run only: see tests/clock.py.
repair_sleep_under_faketime()

PROJECT_ROOT = Path(__file__).resolve().parents[1]

PG_URL_ENV = "JUKWAA_TEST_PG_URL"
REQUIRE_PG_ENV = "JUKWAA_REQUIRE_PG"

# Demo size for tests: big enough for every chart and map to have data, small enough to
# build in seconds.
DEMO_SEED = 7
DEMO_YEARS = 3
DEMO_INCIDENTS = 20_000


def skip_unless_required(reason: str, require_env: str) -> None:
    """Skip the test, or fail it when ``require_env`` is ``1`` (CI must not skip silently)."""
    if os.environ.get(require_env) == "1":
        pytest.fail(f"{reason}, but {require_env}=1 requires it", pytrace=False)
    pytest.skip(reason)


def dispose_engine(url: str) -> None:
    """Close the pooled connections of the app's cached engine for ``url``."""
    get_engine(url).dispose()


# --- PostgreSQL --------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """The PostgreSQL server URL from ``JUKWAA_TEST_PG_URL``, checked to be reachable."""
    url = os.environ.get(PG_URL_ENV, "").strip()
    if not url:
        skip_unless_required(f"{PG_URL_ENV} is not set (no PostgreSQL server)", REQUIRE_PG_ENV)
    admin = sa.create_engine(url, poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # a set but unusable URL is a broken setup: always fail
        pytest.fail(f"{PG_URL_ENV}={url} is set but unreachable: {exc}", pytrace=False)
    finally:
        admin.dispose()
    return url


@pytest.fixture
def postgres_url(pg_server_url: str) -> Iterator[str]:
    """URL of a new, empty PostgreSQL database, dropped after the test."""
    name = f"jukwaa_test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(pg_server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    # CREATE/DROP DATABASE take no bound parameters; the name is generated above from
    # hex digits only and is quoted by the dialect.
    quoted = admin.dialect.identifier_preparer.quote(name)
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {quoted}"))
    url = make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.connect() as conn:
            # FORCE ends sessions a failed test left open (PostgreSQL 13+).
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
        admin.dispose()


# --- SQLite and both backends ------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    """URL of a fresh SQLite file in the test's temporary folder."""
    url = f"sqlite:///{tmp_path / 'jukwaa.db'}"
    yield url
    dispose_engine(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on each backend (the test runs once per backend)."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(db_url: str) -> sa.Engine:
    """The app's engine for ``db_url``, with schema and reference data in place.

    ``get_engine`` caches one engine per URL; the URL fixtures dispose it afterwards.
    """
    eng = get_engine(db_url)
    init_db(eng)
    return eng


# --- demo database -----------------------------------------------------------------


@dataclass(frozen=True)
class DemoDatabase:
    """The shared demo database: its URL and what ``generate_demo`` reported."""

    url: str
    summary: dict[str, Any]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoDatabase]:
    """A SQLite file with seeded demo data, built once per test session (read-only)."""
    from data_access.demo import generate_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    eng = get_engine(url)
    init_db(eng)
    summary = generate_demo(eng, seed=DEMO_SEED, years=DEMO_YEARS, incidents=DEMO_INCIDENTS,
                            end_month=DEMO_END_MONTH)
    yield DemoDatabase(url=url, summary=dict(summary or {}))
    dispose_engine(url)


@pytest.fixture(scope="session")
def demo_sqlite_url(demo_db: DemoDatabase) -> str:
    """URL of the shared demo database (read-only)."""
    return demo_db.url
