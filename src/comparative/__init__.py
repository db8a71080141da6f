"""comparative: cited case data on Vietnam's and China's models of local government.

Importing the package reads nothing, writes nothing and touches no network; data is
loaded on first use.

>>> import comparative as c
>>> c.facts(country="VN")            # doctest: +SKIP
>>> c.fact("vn2025-communes-after-thuc")  # doctest: +SKIP
>>> c.item("vnlg-characteristics#3")  # doctest: +SKIP
>>> c.cite("thuc2025", style="bibtex")  # doctest: +SKIP
>>> c.cases.huzhou_pension().lead     # doctest: +SKIP
>>> c.model_matrix()                  # doctest: +SKIP
>>> c.dataset("un_egdi")              # doctest: +SKIP
>>> c.find("quan tri")                # doctest: +SKIP
>>> c.describe("osi")                 # doctest: +SKIP
>>> c.documents(country="VN")         # doctest: +SKIP
"""

__version__ = "0.1.0"

# The public API, imported on first use (PEP 562): `import comparative` stays cheap, and a
# notebook's kernel imports only the stages it uses, which is what the report cache keys on.
_API = {
    "cases": ("views.cases", None), "dataset": ("store.datasets", "dataset"),
    "datasets": ("store.datasets", "datasets"), "ComparativeError": ("errors", "ComparativeError"),
    "DataError": ("errors", "DataError"), "UnknownName": ("errors", "UnknownName"),
    "cite": ("locale.citations", "cite"), "fact": ("locale.lists", "fact"),
    "item": ("locale.lists", "item"), "facts": ("store.facts", "facts"),
    "glossary": ("views.matrix", "glossary"), "model_matrix": ("views.matrix", "model_matrix"),
    "regress": ("analysis.regression", "regress"), "sources": ("store.sources", "sources"),
    "find": ("store.codebook", "find"), "describe": ("store.codebook", "describe"),
    "documents": ("store.documents", "documents"),
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'comparative' has no attribute '{name}'")
    import importlib

    module, attr = _API[name]
    mod = importlib.import_module(f".{module}", __name__)
    value = mod if attr is None else getattr(mod, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)


# In JupyterLab a fact and a source show as HTML (label, value with its qualifier, the
# verbatim quote, the citation, the note).  They are records of the store, the layer below
# the citations, so they do not format themselves: the renderers live in
# ``views.display`` and are registered here with IPython's display formatters, by type
# name, so that nothing is imported until a fact is first shown.
_DISPLAYS = {("comparative.store.facts", "Fact"): "fact",
             ("comparative.store.sources", "Source"): "source"}


def _renderer(what: str, kind: str):
    def render(obj):
        from .views import display

        return getattr(display, f"{what}_{kind}")(obj)

    return render


def _register_displays(shell=None) -> bool:
    """Register the HTML and markdown displays of facts and sources with ``shell`` (the
    running IPython, if any); True when registered."""
    import sys

    if shell is None:
        if "IPython" not in sys.modules:        # a plain script: nothing to register with
            return False
        shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for (module, name), what in _DISPLAYS.items():
        formatters["text/html"].for_type_by_name(module, name, _renderer(what, "html"))
        formatters["text/markdown"].for_type_by_name(module, name, _renderer(what, "markdown"))
    return True


_register_displays()
