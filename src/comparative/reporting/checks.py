"""What ``comparative check`` validates beyond ``data/raw/``: everything the reports read
before a kernel starts — the notebooks' parameters cells, every manifest entry, and the
views the notebooks build from the records (the model matrix, the glossary).  Each
problem is one line naming its file, entry or field; all of them are reported."""

from __future__ import annotations

from ..errors import ComparativeError
from . import build, params


def report_problems(views: bool = True) -> list[str]:
    """``views=False`` leaves out the views (when data/raw/ has problems, they would only
    repeat them)."""
    problems: list[str] = []
    for name in params.available():
        try:
            params.specs(name)
        except ComparativeError as exc:
            problems.append(f"notebooks/{name}.ipynb: {exc}")
    if build.manifest_path().exists() or build.manifest_path().is_symlink():
        try:
            build.load_manifest(problems=problems)
        except ComparativeError as exc:
            problems.append(f"notebooks/{exc}")
    for what, load in (("model matrix", _matrix), ("glossary", _glossary)) if views else ():
        try:
            load()
        except ComparativeError as exc:
            problems.append(f"{exc}")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(f"the {what} cannot be built from data/raw: {type(exc).__name__}: {exc}")
    return problems


def _matrix():
    from ..views.matrix import model_matrix

    return model_matrix()


def _glossary():
    from ..views.matrix import glossary

    return glossary()
