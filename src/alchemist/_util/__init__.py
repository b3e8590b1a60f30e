"""Small helpers every layer may use: where files live and atomic writes (``paths``), numeric
routines shared by the label models and the classifiers (``numeric``), image pixels (``pixels``)
files shipped inside pinned PyPI packages (``assets``) and loading pretrained models quietly
(``models``).

Imports nothing from Alchemist but ``alchemist.errors``.
"""
