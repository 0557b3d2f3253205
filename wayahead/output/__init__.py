"""Output: what leaves the app as files. CSV and Excel exports, the downloads page's data, and
the data dictionary.

May import charts, words, figures, store and returns.
"""
