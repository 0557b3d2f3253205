"""The benchmark (make bench): import, page and memory figures against their targets. See README.md."""

BENCH_EMAIL = "benchmark@example.org"  # the admin the page figures are taken as
