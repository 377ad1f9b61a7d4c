"""The dashboard in a real headless browser (Debian's chromium): the page a person sees shows the demo's PR
and a rejection with its reason. The screenshot is checked for the badges a person scans for."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from support import need_binary

from dashboard.conftest import PASSWORD, REASON, DemoFleet

pytestmark = [pytest.mark.redis, pytest.mark.slow]

WINDOW = (1400, 1000)
GREEN, RED = (0x1F, 0x9D, 0x55), (0xD6, 0x45, 0x45)
"""The "good" and "bad" badge colours (dashboard/html.py)."""


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = need_binary("chromium")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=90)


def _pixels_near(path: Path, colour: tuple[int, int, int]) -> int:
    from PIL import Image

    with Image.open(path) as image:
        data = image.convert("RGB").tobytes()
    red, green, blue = colour
    return sum(
        1
        for i in range(0, len(data), 3)
        if abs(data[i] - red) <= 6 and abs(data[i + 1] - green) <= 6 and abs(data[i + 2] - blue) <= 6
    )


def test_chromium_renders_the_demos_pr_and_a_rejection(
    demo_fleet: DemoFleet, serve_dashboard: Callable[[DemoFleet], str], tmp_path: Path
) -> None:
    # Given the dashboard serving the demo's fleet (one PR) with a rejected upgrade
    base = serve_dashboard(demo_fleet)
    url = base.replace("http://", f"http://admin:{PASSWORD}@") + "/"
    # When a headless browser loads the page, as a person would, and takes a screenshot
    dom = _chromium(tmp_path / "profile-dom", "--dump-dom", url)
    shot = tmp_path / "dashboard.png"
    taken = _chromium(tmp_path / "profile-shot", f"--screenshot={shot}", url)
    # Then the rendered document holds the PR and the rejection with its reason
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = dom.stdout
    assert "[agentfleet] fix_error: IndexError in checkout/pricing.py:bulk_discount" in text
    assert ">#1<" in text
    assert '<span class="badge bad">rejected</span>' in text
    assert REASON in text
    # And the screenshot shows them: a page of the window's size with green (PR opened, gate pr) and
    # red (rejected) badges painted on it
    assert taken.returncode == 0, taken.stderr[-2000:]
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == WINDOW
    assert _pixels_near(shot, GREEN) > 200, "the opened PR's badges are not on the screen"
    assert _pixels_near(shot, RED) > 100, "the rejection's badge is not on the screen"
