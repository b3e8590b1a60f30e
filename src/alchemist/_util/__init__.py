"""Small helpers every layer may use: where files live and atomic writes (``paths``), numeric
routines shared by the label models and the classifiers (``numeric``), image pixels (``pixels``)
and files shipped inside pinned PyPI packages (``assets``).

Imports nothing from Alchemist but ``alchemist.errors``.
"""
