"""Caching for query functions, keyed on the database and its data version.

A cached result is reused only while the data version (bumped by every write) is the
same, so an import or a status update shows on the very next page run, not after a TTL.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Connection, Engine
from streamlit import runtime
from streamlit.runtime.caching import cache_data_api

from config import get_settings
from data_access.engine import data_version, get_engine


def _url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


# Outside a Streamlit server (commands, scripts, tests) the cache falls back to memory,
# which is right there; Streamlit's warning about it would only confuse an operator.
if not runtime.exists():
    logging.getLogger(cache_data_api.__name__).setLevel(logging.ERROR)


@st.cache_data(ttl=get_settings().cache_ttl_seconds, max_entries=1024, show_spinner=False)
def _run_cached(url: str, version: str, name: str, kwargs: dict[str, Any]) -> pd.DataFrame:
    # ``version`` and ``name`` only key the cache; the function is looked up by name.
    fn = _REGISTRY[name]
    with get_engine(url).connect() as conn:
        return fn(conn, **kwargs)


_REGISTRY: dict[str, Callable[..., pd.DataFrame]] = {}


def cached_query(fn: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Turn ``fn(conn, *, ...) -> DataFrame`` into ``fn(*, engine=None, ...)``, cached.

    Call it with keyword arguments only. ``engine`` defaults to the configured
    database. The uncached function stays reachable as ``.uncached(conn, ...)``.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"
    _REGISTRY[name] = fn

    @functools.wraps(fn)
    def wrapper(*, engine: Engine | None = None, **kwargs: Any) -> pd.DataFrame:
        engine = engine or get_engine()
        result = _run_cached(_url_of(engine), data_version(engine), name, kwargs)
        return result.copy()

    wrapper.uncached = fn  # type: ignore[attr-defined]
    return wrapper


def read_df(conn: Connection, statement) -> pd.DataFrame:
    """Run a SQLAlchemy statement and return its rows as a DataFrame (typed by SQLAlchemy)."""
    result = conn.execute(statement)
    keys = list(result.keys())
    rows = result.fetchall()
    if not rows or len(set(keys)) != len(keys):
        return pd.DataFrame(rows, columns=keys)
    # Column-wise construction is ~2.5× faster than building from Row objects.
    return pd.DataFrame(dict(zip(keys, map(list, zip(*rows, strict=True)), strict=True)))



_FIGURE_CACHES: list[Any] = []


def clear_caches() -> None:
    """Empty every query and figure cache (benchmarks time cold runs this way)."""
    st.cache_data.clear()
    for cache in _FIGURE_CACHES:
        cache.cache_clear()


def cached_figure(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Memoise a figures function ``fn(scope, *args, engine=None, **kwargs)`` per
    database, data version, scope and arguments (every open tab and every rerun asks the
    same figures; a write bumps the version, so fresh data shows on the next run).

    Results are shared, so DataFrames are handed out as copies.
    """

    @functools.lru_cache(maxsize=512)
    def run(url: str, version: str, args: tuple, items: tuple) -> Any:
        return fn(*args, engine=get_engine(url), **dict(items))

    _FIGURE_CACHES.append(run)

    @functools.wraps(fn)
    def wrapper(*args: Any, engine: Engine | None = None, **kwargs: Any) -> Any:
        engine = engine or get_engine()
        result = run(_url_of(engine), data_version(engine), args,
                     tuple(sorted(kwargs.items())))
        return result.copy() if isinstance(result, pd.DataFrame) else result

    wrapper.uncached = fn  # type: ignore[attr-defined]
    return wrapper
