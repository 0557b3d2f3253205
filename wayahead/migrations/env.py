"""Alembic environment: runs on the connection the app hands it, or on WAYAHEAD_DATABASE_URL."""

from alembic import context

from wayahead.store.schema import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    from wayahead.store.engine import make_engine

    with make_engine().begin() as fresh:
        _run_on(fresh)


def _run_on(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
