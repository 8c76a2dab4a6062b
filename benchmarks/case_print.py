"""P5: a thousand award certificates, against a bare canvas drawing the same text."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import bench_fixtures as fx
from bench_common import Profiles, Row, Sizes, best_of, fmt_time

# ------------------------------------------------------------------------------------------------ P5


def case_p5(sz: Sizes, work: Path, prof: Profiles) -> list[Row]:
    from reportlab.pdfgen.canvas import Canvas

    from contest.i18n import tr
    from contest.printing.certificates import render_certificates
    from contest.printing.fonts import load_font
    from contest.printing.pages import Certificate, CertificateData, DocHeader
    from contest.printing.styles import LANDSCAPE

    n = sz.certificates
    awards = ("一等奖", "二等奖", "三等奖")
    certs = tuple(
        Certificate(
            name=name,
            unit=unit,
            project="养老护理员（职工组）",
            award=awards[k * 3 // n] if n >= 3 else awards[k % 3],
            number=f"PJ2026-{k + 1:04d}",
            verification=f"CONTEST-VERIFY:{(k * 7919) % 10**8:08d}-{k % 97:02d}",
        )
        for k, (name, _, _, unit, _) in enumerate(fx.people(n, seed=5))
    )
    header = DocHeader(
        contest="2026年蓬江区“南粤家政”养老护理员职业技能竞赛",
        edition="第三届",
        printed_at=datetime(2026, 5, 21, 10, 0, tzinfo=UTC),
        audit_head="9f3c2a71d04be5e6" * 4,
    )
    issuers = ("江门市蓬江区人力资源和社会保障局", "江门市蓬江区民政局")
    data = CertificateData(header=header, certificates=certs, date="二〇二六年五月二十日", issuers=issuers)
    font = load_font()
    render_certificates(
        CertificateData(header=header, certificates=certs[:1], date=data.date, issuers=issuers)
    )

    title = tr("zh", "print.cert_title")
    end = tr("zh", "print.cert_end")
    width, height = LANDSCAPE

    def bare() -> bytes:
        """The same strings, same font, one page each, on a bare canvas (no layout, no QR, no border)."""
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=LANDSCAPE, invariant=1, pageCompression=1)
        for cert in certs:
            c.setFont(font.name, 40)
            c.drawCentredString(width / 2, 480, title)
            c.setFont(font.name, 24)
            c.drawString(120, 420, tr("zh", "print.cert_name", name=cert.name))
            c.setFont(font.name, 14)
            c.drawString(150, 395, cert.unit)
            c.setFont(font.name, 17)
            body = tr("zh", "print.cert_body", contest=header.contest_line, project=cert.project)
            c.drawString(150, 365, body[:30])
            c.drawString(120, 337, body[30:])
            c.setFont(font.name, 34)
            c.drawCentredString(width / 2, 290, cert.award)
            c.setFont(font.name, 17)
            c.drawString(150, 250, end)
            c.setFont(font.name, 9)
            c.drawCentredString(230, 90, cert.verification)
            c.drawCentredString(230, 75, tr("zh", "print.cert_no", no=cert.number))
            c.setFont(font.name, 14)
            for i, issuer in enumerate(issuers):
                c.drawRightString(width - 90, 150 - 20 * i, issuer)
            c.drawRightString(width - 90, 150 - 20 * len(issuers), data.date)
            c.showPage()
        c.save()
        return buf.getvalue()

    floor, bare_pdf = best_of(sz.repeat, bare)
    measured, pdf = best_of(sz.repeat, lambda: render_certificates(data))
    text_only_t, _ = best_of(1, lambda: render_certificates(replace(data, text_only=True)))
    (work / "p5_certificates.pdf").write_bytes(pdf)
    prof.run("P5 render_certificates", lambda: render_certificates(data))
    ok = measured / floor <= 2 and measured < 1
    return [
        Row(
            "P5",
            f"{n:,} certificates into one PDF ÷ bare reportlab canvas",
            measured,
            floor,
            "≤ 2×, < 1 s",
            ok,
            f"render_certificates {fmt_time(measured)} ({len(pdf) / 1e6:.1f} MB); bare canvas {fmt_time(floor)} "
            f"({len(bare_pdf) / 1e6:.1f} MB, same TTF {font.family}, subset embedded); "
            f"text-only mode (the same text, no QR code, no border) {fmt_time(text_only_t)} = "
            f"{text_only_t / floor:.1f}× the bare canvas",
        )
    ]
