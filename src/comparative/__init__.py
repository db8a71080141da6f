"""comparative: cited case data on Vietnam's and China's models of local government.

Importing the package reads nothing, writes nothing and touches no network; data is
loaded on first use.

>>> import comparative as c
>>> c.facts(country="VN")            # doctest: +SKIP
>>> c.fact("vn2025-communes-after-thuc")  # doctest: +SKIP
>>> c.cite("thuc2025", style="bibtex")  # doctest: +SKIP
>>> c.cases.huzhou_pension().lead     # doctest: +SKIP
>>> c.model_matrix()                  # doctest: +SKIP
>>> c.dataset("un_egdi")              # doctest: +SKIP
"""

from __future__ import annotations

from .views import cases
from .store.datasets import dataset, datasets
from .errors import ComparativeError, DataError, UnknownName
from .store.facts import cite, fact, facts
from .views.matrix import glossary, model_matrix
from .analysis.regression import regress
from .store.sources import sources

__version__ = "0.1.0"

__all__ = ["ComparativeError", "DataError", "UnknownName", "cases", "cite", "dataset",
           "datasets", "fact", "facts", "glossary", "model_matrix", "regress", "sources",
           "__version__"]
