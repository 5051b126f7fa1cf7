"""`python -m rapporteur.cli`."""

import sys

from rapporteur.cli import main

sys.exit(main())
