"""the steering group's commentary per headline indicator and financial year

Each comment (and each withdrawal of one) is a new row, with its author and when it was
written; nothing is overwritten, the newest row is the one readers see.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:45:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('commentary',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('author', sa.String(length=255), nullable=False),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commentary'))
    )


def downgrade() -> None:
    op.drop_table('commentary')
