"""The document keys of contest.toml (issue 16): the 成绩公示 columns and the certificates' wording, read and
checked with the key that is wrong."""

from __future__ import annotations

import pytest
from test_config_ranges import config, problems

from contest.config import parse_config


def test_publication_columns_and_certificate_wording_are_read() -> None:
    text = config().replace(
        'contact = "0750-0000000" }', 'contact = "0750-0000000", columns = "public", show_id = false }'
    )
    text += '\n[certificates]\nhonour = { title = "荣誉证书", body = "{name}在{contest}{project}中获评" }\n'
    cfg = parse_config(text, "contest.toml")
    assert (cfg.publication_columns, cfg.publication_scores, cfg.publication_id) == ("public", True, False)
    assert dict(cfg.certificate_wording) == {"honour": ("荣誉证书", "{name}在{contest}{project}中获评", "")}


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        ('award = { body = "在{contest}{venue}中荣获" }', "certificates.award.body"),
        ('award = { body = "在{contest" }', "certificates.award.body"),
        ('award = { words = "x" }', "certificates.award.words"),
        ("award = { end = 3 }", "certificates.award.end"),
    ],
)
def test_bad_certificate_wording_is_refused_at_its_key(extra: str, where: str) -> None:
    found = problems(config() + f"\n[certificates]\n{extra}\n")
    assert any(where in p for p in found), found


def test_bad_publication_columns_are_refused() -> None:
    found = problems(
        config().replace(
            'contact = "0750-0000000" }', 'contact = "0750-0000000", columns = "all", show_scores = 1 }'
        )
    )
    assert any("contest.publication.columns" in p for p in found), found
    assert any("contest.publication.show_scores" in p for p in found), found


def test_fonts_per_document_are_read_and_an_unknown_face_is_refused_at_its_key() -> None:
    cfg = parse_config(
        config() + '\n[printing]\nfont = "hei"\nfonts = { results = "C:/Windows/Fonts/simsun.ttc" }\n', "x"
    )
    assert cfg.font_for("results") == ("C:/Windows/Fonts/simsun.ttc", True)
    assert cfg.font_for("statistics") == ("hei", True)
    assert cfg.font_for("certificates") == ("wenkai", True)  # certificates keep the bundled face
    assert parse_config(config(), "x").font_for("results") == (
        "song",
        False,
    )  # the default falls back quietly
    found = problems(config() + '\n[printing]\nfonts = { results = "kaiti", menu = "song" }\n')
    assert any("printing.fonts.results" in p and "kaiti" in p for p in found), found
    assert any("printing.fonts.menu" in p for p in found), found
