"""Entry script for the PyInstaller build (build.spec): the `hoclient` console script, frozen.

PyInstaller needs a script file, not an entry point. This one does exactly what the
`hoclient = hoclient.cli:main` console script does, so the frozen app and the installed
command behave the same. This folder has no __init__.py on purpose: a `packaging` package
here would shadow the PyPI `packaging` library that PyInstaller and pip import.
"""

import sys

from hoclient.cli import main

if __name__ == "__main__":
    sys.exit(main())
