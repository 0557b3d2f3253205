"""`python -m wayahead …`: see wayahead/cli/main.py. A request for help is answered from the
command's words alone (wayahead/cli/parser.py), before the rest of the app is loaded."""

import sys
from contextlib import suppress

if {"-h", "--help"} & set(sys.argv[1:]):
    from wayahead.cli.parser import UsageError, build_parser

    with suppress(UsageError):  # main says what is wrong, as for any other usage error
        build_parser(sys.argv[1:]).parse_args(sys.argv[1:])  # prints the help asked for and exits

from wayahead.cli.main import main

sys.exit(main())
