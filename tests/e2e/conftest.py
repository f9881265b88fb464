"""Headless Chromium for the end-to-end tests: print a page to PDF, or dump its DOM after
its scripts (if any could run) have run. Without Chromium the tests are skipped, saying so.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MISSING = ("headless Chromium is not installed (Debian: apt-get install chromium; "
           ".ci/run installs it)")


def _browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    found = _browser()
    if found is None:
        pytest.skip(MISSING)
    return found


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # a private profile, no network at all, nothing running in the background
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture
def print_pdf(chromium: str, tmp_path: Path) -> Callable[[Path], Path]:
    """Print an HTML file to PDF as a user's browser would, without its own header and footer."""

    def printed(page: Path) -> Path:
        pdf = page.with_suffix(".pdf")
        done = _run(chromium, tmp_path / "profile-pdf", "--no-pdf-header-footer",
                    "--print-to-pdf-no-header", f"--print-to-pdf={pdf}", page.resolve().as_uri())
        assert pdf.exists() and pdf.stat().st_size > 0, done.stderr[-2000:]
        return pdf

    return printed


@pytest.fixture
def dump_dom(chromium: str, tmp_path: Path) -> Callable[[Path], str]:
    """The page's DOM, serialised after it has loaded."""

    def dumped(page: Path) -> str:
        done = _run(chromium, tmp_path / "profile-dom", "--dump-dom", page.resolve().as_uri())
        assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
        return done.stdout

    return dumped


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text, with ligatures undone and all runs of white space one space."""
    from pypdf import PdfReader

    return [" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
            for page in PdfReader(pdf).pages]
