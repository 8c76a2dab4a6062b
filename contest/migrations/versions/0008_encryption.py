"""two encryption stages (contest.drawn_by, lots_at, lots_by, lots_seed)

一次加密 (抽签号) and 二次加密 (赛位号) may be sealed by two different encryption judges; the contest row records who
holds which stage's key, when 一次加密 was sealed and its seed. The columns are nullable: a contest drawn before
them stays empty, as its audit chain never wrote them. Values the chain did write (a database downgraded and
upgraded again) are restored from the chain, so ``audit verify`` replays the same row.

Revision ID: 0008
Revises: 0007
"""

import json
from datetime import datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None
COLUMNS = ("drawn_by", "lots_at", "lots_by", "lots_seed")


def upgrade() -> None:
    op.add_column("contest", sa.Column("drawn_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("contest", sa.Column("lots_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column("contest", sa.Column("lots_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("contest", sa.Column("lots_seed", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    conn = op.get_bind()
    last: dict[int, dict[str, object]] = {}
    events = conn.execute(
        sa.text("SELECT payload FROM event WHERE payload LIKE :t ORDER BY contest_id, seq"),
        {"t": '%"table":"contest"%'},
    )
    for (payload,) in events:
        for snap in json.loads(payload).get("rows", []):
            if snap.get("table") == "contest" and snap.get("row"):
                last[int(snap["pk"][0])] = snap["row"]
    for cid, row in last.items():
        values = {k: row.get(k) for k in COLUMNS}
        if any(v is not None for v in values.values()):
            at = values["lots_at"]
            values["lots_at"] = datetime.fromisoformat(at) if isinstance(at, str) else None
            conn.execute(
                sa.text(
                    "UPDATE contest SET drawn_by = :drawn_by, lots_at = :lots_at, lots_by = :lots_by, "
                    "lots_seed = :lots_seed WHERE id = :id"
                ).bindparams(sa.bindparam("lots_at", type_=sqlmodel.sql.sqltypes.UTCDateTime())),
                {**values, "id": cid},
            )


def downgrade() -> None:
    # in place (SQLite ≥ 3.35): a batch copy of ``contest`` would trip every foreign key pointing at it
    for column in reversed(COLUMNS):
        op.drop_column("contest", column)
