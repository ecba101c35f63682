"""The dates every test runs at, whatever the machine's clock says.

``tests/conftest.py`` puts :data:`TODAY` in ``JUKWAA_TODAY`` when pytest loads it, before
any test or app module runs, so ``data_access.clock.today()`` is :data:`TODAY` in the
test process and in every process the tests start (the Streamlit server of the browser
tests, the import command line), which inherit the environment. The shared demo database
and every demo a test builds end with :data:`DEMO_END_MONTH`, the last complete month
before :data:`TODAY`. CI runs the tests a second time with the system clock more than a
year ahead (faketime), so nothing may read the real date.
"""

from __future__ import annotations

import datetime as dt
import errno
import select
import time

TODAY = dt.date(2026, 11, 15)
DEMO_END_MONTH = dt.date(2026, 10, 1)
DEMO_END_DAY = dt.date(2026, 10, 31)


def repair_sleep_under_faketime() -> bool:
    """Give ``time.sleep`` back its meaning where libfaketime 0.9.10 broke it; True if so.

    CI's second run is under Debian's faketime with ``FAKETIME_DONT_FAKE_MONOTONIC=1``
    (``.ci/run`` says why). With the monotonic clock left alone, libfaketime 0.9.10 still
    shifts the deadline of ``clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, ...)`` by the
    faked wall-clock time, so the kernel gets a negative time and refuses it (upstream
    issue #426, fixed in 0.9.11). Python 3.11's ``time.sleep`` sleeps exactly that way, so
    every sleep, even ``time.sleep(0)``, raises ``OSError: [Errno 22]``. Only when that
    happens is ``time.sleep`` replaced by a sleep on ``select()``'s relative timeout,
    which libfaketime passes through unchanged; anywhere else nothing is touched.
    """
    try:
        time.sleep(0)
    except OSError as exc:
        if exc.errno != errno.EINVAL:
            raise
    else:
        return False

    def sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            select.select([], [], [], left)

    time.sleep = sleep
    return True
