"""The database schema: one SQLAlchemy Core metadata, portable to SQLite and PostgreSQL.

Conventions
- Every fact row carries ``source_id`` → ``data_sources``: which import, forum capture or
  demo generator wrote it, so every number on screen can be traced and demo rows can be
  removed without touching imported ones.
- Dates are ``Date`` columns; month and year buckets are stored as the first day of the
  month/year so grouping is the same SQL on both databases.
- ``crime_agg`` and ``hex_cells`` are aggregates the pages read; they are rebuilt for the
  touched keys inside the same transaction as every write (see ``aggregates.py``).
"""

from __future__ import annotations

import sqlalchemy as sa

SCHEMA_VERSION = 2  # 2: crime_agg keeps the origin of each row

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# --- bookkeeping -------------------------------------------------------------------

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)

data_sources = sa.Table(
    "data_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # demo | import | capture (a status update typed into the app) | reference
    sa.Column("kind", sa.String(16), nullable=False),
    # what was loaded: crime-counts, incidents, forums, ... or "demo"
    sa.Column("dataset", sa.String(32), nullable=False),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("file_sha256", sa.String(64)),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False, server_default="0"),
    sa.Column("note", sa.Text),
)

# --- reference ---------------------------------------------------------------------

regions = sa.Table(
    "regions",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("name_sw", sa.String(64), nullable=False),
    sa.Column("sort_order", sa.Integer, nullable=False),
)

counties = sa.Table(
    "counties",
    metadata,
    sa.Column("code", sa.String(3), primary_key=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("region_code", sa.String(32), sa.ForeignKey("regions.code"), nullable=False),
    sa.Column("population_2019", sa.Integer, nullable=False),
    sa.Column("area_km2", sa.Float, nullable=False),
)

county_aliases = sa.Table(
    "county_aliases",
    metadata,
    # normalised spelling (see county_names.normalise) -> county
    sa.Column("alias_key", sa.String(128), primary_key=True),
    sa.Column("alias", sa.String(128), nullable=False),
    sa.Column("county_code", sa.String(3), sa.ForeignKey("counties.code"), nullable=False),
)

themes = sa.Table(
    "themes",
    metadata,
    sa.Column("code", sa.String(48), primary_key=True),
    sa.Column("label", sa.String(128), nullable=False, unique=True),
    sa.Column("label_sw", sa.String(128), nullable=False),
    sa.Column("sensitive", sa.Boolean, nullable=False, server_default=sa.false()),
)

crime_categories = sa.Table(
    "crime_categories",
    metadata,
    sa.Column("code", sa.String(48), primary_key=True),
    sa.Column("name", sa.String(128), nullable=False, unique=True),
    sa.Column("name_sw", sa.String(128), nullable=False),
    sa.Column("sensitive", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("sort_order", sa.Integer, nullable=False),
)

institutions = sa.Table(
    "institutions",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(160), nullable=False, unique=True),
    sa.Column("short_name", sa.String(32), nullable=False),
)

# --- forums and accountability -----------------------------------------------------

forums = sa.Table(
    "forums",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("external_id", sa.String(64), nullable=False, unique=True),
    sa.Column("edition", sa.String(128), nullable=False),
    sa.Column("county_code", sa.String(3), sa.ForeignKey("counties.code"), nullable=False,
              index=True),
    sa.Column("venue", sa.String(160), nullable=False),
    sa.Column("held_on", sa.Date, nullable=False, index=True),
    sa.Column("attendance_total", sa.Integer, nullable=False, server_default="0"),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
)

forum_attendance = sa.Table(
    "forum_attendance",
    metadata,
    sa.Column("forum_id", sa.Integer, sa.ForeignKey("forums.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("group_code", sa.String(32), primary_key=True),
    sa.Column("attendees", sa.Integer, nullable=False),
    sa.CheckConstraint("attendees >= 0", name="attendees_nonneg"),
)

concerns = sa.Table(
    "concerns",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("external_id", sa.String(64), nullable=False, unique=True),
    sa.Column("forum_id", sa.Integer, sa.ForeignKey("forums.id", ondelete="CASCADE"),
              index=True),
    # forum | chief_report | live_capture
    sa.Column("origin", sa.String(16), nullable=False, server_default="forum"),
    sa.Column("county_code", sa.String(3), sa.ForeignKey("counties.code"), nullable=False,
              index=True),
    sa.Column("theme_code", sa.String(48), sa.ForeignKey("themes.code"), nullable=False,
              index=True),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("raised_by_group", sa.String(32)),
    sa.Column("raised_on", sa.Date, nullable=False, index=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
)

commitments = sa.Table(
    "commitments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("external_id", sa.String(64), nullable=False, unique=True),
    sa.Column("concern_id", sa.Integer, sa.ForeignKey("concerns.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("institution_code", sa.String(32), sa.ForeignKey("institutions.code"),
              nullable=False, index=True),
    sa.Column("title", sa.String(255), nullable=False),
    sa.Column("made_on", sa.Date, nullable=False),
    sa.Column("due_on", sa.Date),
    # Denormalised copy of the latest update, kept in step by commitments code; the
    # history in commitment_updates is the truth.
    sa.Column("current_status", sa.String(24), nullable=False, server_default="unverified"),
    sa.Column("status_on", sa.Date),
    sa.Column("last_verified_on", sa.Date),
    sa.Column("fulfilled_on", sa.Date),
    sa.Column("evidence", sa.Text),
    # Incremented on every update: a form submitted against an older version is refused
    # (optimistic concurrency, no lost update).
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
)

commitment_updates = sa.Table(
    "commitment_updates",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("external_id", sa.String(64), unique=True),
    sa.Column("commitment_id", sa.Integer,
              sa.ForeignKey("commitments.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("status", sa.String(24), nullable=False),
    sa.Column("updated_on", sa.Date, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("evidence", sa.Text),
    sa.Column("recorded_by", sa.String(128)),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
)

# --- observatory -------------------------------------------------------------------

# Published counts: a county's count for a category over a period (day, month, year).
crime_counts = sa.Table(
    "crime_counts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("county_code", sa.String(3), sa.ForeignKey("counties.code"), nullable=False),
    sa.Column("category_code", sa.String(48), sa.ForeignKey("crime_categories.code"),
              nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    # day | month | year: a yearly figure is never spread into months
    sa.Column("grain", sa.String(8), nullable=False),
    sa.Column("month", sa.Date, nullable=False),  # first day of period_start's month
    sa.Column("count", sa.Integer, nullable=False),
    # the publication it came from, e.g. "NPS Annual Crime Report 2023"
    sa.Column("publication", sa.String(160), nullable=False, server_default=""),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
    sa.UniqueConstraint("county_code", "category_code", "period_start", "period_end",
                        "publication", name="uq_crime_counts_key"),
    sa.CheckConstraint("count >= 0", name="count_nonneg"),
    sa.CheckConstraint("period_end >= period_start", name="period_order"),
)

# Single incidents with optional coordinates (hotspot layer).
incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("external_id", sa.String(64), unique=True),
    sa.Column("occurred_on", sa.Date, nullable=False),
    sa.Column("month", sa.Date, nullable=False),  # first day of occurred_on's month
    sa.Column("county_code", sa.String(3), sa.ForeignKey("counties.code"), nullable=False),
    sa.Column("category_code", sa.String(48), sa.ForeignKey("crime_categories.code"),
              nullable=False),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    # H3 cell at settings.hex_resolution, computed on write (None without coordinates)
    sa.Column("h3_cell", sa.BigInteger),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
)
sa.Index("ix_incidents_county_day", incidents.c.county_code, incidents.c.occurred_on)

# Aggregate: county × category × period, from incidents (grain "day") and published
# counts (their own grain). Monthly views read grains day+month; yearly views add year.
crime_agg = sa.Table(
    "crime_agg",
    metadata,
    sa.Column("county_code", sa.String(3), nullable=False),
    sa.Column("category_code", sa.String(48), nullable=False),
    sa.Column("grain", sa.String(8), nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("month", sa.Date, nullable=False),  # first day of period_start's month
    sa.Column("year", sa.Integer, nullable=False),
    # "incidents" (counted from incident points) or "published" (crime_counts): never
    # added together; the figures layer applies one precedence (docs/METHODS.md)
    sa.Column("origin", sa.String(10), nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("county_code", "category_code", "grain", "period_start",
                            "origin"),
)
sa.Index("ix_crime_agg_month", crime_agg.c.grain, crime_agg.c.month)

# Aggregate: incidents with coordinates per H3 cell × category × month.
hex_cells = sa.Table(
    "hex_cells",
    metadata,
    sa.Column("cell", sa.BigInteger, nullable=False),
    sa.Column("county_code", sa.String(3), nullable=False),
    sa.Column("category_code", sa.String(48), nullable=False),
    sa.Column("month", sa.Date, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("cell", "category_code", "month", "county_code"),
)
sa.Index("ix_hex_cells_month", hex_cells.c.month)

# --- chiefs' monthly reports -------------------------------------------------------

chief_locations = sa.Table(
    "chief_locations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("county_code", sa.String(3), sa.ForeignKey("counties.code"), nullable=False,
              index=True),
    sa.Column("sub_county", sa.String(96), nullable=False),
    sa.Column("location", sa.String(96), nullable=False),
    # months from which the location is expected to report (inclusive) and until
    sa.Column("expected_from", sa.Date, nullable=False),
    sa.Column("expected_to", sa.Date),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
    sa.UniqueConstraint("county_code", "sub_county", "location", name="uq_chief_location"),
)

chief_reports = sa.Table(
    "chief_reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("location_id", sa.Integer,
              sa.ForeignKey("chief_locations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("month", sa.Date, nullable=False, index=True),
    sa.Column("sentiment", sa.Integer, nullable=False),
    sa.Column("barazas_held", sa.Integer, nullable=False, server_default="0"),
    sa.Column("attendance", sa.Integer, nullable=False, server_default="0"),
    sa.Column("top_theme_code", sa.String(48), sa.ForeignKey("themes.code")),
    sa.Column("incidents_noted", sa.Integer, nullable=False, server_default="0"),
    sa.Column("notes", sa.Text),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("data_sources.id"), nullable=False,
              index=True),
    sa.UniqueConstraint("location_id", "month", name="uq_chief_report_month"),
    sa.CheckConstraint("sentiment BETWEEN 1 AND 5", name="sentiment_range"),
)

# Tables holding facts that carry source_id, children first (safe delete order).
FACT_TABLES_DELETE_ORDER = (
    chief_reports,
    chief_locations,
    commitment_updates,
    commitments,
    concerns,
    forums,  # forum_attendance goes with its forum (ON DELETE CASCADE)
    incidents,
    crime_counts,
)
