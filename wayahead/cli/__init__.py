"""The command line, `python -m wayahead …`: importing, users, samples, exports (main) and the
publication commands (publication).

The top wing: may import any other.
"""
