"""PDF from the same HTML page, through WeasyPrint, an optional extra (`pmocat[pdf]`)."""

from __future__ import annotations

from pmocat.errors import PmocatError

INSTALL_HINT = "PDF output needs WeasyPrint: pip install 'pmocat[pdf]'"


def render_pdf(html: str) -> bytes:
    """The page as an A4 PDF; its print stylesheet sets the pages up.

    Raises PmocatError when WeasyPrint, or the Pango library it draws text with, is not
    installed.
    """
    try:
        from weasyprint import HTML
    except ImportError as exc:
        raise PmocatError(INSTALL_HINT) from exc
    except OSError as exc:  # WeasyPrint is there but cannot load Pango
        raise PmocatError(
            f"{INSTALL_HINT}, and the Pango library (on Debian: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0)") from exc
    return bytes(HTML(string=html, url_fetcher=_refuse).write_pdf())


def _refuse(url: str) -> dict[str, object]:
    """The page is self-contained: nothing is fetched, even if a link slipped in."""
    raise ValueError(f"pmocat pages fetch nothing ({url})")
