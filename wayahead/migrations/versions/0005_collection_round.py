"""the collection round: rounds, contacts, messages, and uploaders limited to one authority

The steering group opens a round per financial year with a deadline; each authority has
contacts for its reminders and queries, and every e-mail sent is recorded. An uploader account
may be limited to one authority (users.authority; NULL, as every existing account, means all).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:17:22.471226
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rounds',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('opened_by', sa.String(length=255), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_rounds'))
    )
    op.create_table('contacts',
    sa.Column('authority', sa.String(length=9), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('added_by', sa.String(length=255), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority'], ['authorities.code'], name=op.f('fk_contacts_authority_authorities')),
    sa.PrimaryKeyConstraint('authority', 'email', name=op.f('pk_contacts'))
    )
    op.create_table('round_messages',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('authority', sa.String(length=9), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=255), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('sent_by', sa.String(length=255), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['authority'], ['authorities.code'], name=op.f('fk_round_messages_authority_authorities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_messages'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('authority', sa.String(length=9), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_users_authority_authorities'), 'authorities', ['authority'], ['code'])



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_authority_authorities'), type_='foreignkey')
        batch_op.drop_column('authority')

    op.drop_table('round_messages')
    op.drop_table('contacts')
    op.drop_table('rounds')
