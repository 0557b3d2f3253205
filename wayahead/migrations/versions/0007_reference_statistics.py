"""published reference statistics: price index, mid-year population, deprivation, density

Each load of a kind is a new series row with its source, release date, who loaded it, when and
the file's SHA-256; its values are keyed to it. The newest series of a kind is current; older
ones stay as history. Nothing existing changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 13:15:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reference_series',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('released', sa.Date(), nullable=False),
    sa.Column('loaded_by', sa.String(length=255), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_series'))
    )
    op.create_table('reference_values',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=9), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['authorities.code'], name=op.f('fk_reference_values_code_authorities')),
    sa.ForeignKeyConstraint(['series_id'], ['reference_series.id'], name=op.f('fk_reference_values_series_id_reference_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_values')),
    sa.UniqueConstraint('series_id', 'code', 'year', name=op.f('uq_reference_values_series_id'))
    )
    with op.batch_alter_table('reference_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_values_series_id'), ['series_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reference_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_values_series_id'))
    op.drop_table('reference_values')
    op.drop_table('reference_series')
