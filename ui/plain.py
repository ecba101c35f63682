"""Text from the data shown as the characters it holds, never as markup.

Concern summaries, commitment titles, forum venues, update notes, file names and cell
values come from people and files outside the app. Streamlit renders Markdown (images,
links, emphasis, colour directives, LaTeX) in ``st.markdown``, ``st.caption``, alerts,
headers and widget labels; plotly renders a subset of HTML (``<a href>``, ``<b>``,
``<br>``) in tick labels, hover texts and annotations. An ``![x](http://…)`` in a concern
would make every viewer's browser fetch that address, and a ``[link](…)`` would put a
phishing link on the page. So every text from the data goes through one of these before it
is placed inside markup:

- :func:`md_text` for Markdown (Streamlit elements and labels), one line;
- :func:`md_block` for Markdown that keeps the text's own line breaks;
- :func:`md_quote` for a Markdown block quote (``> …``) of such text;
- :func:`plot_text` for plotly text (labels, hover texts, custom data).

Control characters are removed on the way (data_access.plain_text.strip_controls).
"""

from __future__ import annotations

import html
import re

import pandas as pd

from data_access.plain_text import strip_controls

# A backslash-escaped ASCII punctuation character is always literal text in CommonMark.
# Escaped anywhere: what starts emphasis, code, links and images, HTML tags and autolinks,
# entities, tables, headings, strikethrough, Streamlit directives (:red[…], :material/…:)
# and LaTeX ($…$). Left as they are, being plain text in the middle of a line: . , ; ? '
# " / % @ ( ) and - + = (escaped at the start of a line, where they make a list or a
# heading), so the text reads the same in the page's source and in tests.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~$:&^])")
_MD_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_SPACES = re.compile(r"\s+")
# Streamlit's Markdown (GFM) turns a bare address in text into a link even when every
# character is escaped: "http://…", "www.…" and "name@host.…" are found in the parsed
# text. An invisible WORD JOINER (U+2060) before the ":" of a scheme, after "www" and
# before "@" keeps them plain text; it shows nothing and does not break the line.
WORD_JOINER = "\u2060"
_AUTOLINKS = re.compile(r"(?<=[A-Za-z])(?=:)|(?i:(?<=www))(?=\.)|(?=@)")


def _as_text(value: object) -> str:
    """``value`` as a string: '' for None and missing values, controls removed."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # a list or array: not a missing value
        pass
    return strip_controls(str(value))


def md_text(value: object) -> str:
    """``value`` as literal Markdown text on one line (line breaks and runs of white space
    become one space): for captions, labels, headers and inline parts of a sentence.
    Addresses in it stay plain text (see ``WORD_JOINER``)."""
    text = _AUTOLINKS.sub(WORD_JOINER, _SPACES.sub(" ", _as_text(value)).strip())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def md_block(value: object) -> str:
    """``value`` as literal Markdown text keeping its line breaks (each becomes a hard
    break; leading white space is dropped so no line turns into a code block)."""
    lines = [md_text(line) for line in _as_text(value).splitlines()]
    return "  \n".join(line for line in lines if line) or ""


def md_quote(value: object) -> str:
    """``value`` as a literal Markdown block quote (``> …`` on every line)."""
    lines = [md_text(line) for line in _as_text(value).splitlines()]
    return "  \n".join(f"> {line}" for line in lines if line) or ">"


def plot_text(value: object) -> str:
    """``value`` for plotly text (tick labels, hover and custom data): ``<``, ``>`` and
    ``&`` as entities, so a tag shows as written instead of becoming a link or markup.
    Quotes stay as they are: plotly does not decode ``&quot;``."""
    return html.escape(_SPACES.sub(" ", _as_text(value)).strip(), quote=False)
