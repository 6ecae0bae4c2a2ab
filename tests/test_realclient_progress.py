"""The page and the workbook made with a status log, in real programs: axe-core in Chromium finds
no violation in the page with its SVG progress bars, Chromium prints it on A4 landscape, and
LibreOffice prints the workbook with its tracking and progress sheets on A4 landscape."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke_cli
from realclient import (
    axe_violations,
    chromium_pdf,
    libreoffice_convert,
    need_axe,
    need_chromium,
    need_libreoffice,
    need_poppler,
    pdf_pages,
)

pytestmark = pytest.mark.realclient


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("log") / "status.yaml"
    for args in (["3.1.1.1", "done"], ["3.1.1.2", "in-progress"], ["3.2.2.1", "on-hold"]):
        result = invoke_cli(["--status", str(path), "status", "set", *args, "--date", "2024-03-01"])
        assert result.exit_code == 0, result.stderr
    return path


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_page_with_progress_bars_has_no_axe_core_violation_and_prints_a4_landscape(
    log: Path, tmp_path: Path, lang: str
) -> None:
    page = tmp_path / f"{lang}.html"
    args = ["--status", str(log), "--lang", lang, "export", "-f", "html", "-o", str(page)]
    assert invoke_cli(args).exit_code == 0
    assert "<svg" in page.read_text(encoding="utf-8")
    node = need_axe()
    chromium = need_chromium()
    violations = axe_violations(node, page)
    assert not violations, [f"{v['id']}: {len(v['nodes'])} node(s)" for v in violations]  # type: ignore[arg-type]
    need_poppler()
    pdf = tmp_path / f"{lang}.pdf"
    chromium_pdf(chromium, page, pdf, tmp_path)
    printed = pdf_pages(pdf)
    assert printed and all(p.a4_landscape for p in printed)


def test_workbook_with_tracking_and_progress_prints_a4_landscape(log: Path, tmp_path: Path) -> None:
    book = tmp_path / "meeting.xlsx"
    args = ["--status", str(log), "--lang", "fi", "export", "-f", "xlsx", "-o", str(book)]
    assert invoke_cli(args).exit_code == 0
    soffice = need_libreoffice()
    need_poppler()
    (pdf,) = libreoffice_convert(soffice, [book], tmp_path / "out", "pdf", tmp_path)
    printed = pdf_pages(pdf)
    assert printed and all(p.a4_landscape for p in printed)
    text = "\n".join(p.text for p in printed)
    assert "Seuranta" in text or "Tunnus" in text
    assert "Toimenpiteiden tila toimijoittain" in text
