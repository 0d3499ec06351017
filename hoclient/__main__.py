import sys

from hoclient.cli import main

sys.exit(main())
