"""station numbers per module (module_station)

Station numbers (二次加密) move from ``contestant.station`` to ``module_station(module_id, contestant_id, station)``,
one row per contestant and module, so that a contest can draw them per module (``[draw] scope = "module"``).

Existing contests were drawn with one station per contestant for every module: the upgrade writes that station
for every module of the contest, records the rows it wrote in one audit event per contest (so ``audit verify``
replays them like any other row), and then drops ``contestant.station``, so that no second copy of a station is
left for any lookup to read. On a SQLite older than 3.35, which cannot drop a column in place, the column is left
behind, unused and nullable.

Revision ID: 0003
Revises: 0002
"""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

from contest.audit import append_event_on

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ACTOR = "migration"


def upgrade() -> None:
    op.create_table(
        "module_station",
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("contestant_id", sa.Integer(), nullable=False),
        sa.Column("station", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["contestant_id"], ["contestant.id"]),
        sa.ForeignKeyConstraint(["module_id"], ["module.id"]),
        sa.PrimaryKeyConstraint("module_id", "contestant_id"),
        sa.UniqueConstraint("module_id", "station"),
    )
    conn = op.get_bind()
    module = sa.table("module", sa.column("id"), sa.column("contest_id"), sa.column("position"))
    contestant = sa.table("contestant", sa.column("id"), sa.column("contest_id"), sa.column("station"))
    module_station = sa.table(
        "module_station", sa.column("module_id"), sa.column("contestant_id"), sa.column("station")
    )
    now = datetime.now(UTC)
    for (contest_id,) in conn.execute(sa.text("SELECT id FROM contest ORDER BY id")).all():
        modules = [
            m
            for (m,) in conn.execute(
                sa.select(module.c.id)
                .where(module.c.contest_id == contest_id)
                .order_by(module.c.position, module.c.id)
            )
        ]
        people = conn.execute(
            sa.select(contestant.c.id, contestant.c.station)
            .where(contestant.c.contest_id == contest_id, contestant.c.station.is_not(None))
            .order_by(contestant.c.id)
        ).all()
        rows = [{"module_id": m, "contestant_id": c, "station": st} for m in modules for c, st in people]
        if not rows:
            continue
        conn.execute(module_station.insert(), rows)
        snapshots: list[dict[str, Any]] = [
            {"table": "module_station", "pk": [r["module_id"], r["contestant_id"]], "row": r} for r in rows
        ]
        append_event_on(
            conn,
            contest_id,
            ACTOR,
            "migration",
            {"revision": revision, "what": "station numbers copied to every module (module_station)"},
            snapshots,
            now,
        )
    if conn.dialect.name != "sqlite" or _sqlite_drops_columns(conn):
        op.drop_column("contestant", "station")


def _sqlite_drops_columns(conn: Any) -> bool:
    version = conn.exec_driver_sql("SELECT sqlite_version()").scalar() or "0"
    return tuple(int(x) for x in version.split(".")[:2]) >= (3, 35)


CONTESTANT_0002 = (
    "id",
    "contest_id",
    "name",
    "gender",
    "id_number",
    "unit",
    "phone",
    "project",
    "note",
    "draw_no",
    "station",
    "withdrawn",
)
"""The contestant columns as revision 0002 has them (what an audit snapshot of a contestant then holds)."""


def downgrade() -> None:
    conn = op.get_bind()
    if "station" not in {c["name"] for c in sa.inspect(conn).get_columns("contestant")}:
        op.add_column("contestant", sa.Column("station", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    # a contestant gets back one station only where every module agrees (a per-module draw has none to give)
    conn.execute(
        sa.text(
            "UPDATE contestant SET station = (SELECT CASE WHEN COUNT(DISTINCT ms.station) = 1 "
            "THEN MIN(ms.station) END FROM module_station ms WHERE ms.contestant_id = contestant.id)"
        )
    )
    contestant = sa.table("contestant", *(sa.column(c) for c in CONTESTANT_0002))
    now = datetime.now(UTC)
    for (contest_id,) in conn.execute(sa.text("SELECT id FROM contest ORDER BY id")).all():
        changed = conn.execute(
            sa.select(contestant)
            .where(contestant.c.contest_id == contest_id, contestant.c.station.is_not(None))
            .order_by(contestant.c.id)
        ).mappings()
        snapshots = [
            {"table": "contestant", "pk": [r["id"]], "row": dict(r) | {"withdrawn": bool(r["withdrawn"])}}
            for r in changed
        ]
        if snapshots:
            append_event_on(
                conn,
                contest_id,
                ACTOR,
                "migration",
                {"revision": "0002", "what": "station numbers copied back to contestant.station"},
                snapshots,
                now,
            )
    op.drop_table("module_station")
