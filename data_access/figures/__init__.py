"""The one home of every figure the dashboard shows, exports or briefs.

Pages, exports and the briefing build a :class:`~data_access.figures.scope.Scope` and
call these functions; they format what comes back and never re-derive a figure.

- :mod:`.calendar`  month arithmetic;
- :mod:`.scope`     period, areas, selections and the audience (required);
- :mod:`.coverage`  which county-months hold data, precedence, the default period;
- :mod:`.change`    the one change test;
- :mod:`.crime`     crime per county, per category, totals and monthly series;
- :mod:`.trends`    trend series, year to date, yearly series and area rates;
- :mod:`.emerging`  emerging threats.
"""
