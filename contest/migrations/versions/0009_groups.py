"""judge groups and sessions (assignment.judge_group, session_slot)

A module may be marked by several judge groups (评分分组), each marking the stations of its sessions (场次). The
group is a nullable column of the assignment (None: the module has one panel, as before), so assignments written
before it replay unchanged in ``audit verify``.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("assignment", sa.Column("judge_group", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_table(
        "session_slot",
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("judge_group", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("stations", sa.Text(), nullable=False),
        sa.Column("starts", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ends", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("track", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["module_id"], ["module.id"]),
        sa.PrimaryKeyConstraint("module_id", "number"),
    )


def downgrade() -> None:
    op.drop_table("session_slot")
    op.drop_column("assignment", "judge_group")
