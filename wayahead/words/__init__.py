"""Words: figures as plain text. Numbers and years as readers see them (formatting), the written
summaries (narrative), and the one sentence every export says about itself (provenance).

May import figures, store and returns.
"""
