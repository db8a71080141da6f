"""Stage 3, analysis: charts of the views (``charts``) and regressions on the datasets
(``regression``).  Computes; writes no report prose."""
