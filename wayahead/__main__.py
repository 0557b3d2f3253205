"""`python -m wayahead …`: see wayahead/cli.py."""

import sys

from wayahead.cli import main
from wayahead.faults import log_to_file

log_to_file()
sys.exit(main())
