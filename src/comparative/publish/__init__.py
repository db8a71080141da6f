"""Stage 4a, publish: ``data/processed/`` — every view and dataset as a CSV table, with a
generated Frictionless ``datapackage.json`` and ``codebook.md``."""
