"""Stage 2, views: ready tables per case (``cases``), the Vietnam–China model matrix and
the glossary (``matrix``), built from the store only."""
