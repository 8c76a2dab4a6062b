"""results stored at submit (sheet_result)

Each submitted or signed-off sheet's result (item scores, levels, total) is stored in the transaction that submits
it, so that standings are computed from one row per sheet instead of every mark (see
``contest.services.sheet_results``).

Existing contests may already have submitted sheets: the upgrade derives their results from their marks, with the
same scoring the standings use, records the rows it wrote in one audit event per contest (so ``audit verify``
replays them like any other row) — as 0003 does for the station numbers. A contest whose stored configuration
cannot be read is left without results: its standings then score its sheets from their marks, as before, and
``audit verify`` names the sheets without a result.

Revision ID: 0010
Revises: 0009
"""

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

from contest.audit import append_event_on
from contest.errors import ContestError

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ACTOR = "migration"


def upgrade() -> None:
    op.create_table(
        "sheet_result",
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("levels", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["sheet_id"], ["sheet.id"]),
        sa.PrimaryKeyConstraint("sheet_id"),
    )
    from contest.services.sheet_results import backfill

    conn = op.get_bind()
    now = datetime.now(UTC)
    for (contest_id,) in conn.execute(sa.text("SELECT id FROM contest ORDER BY id")).all():
        try:
            rows = backfill(conn, contest_id)
        except ContestError:  # the stored configuration cannot be read: no results (see the module)
            continue
        if rows:
            append_event_on(
                conn,
                contest_id,
                ACTOR,
                "migration",
                {"revision": revision, "what": "results of the sheets already submitted (sheet_result)"},
                [{"table": "sheet_result", "pk": [r["sheet_id"]], "row": r} for r in rows],
                now,
            )


def downgrade() -> None:
    op.drop_table("sheet_result")
