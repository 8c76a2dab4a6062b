"""calibration round (评分标定): calibration, calibration_sheet, calibration_mark

Three new tables, empty on upgrade: nothing to replay for existing contests.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calibration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("closed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["module_id"], ["module.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("module_id", "code"),
    )
    op.create_index(op.f("ix_calibration_module_id"), "calibration", ["module_id"], unique=False)
    op.create_table(
        "calibration_sheet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calibration_id", sa.Integer(), nullable=False),
        sa.Column("judge_id", sa.Integer(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seconds_used", sa.Integer(), nullable=True),
        sa.Column("veto_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["calibration_id"], ["calibration.id"]),
        sa.ForeignKeyConstraint(["judge_id"], ["judge.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("calibration_id", "judge_id"),
    )
    op.create_index(
        op.f("ix_calibration_sheet_calibration_id"), "calibration_sheet", ["calibration_id"], unique=False
    )
    op.create_table(
        "calibration_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("deductions", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("score_cents", sa.Integer(), nullable=True),
        sa.Column("judge_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["sheet_id"], ["calibration_sheet.id"]),
        sa.ForeignKeyConstraint(["supersedes_id"], ["calibration_mark.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_calibration_mark_sheet_item", "calibration_mark", ["sheet_id", "item_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_calibration_mark_sheet_item", table_name="calibration_mark")
    op.drop_table("calibration_mark")
    op.drop_index(op.f("ix_calibration_sheet_calibration_id"), table_name="calibration_sheet")
    op.drop_table("calibration_sheet")
    op.drop_index(op.f("ix_calibration_module_id"), table_name="calibration")
    op.drop_table("calibration")
