"""appeal deadlines and the arbitration panel (arbitration)

One new table, empty on upgrade: nothing to replay for existing contests (their appeals have not reached the
arbitration panel).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "arbitration",
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("objector", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("escalated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("escalated_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("escalation", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opinion", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("panel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reopened", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeal.id"]),
        sa.PrimaryKeyConstraint("appeal_id"),
    )


def downgrade() -> None:
    op.drop_table("arbitration")
