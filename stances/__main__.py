import sys

from stances.cli import main

sys.exit(main())
