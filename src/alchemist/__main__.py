"""``python -m alchemist``: the same command as ``alchemist``."""

from alchemist.cli import main

raise SystemExit(main())
