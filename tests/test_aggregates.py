"""The write side: bulk inserts, H3 cells and the aggregate tables, on both backends.

Every test builds a tiny dataset by hand, so the expected counts are known exactly.
"""

from __future__ import annotations

import datetime as dt
import math

import h3
import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import schema
from data_access.aggregates import refresh_aggregates
from data_access.bulk import bulk_insert
from data_access.engine import data_version, init_db, new_source
from data_access.hexes import NO_CELL, cell_for, cell_to_hex, cells_for

D = dt.date
RES = 5
# Points in Nairobi (two places) and Mombasa.
NAIROBI = (-1.2864, 36.8172)
NAIROBI_WEST = (-1.3133, 36.7070)
MOMBASA = (-4.0435, 39.6682)


# --- hexes -------------------------------------------------------------------------------


def test_cell_for_matches_h3_string_cells():
    lat, lon = NAIROBI
    assert cell_for(lat, lon, RES) == h3.str_to_int(h3.latlng_to_cell(lat, lon, RES))
    assert cell_to_hex(cell_for(lat, lon, RES)) == h3.latlng_to_cell(lat, lon, RES)


@pytest.mark.parametrize("lat, lon", [(None, 36.8), (-1.2, None), (math.nan, 36.8),
                                      (-1.2, math.inf), (91.0, 36.8), (-1.2, 181.0)])
def test_cell_for_without_usable_coordinates_is_none(lat, lon):
    assert cell_for(lat, lon, RES) is None


def test_cells_for_is_vectorised_and_marks_missing_points():
    lats = [NAIROBI[0], None, MOMBASA[0], np.nan]
    lons = [NAIROBI[1], 36.0, MOMBASA[1], 39.0]
    cells = cells_for(lats, lons, RES)
    assert cells.dtype == np.int64
    assert cells.tolist() == [cell_for(*NAIROBI, RES), NO_CELL, cell_for(*MOMBASA, RES),
                              NO_CELL]


def test_cells_for_rejects_unequal_lengths():
    with pytest.raises(ValueError, match="differ in length"):
        cells_for([1.0, 2.0], [36.0], RES)


# --- bulk inserts ----------------------------------------------------------------------------


def _source(conn, kind="import") -> int:
    return new_source(conn, kind=kind, dataset="incidents", name=f"test {kind}")


def _incident(ext, day, county, category, point, source_id):
    lat, lon = point if point else (None, None)
    return {"external_id": ext, "occurred_on": day, "month": day.replace(day=1),
            "county_code": county, "category_code": category, "latitude": lat,
            "longitude": lon, "h3_cell": cell_for(lat, lon, RES), "source_id": source_id}


def test_bulk_insert_dicts_and_tuples_with_mixed_value_types(engine):
    inc = schema.incidents
    with engine.begin() as conn:
        sid = _source(conn)
        n_dicts = bulk_insert(conn, inc, [
            _incident("a", D(2024, 3, 5), "047", "robbery", NAIROBI, sid),
            _incident("b", D(2024, 3, 6), "001", "homicide", None, sid),
        ])
        # Tuples with ISO-string dates and numpy numbers, as generators produce them.
        n_tuples = bulk_insert(conn, inc, iter([
            ("c", "2024-03-07", "2024-03-01", "047", "stealing", np.float64(-1.3),
             np.float64(36.8), np.int64(cell_for(-1.3, 36.8, RES)), np.int64(sid)),
        ]), columns=["external_id", "occurred_on", "month", "county_code", "category_code",
                     "latitude", "longitude", "h3_cell", "source_id"])
    assert (n_dicts, n_tuples) == (2, 1)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(inc.c.external_id, inc.c.occurred_on, inc.c.month,
                                      inc.c.latitude, inc.c.h3_cell)
                            .order_by(inc.c.external_id)).all()
    assert [tuple(r) for r in rows] == [
        ("a", D(2024, 3, 5), D(2024, 3, 1), NAIROBI[0], cell_for(*NAIROBI, RES)),
        ("b", D(2024, 3, 6), D(2024, 3, 1), None, None),
        ("c", D(2024, 3, 7), D(2024, 3, 1), -1.3, cell_for(-1.3, 36.8, RES)),
    ]


def test_bulk_insert_stores_missing_values_as_null(engine):
    # What rows taken from a pandas frame look like: NaN, NaT, Timestamps, numpy types.
    inc = schema.incidents
    with engine.begin() as conn:
        sid = _source(conn)
        bulk_insert(conn, inc, [
            {"external_id": np.str_("p1"), "occurred_on": pd.Timestamp("2024-05-06"),
             "month": np.datetime64("2024-05-01"), "county_code": "047",
             "category_code": "robbery", "latitude": math.nan, "longitude": np.float64("nan"),
             "h3_cell": None, "source_id": sid},
            {"external_id": "p2", "occurred_on": D(2024, 5, 7), "month": D(2024, 5, 1),
             "county_code": "047", "category_code": "robbery", "latitude": -1.25,
             "longitude": 36.8, "h3_cell": np.int64(cell_for(-1.25, 36.8, RES)),
             "source_id": sid},
        ])
    # A value that is no date is refused, not guessed at (PostgreSQL would read 20240507).
    with pytest.raises(TypeError, match="expected a date"), engine.begin() as conn:
        bulk_insert(conn, inc, [{"external_id": "p3", "occurred_on": 20240507,
                                 "month": D(2024, 5, 1), "county_code": "047",
                                 "category_code": "robbery", "source_id": sid}])
    with engine.connect() as conn:
        rows = conn.execute(sa.select(inc.c.external_id, inc.c.occurred_on, inc.c.month,
                                      inc.c.latitude, inc.c.longitude)
                            .order_by(inc.c.external_id)).all()
    assert [tuple(r) for r in rows] == [
        ("p1", D(2024, 5, 6), D(2024, 5, 1), None, None),
        ("p2", D(2024, 5, 7), D(2024, 5, 1), -1.25, 36.8),
    ]


def test_bulk_insert_datetimes_read_back(engine):
    with engine.begin() as conn:
        sid = _source(conn)
        conn.execute(schema.forums.insert().values(
            id=1, external_id="f", edition="E", county_code="047", venue="V",
            held_on=D(2025, 1, 1), source_id=sid))
        conn.execute(schema.concerns.insert().values(
            id=1, external_id="c", county_code="047", theme_code="drugs", summary="s",
            raised_on=D(2025, 1, 1), source_id=sid))
        conn.execute(schema.commitments.insert().values(
            id=1, external_id="m", concern_id=1, institution_code="nps", title="t",
            made_on=D(2025, 1, 1), source_id=sid))
        at = dt.datetime(2025, 2, 3, 10, 30, 15)
        bulk_insert(conn, schema.commitment_updates, [
            {"commitment_id": 1, "status": "in_progress", "updated_on": D(2025, 2, 3),
             "recorded_at": at, "source_id": sid},
        ])
    with engine.connect() as conn:
        got = conn.execute(sa.select(schema.commitment_updates.c.recorded_at)).scalar_one()
    assert got == at


def test_bulk_insert_is_part_of_the_callers_transaction(engine):
    with pytest.raises(RuntimeError, match="abort"), engine.begin() as conn:
        sid = _source(conn)
        bulk_insert(conn, schema.incidents,
                    [_incident("x", D(2024, 1, 1), "047", "robbery", None, sid)])
        raise RuntimeError("abort")
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.incidents)
                            ).scalar_one() == 0


def test_bulk_insert_database_errors_are_sqlalchemy_errors(engine):
    row = _incident("dup", D(2024, 1, 1), "047", "robbery", None, None)
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        row["source_id"] = _source(conn)
        bulk_insert(conn, schema.incidents, [row, dict(row)])  # external_id is unique
    with engine.connect() as conn:
        assert _count_rows(conn, schema.incidents) == 0


def _count_rows(conn, table) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_bulk_insert_bad_calls_say_what_is_wrong(engine):
    with engine.begin() as conn:
        with pytest.raises(ValueError, match="needs columns"):
            bulk_insert(conn, schema.incidents, [("x", "2024-01-01")])
        with pytest.raises(ValueError, match="2 values but 3 columns"):
            bulk_insert(conn, schema.incidents, [("x", "2024-01-01")],
                        columns=["external_id", "occurred_on", "month"])
        with pytest.raises(ValueError, match="no column"):
            bulk_insert(conn, schema.incidents, [{"nonsense": 1}])
        assert bulk_insert(conn, schema.incidents, []) == 0


# --- aggregates ----------------------------------------------------------------------------


def _published(county, category, start, end, grain, count, publication, sid):
    return {"county_code": county, "category_code": category, "period_start": start,
            "period_end": end, "grain": grain, "month": start.replace(day=1), "count": count,
            "publication": publication, "source_id": sid}


def _tiny_dataset(conn) -> None:
    sid = _source(conn)
    bulk_insert(conn, schema.incidents, [
        _incident("i1", D(2024, 3, 5), "047", "robbery", NAIROBI, sid),
        _incident("i2", D(2024, 3, 5), "047", "robbery", NAIROBI, sid),
        _incident("i3", D(2024, 3, 20), "047", "robbery", None, sid),
        _incident("i4", D(2024, 4, 1), "047", "stealing", NAIROBI_WEST, sid),
        _incident("i5", D(2024, 3, 5), "001", "homicide", MOMBASA, sid),
    ])
    bulk_insert(conn, schema.crime_counts, [
        # A published daily count sharing its key with two incidents: kept apart by
        # origin, never added (the figures layer applies the precedence).
        _published("047", "robbery", D(2024, 3, 5), D(2024, 3, 5), "day", 3, "Daily", sid),
        _published("047", "robbery", D(2024, 3, 1), D(2024, 3, 31), "month", 40, "Monthly",
                   sid),
        # Two publications of the same year: summed, and kept at grain "year".
        _published("047", "robbery", D(2023, 1, 1), D(2023, 12, 31), "year", 400, "A", sid),
        _published("047", "robbery", D(2023, 1, 1), D(2023, 12, 31), "year", 10, "B", sid),
    ])


def _agg(conn) -> set[tuple]:
    a = schema.crime_agg
    return {tuple(r) for r in conn.execute(sa.select(
        a.c.county_code, a.c.category_code, a.c.grain, a.c.period_start, a.c.month, a.c.year,
        a.c.origin, a.c.count))}


def _hex(conn) -> set[tuple]:
    h = schema.hex_cells
    return {tuple(r) for r in conn.execute(sa.select(
        h.c.cell, h.c.county_code, h.c.category_code, h.c.month, h.c.count))}


EXPECTED_AGG = {
    ("047", "robbery", "day", D(2024, 3, 5), D(2024, 3, 1), 2024, "incidents", 2),
    ("047", "robbery", "day", D(2024, 3, 5), D(2024, 3, 1), 2024, "published", 3),
    ("047", "robbery", "day", D(2024, 3, 20), D(2024, 3, 1), 2024, "incidents", 1),
    ("047", "stealing", "day", D(2024, 4, 1), D(2024, 4, 1), 2024, "incidents", 1),
    ("001", "homicide", "day", D(2024, 3, 5), D(2024, 3, 1), 2024, "incidents", 1),
    ("047", "robbery", "month", D(2024, 3, 1), D(2024, 3, 1), 2024, "published", 40),
    ("047", "robbery", "year", D(2023, 1, 1), D(2023, 1, 1), 2023, "published", 410),
}


def test_refresh_builds_known_counts_for_every_grain(engine):
    with engine.begin() as conn:
        _tiny_dataset(conn)
        refresh_aggregates(conn)
    with engine.connect() as conn:
        assert _agg(conn) == EXPECTED_AGG
        assert _hex(conn) == {
            (cell_for(*NAIROBI, RES), "047", "robbery", D(2024, 3, 1), 2),
            (cell_for(*NAIROBI_WEST, RES), "047", "stealing", D(2024, 4, 1), 1),
            (cell_for(*MOMBASA, RES), "001", "homicide", D(2024, 3, 1), 1),
        }


def test_refresh_of_some_counties_leaves_the_others_alone(engine):
    with engine.begin() as conn:
        _tiny_dataset(conn)
        refresh_aggregates(conn)
        sid = _source(conn)
        bulk_insert(conn, schema.incidents, [
            _incident("n1", D(2024, 3, 5), "001", "homicide", MOMBASA, sid),
            _incident("n2", D(2024, 3, 5), "047", "robbery", NAIROBI, sid),
        ])
        refresh_aggregates(conn, county_codes=["001"])
        agg = _agg(conn)
        # Mombasa is rebuilt; Nairobi keeps its old (now stale) rows until refreshed.
        assert ("001", "homicide", "day", D(2024, 3, 5), D(2024, 3, 1), 2024, "incidents",
                2) in agg
        assert ("047", "robbery", "day", D(2024, 3, 5), D(2024, 3, 1), 2024, "incidents",
                2) in agg
        assert (cell_for(*MOMBASA, RES), "001", "homicide", D(2024, 3, 1), 2) in _hex(conn)
        refresh_aggregates(conn, county_codes={"047"})
        assert ("047", "robbery", "day", D(2024, 3, 5), D(2024, 3, 1), 2024, "incidents",
                3) in _agg(conn)


def test_refresh_removes_rows_whose_facts_are_gone(engine):
    with engine.begin() as conn:
        _tiny_dataset(conn)
        refresh_aggregates(conn)
        conn.execute(schema.incidents.delete())
        conn.execute(schema.crime_counts.delete().where(schema.crime_counts.c.grain != "year"))
        refresh_aggregates(conn, county_codes=["047", "001"])
        assert _agg(conn) == {
            ("047", "robbery", "year", D(2023, 1, 1), D(2023, 1, 1), 2023, "published", 410)}
        assert _hex(conn) == set()


def test_refresh_bumps_the_data_version_even_with_nothing_to_rebuild(engine):
    before = int(data_version(engine))
    with engine.begin() as conn:
        refresh_aggregates(conn, county_codes=[])
    assert int(data_version(engine)) == before + 1
    with engine.begin() as conn:
        refresh_aggregates(conn)
    assert int(data_version(engine)) == before + 2


def test_refresh_refuses_a_single_string_of_codes(engine):
    with engine.begin() as conn, pytest.raises(TypeError, match="not one string"):
        refresh_aggregates(conn, county_codes="047")


def test_a_database_from_before_origins_gets_its_aggregate_rebuilt(engine):
    # Schema version 1 kept no origin: published counts and incident points were summed.
    with engine.begin() as conn:
        _tiny_dataset(conn)
        schema.crime_agg.drop(conn)
        conn.execute(sa.text(
            "CREATE TABLE crime_agg (county_code VARCHAR(3) NOT NULL, category_code "
            "VARCHAR(48) NOT NULL, grain VARCHAR(8) NOT NULL, period_start DATE NOT NULL, "
            "month DATE NOT NULL, year INTEGER NOT NULL, count INTEGER NOT NULL)"))
    init_db(engine)
    with engine.connect() as conn:
        assert _agg(conn) == EXPECTED_AGG
