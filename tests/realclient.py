"""Helpers for the tests that open the exports in the programs people use (marker ``realclient``).

LibreOffice Calc (headless, in a Finnish locale), Debian's Chromium with axe-core, and poppler's
``pdfinfo``/``pdftotext``. Each helper says which program is missing, so that a test is skipped
with a reason a person can act on; with ``DIGIVISIO_REQUIRE_REALCLIENTS`` set (as ``.ci/run``
does) a missing program is a failure instead, so CI can never pass by skipping.

The LibreOffice CSV filter's option string is a comma-separated list of tokens:
1 field separators as character codes joined by ``/`` (44 comma, 59 semicolon, 9 tab),
2 the text delimiter (34 ``"``), 3 the character set (76 UTF-8), 4 the first line to read,
5 column formats (empty: "Standard" for every column), 6 the language (1035 Finnish),
7 "quoted field as text", 8 "detect special numbers" (dates, times, percentages: what Excel does
on a double-click).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REALCLIENTS = Path(__file__).parent / "realclients"
AXE_SCRIPT = REALCLIENTS / "axe-check.js"
FINNISH = "fi_FI.UTF-8"
#: How long one program run may take before the test fails (a hung office suite).
TIMEOUT = 300

#: Excel-like recognition: what a double-click in a Finnish Excel does, as far as LibreOffice can
#: imitate it: ';' (the Finnish list separator), UTF-8, special numbers detected, quotes not a
#: "this is text" mark.
EXCEL_LIKE_SEMICOLON = "59,34,76,1,,1035,false,true"
#: LibreOffice's own default import: comma, semicolon and tab at once, no special numbers.
LIBREOFFICE_DEFAULT = "44/59/9,34,76,1,,1035,false,false"

# Chromium's flags for every headless run: no GPU, no network of its own, a fresh profile.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: A4 in PostScript points (1/72 inch), and how far a PDF writer may round it.
A4_LONG, A4_SHORT, A4_SLACK = 841.89, 595.28, 2.0


def required() -> bool:
    """True where a missing program must fail the run (CI), not skip the test."""
    return bool(os.environ.get("DIGIVISIO_REQUIRE_REALCLIENTS"))


def need(condition: bool, reason: str) -> None:
    """Skip (or, where the programs are required, fail) unless ``condition`` holds."""
    if condition:
        return
    if required():
        pytest.fail(f"DIGIVISIO_REQUIRE_REALCLIENTS is set, but {reason}")
    pytest.skip(reason)


def finnish_locale_ready() -> bool:
    """Whether the C library has fi_FI.UTF-8 (generated with locale-gen)."""
    try:
        listed = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, check=False, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(name.lower() in ("fi_fi.utf8", "fi_fi.utf-8") for name in listed.split())


def need_libreoffice() -> str:
    """The path of ``soffice``, after checking the Finnish locale and poppler are there too."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    need(soffice is not None, "LibreOffice is not installed (apt-get install libreoffice-calc)")
    need(finnish_locale_ready(), f"the {FINNISH} locale is not generated (locale-gen)")
    assert soffice is not None
    return soffice


def need_poppler() -> None:
    """Skip unless pdfinfo and pdftotext are there."""
    need(
        shutil.which("pdfinfo") is not None and shutil.which("pdftotext") is not None,
        "poppler's pdfinfo/pdftotext are not installed (apt-get install poppler-utils)",
    )


def need_chromium() -> str:
    """The path of Debian's Chromium."""
    chromium = shutil.which("chromium")
    need(chromium is not None, "Chromium is not installed (apt-get install chromium)")
    assert chromium is not None
    return chromium


def need_axe() -> str:
    """The path of node, after checking that the pinned npm packages are installed."""
    node = shutil.which("node")
    need(node is not None, "Node.js is not installed")
    need(
        (REALCLIENTS / "node_modules" / "axe-core").is_dir()
        and (REALCLIENTS / "node_modules" / "puppeteer-core").is_dir(),
        "axe-core and puppeteer-core are not installed (run `npm ci` in tests/realclients)",
    )
    assert node is not None
    return node


def finnish_env(home: Path) -> dict[str, str]:
    """The environment of a Finnish user whose home holds nothing of ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update({"LANG": FINNISH, "LC_ALL": FINNISH, "HOME": str(home)})
    return env


def libreoffice_convert(
    soffice: str,
    files: Sequence[Path],
    out_dir: Path,
    target: str,
    work: Path,
    infilter: str | None = None,
) -> list[Path]:
    """Convert ``files`` with headless LibreOffice in a Finnish locale, a fresh profile each time.

    ``infilter`` is the CSV filter's option string (see the module docstring). Returns the
    converted files, in the order given.
    """
    profile = work / "lo-profile"
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
    ]
    if infilter is not None:
        cmd.append(f"--infilter=Text - txt - csv (StarCalc):{infilter}")
    cmd += ["--convert-to", target, "--outdir", str(out_dir), *map(str, files)]
    run = subprocess.run(
        cmd,
        env=finnish_env(home),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    suffix = "." + target.split(":")[0]
    converted = [out_dir / (f.stem + suffix) for f in files]
    missing = [p.name for p in converted if not p.is_file()]
    assert not missing, f"LibreOffice did not write {missing}: {run.stdout}{run.stderr}"
    return converted


@dataclass(frozen=True)
class PdfPage:
    """One page of a PDF: its size in points and its text (laid out as printed)."""

    width: float
    height: float
    text: str = field(repr=False)

    @property
    def a4_landscape(self) -> bool:
        """Whether the page is A4 with the long side across."""
        return abs(self.width - A4_LONG) <= A4_SLACK and abs(self.height - A4_SHORT) <= A4_SLACK


def pdf_pages(pdf: Path) -> list[PdfPage]:
    """Every page of ``pdf`` with its size (pdfinfo) and its text (pdftotext -layout)."""
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    sizes = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(count), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    dims = [
        (float(w), float(h))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", sizes, re.MULTILINE)
    ]
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    texts = text.split("\f")
    assert len(dims) == count, f"pdfinfo gave {len(dims)} page sizes for {count} pages"
    return [PdfPage(w, h, texts[i] if i < len(texts) else "") for i, (w, h) in enumerate(dims)]


def chromium_pdf(chromium: str, page: Path, pdf: Path, work: Path) -> None:
    """Print ``page`` to ``pdf`` as Chromium's print dialog would (the page's own @page size)."""
    profile = work / f"chromium-{pdf.stem}"
    run = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    shutil.rmtree(profile, ignore_errors=True)
    assert pdf.is_file() and pdf.stat().st_size > 0, f"Chromium printed nothing: {run.stderr}"


def axe_violations(node: str, page: Path) -> list[dict[str, object]]:
    """axe-core's violations on ``page`` in headless Chromium, every rule enabled."""
    run = subprocess.run(
        [node, str(AXE_SCRIPT), str(page)],
        env={**os.environ, "CHROMIUM_FLAGS": "\n".join(CHROMIUM_FLAGS)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, f"axe-check failed: {run.stderr}"
    result = json.loads(run.stdout)
    assert result["rules"] > 90, "axe-core ran with fewer rules than it ships"
    violations: list[dict[str, object]] = result["violations"]
    return violations
