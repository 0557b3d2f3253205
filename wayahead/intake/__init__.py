"""Intake: bringing returns in. Checking and importing files (importing), the upload page's flow
(upload_flow), the workbook annotated with its problems (annotate), and comparing two versions
of a return (compare).

May import loaders, returns, store, output (the exports' cell safety) and wayahead.faults.
"""
