"""Figures: every number the dashboards show, read from the published (or provisional) current
returns. metrics/ (the scope and the GROUP BY queries), indicators, the borough profile, the
returns tracker and the history page's records; the readers' filters and the link parameters they
travel in (filters, links).

May import store and returns; writes SQL only as queries over the store's tables.
"""
