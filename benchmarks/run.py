"""Scale benchmarks: builds each case itself in a temporary directory and prints one table.

Every line compares the system with a floor measured in the same run (a bare library call, SQL statement or
transaction doing the least work that produces the same data), with the absolute times beside it:

    python benchmarks/run.py            # full sizes (several minutes)
    python benchmarks/run.py --quick    # small sizes for CI (well under a minute; asserts nothing about time)
    python benchmarks/run.py --only P2,P3 --profile

The large contests are BENCHMARK FIXTURES: created with ``Services.create_contest`` and then bulk-inserted
into the real tables (see ``bench_fixtures.py``). See ``benchmarks/README.md`` for the cases and the last table.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

# ------------------------------------------------------------------------------------------------ main


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(HERE), str(ROOT)):
    if p not in sys.path:
        sys.path.insert(0, p)

from bench_common import FULL, QUICK, Profiles, Row, fmt_time, machine, markdown_table, print_table  # noqa: E402
from case_intake import case_p1  # noqa: E402
from case_print import case_p5  # noqa: E402
from case_standings import Scale, build_sqlite_scale, case_p2, case_p3  # noqa: E402
from case_tui import case_p6  # noqa: E402
from case_writers import case_p4_sqlite, case_pg  # noqa: E402

CASES = ("P1", "P2", "P3", "P4", "P5", "P6")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes for CI (< 60 s)")
    ap.add_argument("--only", default="", help="comma-separated cases, e.g. P2,P3 (P4 includes PostgreSQL)")
    ap.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL cases")
    ap.add_argument("--profile", action="store_true", help="print cProfile reports after the table")
    ap.add_argument("--plain", action="store_true", help="print a Markdown table instead of a rich one")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown to FILE")
    args = ap.parse_args(argv)
    sz = QUICK if args.quick else FULL
    only = {c.strip().upper() for c in args.only.split(",") if c.strip()} or set(CASES)
    prof = Profiles(args.profile)
    work = Path(tempfile.mkdtemp(prefix="contest-bench-"))
    rows: list[Row] = []
    failed = False
    started = time.perf_counter()

    def attempt(case: str, fn: Callable[[], list[Row]]) -> None:
        nonlocal failed
        gc.collect()  # each case starts without the previous case's garbage to collect
        t = time.perf_counter()
        print(f"… {case}", file=sys.stderr, flush=True)
        try:
            rows.extend(fn())
        except Exception as exc:
            failed = True
            traceback.print_exc()
            rows.append(
                Row(case, "benchmark crashed", status="ERROR", notes=f"{type(exc).__name__}: {exc}"[:300])
            )
        print(f"  {case} done in {fmt_time(time.perf_counter() - t)}", file=sys.stderr, flush=True)

    scale: Scale | None = None
    try:
        if "P1" in only:
            attempt("P1", lambda: case_p1(sz, work, prof))
        if only & {"P2", "P3", "P4", "P6"}:
            try:
                scale = build_sqlite_scale(sz, work)
            except Exception as exc:
                failed = True
                traceback.print_exc()
                rows.append(Row("P2", "fixture", status="ERROR", notes=f"{type(exc).__name__}: {exc}"[:300]))
        if scale is not None:
            s = scale
            if "P2" in only:
                attempt("P2", lambda: case_p2(sz, s, prof))
            if "P3" in only:
                attempt("P3", lambda: case_p3(sz, s, prof))
            if "P4" in only:
                attempt("P4", lambda: case_p4_sqlite(sz, s))
        if "P4" in only and not args.no_pg:
            attempt("P4-pg", lambda: case_pg(sz, prof))
        if "P5" in only:
            attempt("P5", lambda: case_p5(sz, work, prof))
        if "P6" in only and scale is not None:
            s = scale
            attempt("P6", lambda: case_p6(sz, s))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    order = {
        c: i
        for i, c in enumerate(
            ("P1", "P1b", "P2", "P2w", "P2b", "P2-pg", "P2-pgw", "P3", "P3b", "P4", "P5", "P6", "P6b")
        )
    }
    rows.sort(key=lambda r: order.get(r.case, 99))
    mode = "quick (small sizes; times are not goals here)" if args.quick else "full"
    title = (
        f"contest benchmarks — {mode} — {datetime.now().astimezone().date().isoformat()} — {machine()} — "
        f"run took {fmt_time(time.perf_counter() - started)}"
    )
    print_table(rows, title, args.plain)
    if args.markdown:
        Path(args.markdown).write_text(markdown_table(rows, title) + "\n", encoding="utf-8")
    for label, report in prof.reports:
        print(f"\n===== profile: {label} =====\n{report}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
