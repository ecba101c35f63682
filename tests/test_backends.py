"""The test fixtures give each test a real, fresh database on every backend."""

from __future__ import annotations

import sqlalchemy as sa

from data_access import reference, schema
from data_access.engine import get_meta, init_db


def test_engine_has_schema_and_reference_data(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        n_counties = conn.execute(sa.select(sa.func.count()).select_from(schema.counties))
        n_regions = conn.execute(sa.select(sa.func.count()).select_from(schema.regions))
        assert n_counties.scalar_one() == 47
        assert n_regions.scalar_one() == len(reference.REGIONS) == 8
        assert get_meta(conn, "schema_version") == str(schema.SCHEMA_VERSION)


def test_init_db_twice_changes_nothing(engine: sa.Engine) -> None:
    def snapshot() -> tuple[int, int, str | None]:
        with engine.connect() as conn:
            counties = conn.execute(sa.select(sa.func.count()).select_from(schema.counties))
            themes = conn.execute(sa.select(sa.func.count()).select_from(schema.themes))
            return counties.scalar_one(), themes.scalar_one(), get_meta(conn, "data_version")

    before = snapshot()
    init_db(engine)
    assert snapshot() == before


def test_each_test_gets_an_empty_database(db_url: str) -> None:
    eng = sa.create_engine(db_url)
    try:
        assert sa.inspect(eng).get_table_names() == []
        if eng.dialect.name == "postgresql":
            with eng.connect() as conn:
                name = conn.execute(sa.text("SELECT current_database()")).scalar_one()
            assert name.startswith("jukwaa_test_")
    finally:
        eng.dispose()
