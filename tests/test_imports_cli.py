"""``python -m data_access import``: exit codes, the summary line, problems on stderr,
--dry-run, --skip-invalid with a rejects file."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from data_access.__main__ import main
from data_access.engine import get_engine, init_db
from tests.test_imports_badfiles import FIXTURES, snapshot


@pytest.fixture
def cli(sqlite_url: str, capsys):
    init_db(get_engine(sqlite_url))  # commands other than init/demo need the database

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", sqlite_url, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def test_valid_file_exits_0_with_summary(cli):
    code, out, err = cli("import", "crime-counts", str(FIXTURES / "real_police_table.csv"))
    assert code == 0, err
    assert out.splitlines()[-1] == ("5 rows imported, 0 rejected (5 new, 0 updated, "
                                    "0 already present)")
    assert "'Kiambo' read as Kiambu (closest match) — row 5" in out
    code, out, _ = cli("import", "crime-counts", str(FIXTURES / "real_police_table.csv"))
    assert code == 0 and out.splitlines()[-1].startswith("0 rows imported, 0 rejected")


def test_invalid_rows_exit_2_list_every_problem_and_write_nothing(cli, sqlite_url):
    from data_access.engine import get_engine, init_db

    engine = get_engine(sqlite_url)
    init_db(engine)
    before = snapshot(engine)
    code, out, err = cli("import", "crime-counts", str(FIXTURES / "cc_date_ambiguous.csv"))
    assert code == 2
    assert snapshot(engine) == before
    assert out.splitlines()[-1].startswith("0 rows imported, 2 rejected — nothing written")
    lines = err.splitlines()
    assert any(line.startswith("row 2, column period_start: '12/31/2023' is not a valid "
                               "day/month/year date") for line in lines)
    assert any(line.startswith("row 3, column period_start: '03/04/2023' is ambiguous")
               for line in lines)


def test_file_refused_exits_2(cli):
    code, out, err = cli("import", "crime-counts", str(FIXTURES / "photo.csv"))
    assert code == 2
    assert "photo.csv is a PNG image" in err
    assert out.strip() == "0 rows imported, file refused — nothing written"


def test_missing_file_exits_2(cli, tmp_path):
    code, _out, err = cli("import", "incidents", str(tmp_path / "nope.csv"))
    assert code == 2 and "no such file" in err


def test_dry_run_exits_0_and_writes_nothing(cli, sqlite_url):
    from data_access.engine import get_engine, init_db

    engine = get_engine(sqlite_url)
    init_db(engine)
    before = snapshot(engine)
    code, out, _ = cli("import", "crime-counts", str(FIXTURES / "real_police_table.csv"),
                       "--dry-run")
    assert code == 0 and snapshot(engine) == before
    assert out.splitlines()[-1] == ("5 rows valid, 0 rejected (5 new, 0 updated, 0 already "
                                    "present; dry run, nothing written)")


def test_skip_invalid_writes_rejects_with_reasons(cli, tmp_path):
    rejects = tmp_path / "rejects.csv"
    code, out, _ = cli("import", "crime-counts", str(FIXTURES / "cc_total_row.csv"),
                       "--skip-invalid", "--rejects", str(rejects))
    assert code == 0
    assert out.splitlines()[-1].startswith("1 rows imported, 1 rejected")
    frame = pd.read_csv(rejects, dtype=str, encoding="utf-8-sig")
    assert list(frame.columns) == ["row", "county", "category", "period_start", "period_end",
                                   "count", "source", "problems"]
    assert frame["row"].tolist() == ["3"] and frame["county"].tolist() == ["TOTAL"]
    assert frame["problems"].iloc[0] == ("county: 'TOTAL' is a national or total figure, "
                                         "not a county")


def test_real_process_exit_code(sqlite_url: str):
    """The module entry point itself (a new Python process)."""
    init_db(get_engine(sqlite_url))
    bad = subprocess.run([sys.executable, "-m", "data_access", "--db", sqlite_url, "import",
                          "incidents", str(FIXTURES / "inc_swapped.csv")],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2, bad.stderr
    assert "Latitude and longitude look swapped" in bad.stderr
    assert bad.stdout.splitlines()[-1].startswith("0 rows imported, 1 rejected")
