"""return version 2: its new questions, the Assets and Good practice sheets

Only adds: two new sheet tables and nullable columns on the others. No stored row is
rewritten, so every version 1 return reads back exactly as stored; its `return_version` is
NULL, which the app reads as version 1 (the questions added since are "not asked").

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 11:42:38.954492
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sheet_assets',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=False),
    sa.Column('asset_policy', sa.Text(), nullable=True),
    sa.Column('peppercorn_leases', sa.Integer(), nullable=True),
    sa.Column('housing_association_space', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['return_versions.id'], name=op.f('fk_sheet_assets_version_id_return_versions')),
    sa.PrimaryKeyConstraint('version_id', 'row_number', name=op.f('pk_sheet_assets'))
    )
    op.create_table('sheet_good_practice',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('theme', sa.Text(), nullable=True),
    sa.Column('what_changed', sa.Text(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('link', sa.Text(), nullable=True),
    sa.Column('contact_shared', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['return_versions.id'], name=op.f('fk_sheet_good_practice_version_id_return_versions')),
    sa.PrimaryKeyConstraint('version_id', 'row_number', name=op.f('pk_sheet_good_practice'))
    )
    with op.batch_alter_table('sheet_about', schema=None) as batch_op:
        batch_op.add_column(sa.Column('return_version', sa.Integer(), nullable=True))

    with op.batch_alter_table('sheet_commissioning', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lots_explained', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('consortia_preference', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('social_prescribing', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('open_data', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('supply_chain_monitored', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('asset_map', sa.Text(), nullable=True))

    with op.batch_alter_table('sheet_funding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('without_competition', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('paid_ahead', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('multi_year', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('to_subcontractors', sa.Float(), nullable=True))

    with op.batch_alter_table('sheet_infrastructure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('specialisms', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('equality_led', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('peer_learning', sa.Boolean(), nullable=True))

    with op.batch_alter_table('sheet_leadership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forum_meetings', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('review_led', sa.Boolean(), nullable=True))

    with op.batch_alter_table('sheet_social_value', schema=None) as batch_op:
        batch_op.add_column(sa.Column('co_developed', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('monitored', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('delivered', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('champion', sa.Boolean(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('sheet_social_value', schema=None) as batch_op:
        batch_op.drop_column('champion')
        batch_op.drop_column('delivered')
        batch_op.drop_column('monitored')
        batch_op.drop_column('co_developed')

    with op.batch_alter_table('sheet_leadership', schema=None) as batch_op:
        batch_op.drop_column('review_led')
        batch_op.drop_column('forum_meetings')

    with op.batch_alter_table('sheet_infrastructure', schema=None) as batch_op:
        batch_op.drop_column('peer_learning')
        batch_op.drop_column('equality_led')
        batch_op.drop_column('specialisms')

    with op.batch_alter_table('sheet_funding', schema=None) as batch_op:
        batch_op.drop_column('to_subcontractors')
        batch_op.drop_column('multi_year')
        batch_op.drop_column('paid_ahead')
        batch_op.drop_column('without_competition')

    with op.batch_alter_table('sheet_commissioning', schema=None) as batch_op:
        batch_op.drop_column('asset_map')
        batch_op.drop_column('supply_chain_monitored')
        batch_op.drop_column('open_data')
        batch_op.drop_column('social_prescribing')
        batch_op.drop_column('consortia_preference')
        batch_op.drop_column('lots_explained')

    with op.batch_alter_table('sheet_about', schema=None) as batch_op:
        batch_op.drop_column('return_version')

    op.drop_table('sheet_good_practice')
    op.drop_table('sheet_assets')
