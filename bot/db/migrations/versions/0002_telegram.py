"""Telegram: the update inbox, sealed chat ids, message ids for /delete.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "telegram_updates",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "telegram_chats",
        sa.Column("pseudonym", sa.String(length=64), primary_key=True),
        sa.Column("sealed_chat_id", sa.LargeBinary(), nullable=False),
        sa.Column("keyboard_message_id", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "telegram_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_telegram_messages_pseudonym", "telegram_messages", ["pseudonym"])


def downgrade() -> None:
    op.drop_index("ix_telegram_messages_pseudonym", table_name="telegram_messages")
    op.drop_table("telegram_messages")
    op.drop_table("telegram_chats")
    op.drop_table("telegram_updates")
