"""run seeds as decimal text: 0 to 2^64 - 1 (INTEGER overflowed at 2^31 on PostgreSQL, at 2^63 on SQLite)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.alter_column("seed", existing_type=sa.Integer(), type_=sa.String(length=20),
                              existing_nullable=False, postgresql_using="seed::text")


def downgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.alter_column("seed", existing_type=sa.String(length=20), type_=sa.Integer(),
                              existing_nullable=False, postgresql_using="seed::integer")
