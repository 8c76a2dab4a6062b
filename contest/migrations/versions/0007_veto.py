"""veto confirmation by the chief judge (veto_decision)

One new table, empty on upgrade: existing contests confirm vetoes by the panel's quorum and have no decisions.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "veto_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("contestant_id", sa.Integer(), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("votes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["contestant_id"], ["contestant.id"]),
        sa.ForeignKeyConstraint(["module_id"], ["module.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_veto_decision_module_id"), "veto_decision", ["module_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_veto_decision_module_id"), table_name="veto_decision")
    op.drop_table("veto_decision")
