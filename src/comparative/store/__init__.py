"""Stage 1, the store: ``data/raw/`` loaded and validated.

Sources (``sources``), facts with their quotes (``facts``), the provenance checks of the
quotes against the articles (``provenance``, ``checks``), the reference datasets
(``datasets``) and the data version (``version``).  Imports nothing above it.
"""
