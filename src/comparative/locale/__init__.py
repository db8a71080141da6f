"""The furniture of the reports, per language: number and date formats, qualifier words,
column heads, captions' words, chart labels.  Small catalogues in data files, one per
language; the argument itself lives in the notebooks, never here."""
