"""`python -m tonecheck.audit INPUT... [options]`: the same as `tonecheck audit`."""

import sys

from tonecheck.audit.cli import main

sys.exit(main())
