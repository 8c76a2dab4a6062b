"""Pre-printed certificate paper: per-field positions from the contest file, a global offset, a calibration page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from contest.config import parse_config
from contest.errors import ConfigInvalid
from contest.outputs import write_calibration, write_certificates
from tests.db.conftest import small_config
from tests.db.helpers import build_env, fill_sheet

PAPER = '\n[certificates]\nnumber_prefix = "T"\noffset_x_mm = 3\noffset_y_mm = -2\nboxes = { body = [50, 80, 200, 80] }\n'


def test_bad_boxes_are_refused_with_their_place() -> None:
    with pytest.raises(ConfigInvalid) as exc:
        parse_config(small_config() + "\n[certificates]\nboxes = { body = [1, 2, 3], seel = [1, 2, 3, 4] }\n")
    text = str(exc.value)
    assert "certificates.boxes.body" in text and "certificates.boxes.seel" in text


def test_calibration_page_and_text_only_certificates_use_the_configured_layout(
    engine, tmp_path: Path
) -> None:
    env = build_env(engine, small_config(modules=("basic_care",)) + PAPER, n=2)
    sv = env.sv
    assert sv.config().certificate_boxes[0][0] == "body"
    cal = write_calibration(sv, tmp_path / "cal.pdf")
    text = PdfReader(str(cal)).pages[0].extract_text()
    assert "body  x=53 y=82 w=200 h=80 mm" in text  # the box moved by the offset (x +3, y down −2 → up 2)
    assert "偏移 x=3 mm，y=-2 mm" in text
    js = [sv.login(f"J{k}", env.pins[f"J{k}"]) for k in (1, 2, 3)]
    for j in js:
        for st in env.stations:
            fill_sheet(sv, j, "A", st)
    chief = sv.login("C1", env.pins["C1"])
    out = write_certificates(sv, chief, tmp_path / "c.pdf", override="套打测试", text_only=True)
    assert PdfReader(str(out)).pages
