"""Which counties border which, from the bundled county boundaries (``geo/data``).

Two counties are neighbours when their shapes touch or overlap once each is grown by
:data:`BUFFER_DEG` (about 1 km): the bundled polygons come from one source and share
their borders, but a grown shape also catches a border that is a few metres apart
after digitising, and never a county across a lake or a gap wider than the buffer.
Computed once per process (47 shapes, a fraction of a second) and cached.
"""

from __future__ import annotations

from functools import lru_cache

import shapely

from geo.boundaries import county_boundaries

BUFFER_DEG = 0.01
"""How far (degrees, ≈1.1 km at the equator) each county is grown before testing."""


@lru_cache(maxsize=1)
def adjacency() -> dict[str, tuple[str, ...]]:
    """``{county code: neighbouring county codes (sorted)}`` for all 47 counties."""
    gdf = county_boundaries()
    codes = list(gdf["code"])
    grown = shapely.buffer(gdf.geometry.to_numpy(), BUFFER_DEG)
    tree = shapely.STRtree(grown)
    out: dict[str, tuple[str, ...]] = {}
    for i, code in enumerate(codes):
        hits = tree.query(grown[i], predicate="intersects")
        out[code] = tuple(sorted(codes[j] for j in hits if j != i))
    return out


def county_neighbours(code: str) -> tuple[str, ...]:
    """The codes of the counties bordering ``code`` (sorted by code: "047", Nairobi, gives
    ("016", "022", "034"), Machakos, Kiambu and Kajiado). Unknown codes raise ValueError."""
    table = adjacency()
    key = str(code).strip().zfill(3)
    if key not in table:
        raise ValueError(f"not a county code: {code!r} (codes run 001 to 047)")
    return table[key]
