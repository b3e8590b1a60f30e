"""The ``alchemist`` command: argument parsing, settings validation, progress bars and printing
over the functions of ``alchemist.run`` and the stages. It holds no labeling logic of its own.
"""

from alchemist.cli.main import main

__all__ = ["main"]
