"""The Way Ahead dashboard: London's borough returns on VCS funding and commissioning."""

import os

# openpyxl writes through lxml when it is installed (python-pptx brings it), and then writes
# other bytes ('&#8211;' for a dash, line endings kept otherwise): the template, the sample
# files and the exports must not depend on what else is installed, so openpyxl keeps to its own
# writer unless the operator says otherwise. Set before any module of ours imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")
