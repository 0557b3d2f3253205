"""The store: the database and everything written to it. Tables (schema), engines and migrations
(engine), returns with their versions (returns), publication status (publication) and the
audit log with the store's clock (audit).

May import loaders (the result of a load) and returns.
"""
