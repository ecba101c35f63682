"""The Streamlit settings file uses only options this Streamlit knows, and stays offline."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from streamlit import config as st_config

CONFIG_TOML = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"theme": {"sidebar": {"x": 1}}} -> {"theme.sidebar.x": 1}."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _settings() -> dict[str, Any]:
    return _flatten(tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8")))


def test_every_option_exists_in_this_streamlit() -> None:
    # Streamlit only logs a warning for an unknown key, so a typo would pass silently.
    known = set(st_config._config_options_template)
    unknown = sorted(set(_settings()) - known)
    assert not unknown, f"unknown Streamlit options in {CONFIG_TOML}: {unknown}"


def test_offline_and_headless() -> None:
    settings = _settings()
    assert settings["browser.gatherUsageStats"] is False
    assert settings["server.headless"] is True
    assert settings["client.showErrorLinks"] is False
    # No theme option may point the browser at another host (web fonts, theme files).
    remote = {k: v for k, v in settings.items() if isinstance(v, str) and "://" in v}
    assert not remote, f"options that load from the network: {remote}"


def test_theme_is_readable() -> None:
    settings = _settings()
    assert settings["theme.base"] == "light"
    assert settings["theme.baseFontSize"] >= 16  # projector audiences sit far away
    assert _contrast(settings["theme.textColor"], settings["theme.backgroundColor"]) >= 7
    assert _contrast(settings["theme.primaryColor"], settings["theme.backgroundColor"]) >= 4.5


def _contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours (7 = AAA for text, 4.5 = AA)."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
