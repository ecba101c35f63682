"""Recording progress on a commitment: append a status update, never overwrite history.

:func:`record_update` validates the update, appends it to ``commitment_updates`` and
refreshes the commitment's denormalised columns (``current_status, status_on,
last_verified_on, fulfilled_on, evidence, version``) in one transaction, then bumps the
data version so every page shows the new status on its next run.

No lost update: the form carries the ``version`` it was loaded with and the write is
``UPDATE commitments SET version = version + 1 WHERE id = :id AND version = :expected``.
If someone else recorded an update meanwhile that matches no row and the update is
refused. On PostgreSQL the second writer waits on the row lock and then re-checks the
condition against the committed row; on SQLite writers are serialised by the database
lock (busy timeout), so the same holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from data_access import clock, reference
from data_access import schema as s
from data_access.commitments import latest_status
from data_access.engine import bump_data_version, get_engine, new_source

MAX_NOTE = 2000
MAX_EVIDENCE = 1000
MAX_RECORDED_BY = 128  # the column's width


class UpdateRefused(ValueError):
    """A status update that was not recorded; ``reason`` is a stable code, the message
    says what to do.

    Reasons: ``unknown_commitment``, ``unknown_status``, ``invalid_date``,
    ``before_made``, ``in_future``, ``missing_evidence``, ``missing_recorded_by``,
    ``too_long``, ``stale``.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class UpdateResult:
    """What :func:`record_update` wrote."""

    commitment_id: int
    update_id: int
    status: str  # the status recorded
    updated_on: dt.date
    version: int  # the commitment's version after the update
    current_status: str  # the latest status in the history (the recorded one unless an
    # update for a later day already existed)
    source_id: int


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


def validate_update(*, status: str, updated_on, made_on: dt.date | None, evidence: str | None,
                    recorded_by: str | None, note: str | None, today: dt.date) -> dt.date:
    """Check an update against the rules; returns the date, raises :class:`UpdateRefused`."""
    if status not in reference.COMMITMENT_STATUSES:
        known = ", ".join(reference.COMMITMENT_STATUSES)
        raise UpdateRefused("unknown_status",
                            f"Unknown status {status!r}. Choose one of: {known}.")
    if isinstance(updated_on, dt.datetime):
        updated_on = updated_on.date()
    if not isinstance(updated_on, dt.date):
        raise UpdateRefused("invalid_date",
                            f"The date of the update is missing or not a date ({updated_on!r}).")
    if updated_on > today:
        raise UpdateRefused("in_future",
                            f"The update is dated {updated_on:%d %b %Y}, which is in the future "
                            f"(today is {today:%d %b %Y}). Record progress once it has happened.")
    if made_on is not None and updated_on < made_on:
        raise UpdateRefused("before_made",
                            f"The update is dated {updated_on:%d %b %Y}, before the commitment "
                            f"was made on {made_on:%d %b %Y}.")
    if status == "fulfilled" and not evidence:
        raise UpdateRefused("missing_evidence",
                            "A commitment can only be recorded as fulfilled with evidence: give "
                            "a reference (report number, letter, photo file, site visit).")
    if not recorded_by:
        raise UpdateRefused("missing_recorded_by",
                            "Say who is recording this update (name or office).")
    for label, value, limit in (("note", note, MAX_NOTE), ("evidence", evidence, MAX_EVIDENCE),
                                ("recorded by", recorded_by, MAX_RECORDED_BY)):
        if value and len(value) > limit:
            raise UpdateRefused("too_long", f"The {label} is {len(value):,} characters long; "
                                            f"the limit is {limit:,}.")
    return updated_on


def record_update(*, commitment_id: int, status: str, updated_on: dt.date,
                  expected_version: int, recorded_by: str, note: str | None = None,
                  evidence: str | None = None, today: dt.date | None = None,
                  engine: Engine | None = None) -> UpdateResult:
    """Append one status update to a commitment, based on the view loaded at
    ``expected_version``; raises :class:`UpdateRefused` (nothing written) when it breaks a
    rule or the commitment changed since that view was loaded.

    The update's source is a new ``data_sources`` row of kind "capture".
    """
    engine = engine or get_engine()
    today = today or clock.today()
    status = (status or "").strip()
    note, evidence, recorded_by = _clean(note), _clean(evidence), _clean(recorded_by)
    updated_on = validate_update(status=status, updated_on=updated_on, made_on=None,
                                 evidence=evidence, recorded_by=recorded_by, note=note,
                                 today=today)
    c, u = s.commitments, s.commitment_updates
    with engine.begin() as conn:
        row = conn.execute(sa.select(c.c.made_on, c.c.version, c.c.external_id)
                           .where(c.c.id == commitment_id)).first()
        if row is None:
            raise UpdateRefused("unknown_commitment",
                                f"There is no commitment with id {commitment_id}.")
        validate_update(status=status, updated_on=updated_on, made_on=_as_date(row.made_on),
                        evidence=evidence, recorded_by=recorded_by, note=note, today=today)
        if row.version != expected_version:
            raise _stale(commitment_id, expected_version, row.version)
        # The guard: only the writer that still sees the version it loaded may proceed.
        claimed = conn.execute(
            c.update().where(c.c.id == commitment_id, c.c.version == expected_version)
            .values(version=c.c.version + 1)
        ).rowcount
        if claimed != 1:
            now = conn.execute(sa.select(c.c.version).where(c.c.id == commitment_id)).scalar()
            raise _stale(commitment_id, expected_version, now)
        source_id = new_source(conn, kind="capture", dataset="commitment-updates",
                               name=f"Status update to {row.external_id} by {recorded_by}")
        conn.execute(s.data_sources.update().where(s.data_sources.c.id == source_id)
                     .values(rows=1))
        update_id = conn.execute(u.insert().values(
            commitment_id=commitment_id, status=status, updated_on=updated_on, note=note,
            evidence=evidence, recorded_by=recorded_by,
            recorded_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            source_id=source_id,
        )).inserted_primary_key[0]
        sync_current_status(conn, commitment_ids=[commitment_id], bump_version=False)
        current = conn.execute(sa.select(c.c.current_status, c.c.version)
                               .where(c.c.id == commitment_id)).one()
        bump_data_version(conn)
    return UpdateResult(commitment_id=commitment_id, update_id=int(update_id), status=status,
                        updated_on=updated_on, version=int(current.version),
                        current_status=current.current_status, source_id=source_id)


def _stale(commitment_id: int, expected: int, now) -> UpdateRefused:
    return UpdateRefused(
        "stale",
        f"Someone else updated commitment {commitment_id} after you opened it (your view: "
        f"version {expected}; now: version {now}). Nothing was saved: reload it, check the "
        "latest status and record your update again if it is still needed.",
    )


def sync_current_status(conn: Connection, *, commitment_ids: Iterable[int],
                        bump_version: bool = True) -> None:
    """Recompute the denormalised status columns of these commitments from their history.

    ``current_status``/``status_on``: the latest update (by date, then recording order);
    ``last_verified_on``: the latest update that is not "unverified"; ``fulfilled_on``: the
    first day of the current run of "fulfilled" (None otherwise); ``evidence``: the latest
    evidence given. With ``bump_version`` the version also goes up by one, so forms loaded
    before (e.g. before an import of updates) are refused as stale. Call inside the write
    transaction (and bump the data version there).
    """
    ids = sorted({int(i) for i in commitment_ids})
    if not ids:
        return
    u, c = s.commitment_updates, s.commitments
    for chunk_start in range(0, len(ids), 500):  # keeps IN lists small on both backends
        chunk = ids[chunk_start:chunk_start + 500]
        rows = conn.execute(sa.select(u.c.id, u.c.commitment_id, u.c.status, u.c.updated_on,
                                      u.c.evidence)
                            .where(u.c.commitment_id.in_(chunk))).fetchall()
        upd = pd.DataFrame(rows, columns=["id", "commitment_id", "status", "updated_on",
                                          "evidence"])
        upd["updated_on"] = pd.to_datetime(upd["updated_on"])
        upd = upd.sort_values(["commitment_id", "updated_on", "id"])
        latest, fulfilled = latest_status(upd[["commitment_id", "status", "updated_on", "id"]])
        latest = latest.set_index("commitment_id")
        fulfilled = fulfilled.set_index("commitment_id")["fulfilled_on"]
        verified = (upd[upd["status"] != "unverified"].groupby("commitment_id")["updated_on"]
                    .max())
        evidence = upd[upd["evidence"].notna()].groupby("commitment_id")["evidence"].last()
        for cid in chunk:
            has = cid in latest.index
            values = {
                "current_status": latest.at[cid, "status"] if has else "unverified",
                "status_on": _as_date(latest.at[cid, "status_on"]) if has else None,
                "last_verified_on": _as_date(verified[cid]) if cid in verified.index else None,
                "fulfilled_on": _as_date(fulfilled[cid]) if cid in fulfilled.index else None,
                "evidence": evidence[cid] if cid in evidence.index else None,
            }
            if bump_version:
                values["version"] = c.c.version + 1
            conn.execute(c.update().where(c.c.id == cid).values(**values))
