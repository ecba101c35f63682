"""H3 hexagon cells for incident points.

Cells are stored as 64-bit integers (``incidents.h3_cell``, ``hex_cells.cell``); the map
layer turns them back into the usual hexadecimal strings with :func:`cell_to_hex`.
A point without usable coordinates has no cell: ``None`` from :func:`cell_for`,
:data:`NO_CELL` (0, H3's null index) in the arrays of :func:`cells_for`.
"""

from __future__ import annotations

import math
from itertools import repeat

import h3
import numpy as np
from h3.api import basic_int

NO_CELL = 0
"""H3's null index: the value :func:`cells_for` gives a point without coordinates."""


def _usable(lat: float | None, lon: float | None) -> bool:
    return (
        lat is not None and lon is not None
        and math.isfinite(lat) and math.isfinite(lon)
        and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0
    )


def cell_for(lat: float | None, lon: float | None, res: int) -> int | None:
    """The H3 cell (as an integer) holding one point, or None without usable coordinates."""
    if lat is None or lon is None:
        return None
    lat, lon = float(lat), float(lon)
    if not _usable(lat, lon):
        return None
    return int(basic_int.latlng_to_cell(lat, lon, res))


def cells_for(lats, lons, res: int) -> np.ndarray:
    """H3 cells of many points at once, as an int64 array (:data:`NO_CELL` where no cell).

    ``lats``/``lons`` are array-likes of equal length; None, NaN or out-of-range
    coordinates give :data:`NO_CELL`. The H3 library has no vectorised point index, so
    the loop runs in C-level ``map`` over plain floats (about 1 µs a point).
    """
    lat = np.asarray(lats, dtype=float)
    lon = np.asarray(lons, dtype=float)
    if lat.shape != lon.shape:
        raise ValueError(f"lats and lons differ in length: {lat.shape} vs {lon.shape}")
    lat, lon = lat.ravel(), lon.ravel()
    out = np.full(lat.shape[0], NO_CELL, dtype=np.int64)
    ok = (
        np.isfinite(lat) & np.isfinite(lon)
        & (np.abs(lat) <= 90.0) & (np.abs(lon) <= 180.0)
    )
    n_ok = int(ok.sum())
    if n_ok:
        out[ok] = np.fromiter(
            map(basic_int.latlng_to_cell, lat[ok].tolist(), lon[ok].tolist(), repeat(res)),
            dtype=np.int64, count=n_ok,
        )
    return out


def cell_to_hex(cell: int) -> str:
    """The hexadecimal string form of an integer cell (what H3 tools and maps expect)."""
    return h3.int_to_str(int(cell))
