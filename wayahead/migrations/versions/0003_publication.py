"""publication status of each return version

Every version gets a status (received, queried, signed off, published, withdrawn, superseded)
and, once published, the date it is published from (an embargo date may lie in the future).

Existing data: every current version becomes "published" from the day it was submitted, and
earlier versions "superseded". Before this migration every stored return was shown to every
reader; marking them "received" would blank every dashboard of a running deployment overnight,
with no decision by the steering group. Publishing what was already public keeps the record
continuous; the steering group can withdraw any return afterwards (`python -m wayahead
withdraw`), and newly imported returns start as "received".

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('return_versions') as batch:
        batch.add_column(sa.Column('status', sa.String(length=20), server_default='received', nullable=False))
        batch.add_column(sa.Column('published_from', sa.Date(), nullable=True))
    versions = sa.table('return_versions', sa.column('id', sa.Integer), sa.column('status', sa.String),
                        sa.column('published_from', sa.Date), sa.column('submitted_at', sa.DateTime))
    current = sa.table('current_returns', sa.column('version_id', sa.Integer))
    is_current = versions.c.id.in_(sa.select(current.c.version_id))
    op.execute(versions.update().where(is_current).values(status='published', published_from=sa.func.date(versions.c.submitted_at)))
    op.execute(versions.update().where(~is_current).values(status='superseded'))


def downgrade() -> None:
    with op.batch_alter_table('return_versions') as batch:
        batch.drop_column('published_from')
        batch.drop_column('status')
