"""Figures for the dashboards, aggregated in SQL over the current version of each return.

Every function takes an engine and the reader's Filters and returns a small DataFrame; the
pages only draw them. core.py holds the scope (authorities, years, like-for-like) and the one
GROUP BY query the theme modules build on.
"""
