"""Stage 4b, reporting: the parameterized notebooks of ``notebooks/`` run by papermill and
rendered to ``reports/``.

``params`` (the parameters cell, checked before any kernel starts), ``page`` (what a
notebook calls: live values for its prose, tables, figures, references), ``narrative``
(the ``{eval}`` expressions of the notebooks' MyST markdown, evaluated by the kernel),
``build`` (manifest, cache, workers) and ``render`` (HTML and PDF).
"""
