"""The list of pages, in navigation order: app.py registers them, tests visit each one.

Page scripts live in ``views/`` rather than ``pages/``: a ``pages/`` folder makes Streamlit
run a deep-linked page without app.py (and so without its access gate and filters).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

VIEWS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageSpec:
    """One page: its script in views/, title, URL path and navigation section."""

    script: str
    title: str
    url_path: str
    section: str
    icon: str
    default: bool = False

    @property
    def path(self) -> Path:
        return VIEWS_DIR / self.script


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview.py", "Overview", "overview", "National picture", ":material/dashboard:",
             default=True),
    PageSpec("hotspots.py", "Hotspots", "hotspots", "National picture", ":material/map:"),
    PageSpec("trends.py", "Trends", "trends", "National picture", ":material/show_chart:"),
    PageSpec("county_profile.py", "County profile", "county", "Areas",
             ":material/location_city:"),
    PageSpec("compare.py", "Compare areas", "compare", "Areas", ":material/compare_arrows:"),
    PageSpec("commitments.py", "Commitments", "commitments", "Accountability",
             ":material/task_alt:"),
    PageSpec("forums.py", "Forums", "forums", "Accountability", ":material/groups:"),
    PageSpec("chain.py", "Forum → commitment chain", "chain", "Accountability",
             ":material/account_tree:"),
    PageSpec("chiefs.py", "Chiefs' reports", "chiefs", "Accountability",
             ":material/fact_check:"),
    PageSpec("present.py", "Presenter view", "present", "Accountability",
             ":material/co_present:"),
    PageSpec("record_update.py", "Record progress", "record", "Accountability",
             ":material/edit_note:"),
    PageSpec("capture.py", "Live capture", "capture", "Accountability",
             ":material/record_voice_over:"),
    PageSpec("import_data.py", "Import data", "import", "Data", ":material/upload_file:"),
    PageSpec("export_data.py", "Export & briefing", "export", "Data", ":material/download:"),
)

