"""`python -m wayahead …`: see wayahead/cli/main.py."""

import sys

from wayahead.cli.main import main
from wayahead.faults import log_to_file

log_to_file()
sys.exit(main())
