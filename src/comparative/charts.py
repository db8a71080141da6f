"""Charts the notebooks draw: matplotlib/seaborn functions that take the case views'
tables and a language and return a Figure.

Text is set in DejaVu Sans, which ships with matplotlib and carries every Vietnamese
letter; Chinese names are written in pinyin (no CJK font is shipped).  Figures are saved
as SVG with text as paths, a fixed hash salt and no date, so the same data gives the same
bytes on every run.
"""

from __future__ import annotations

import io

from . import i18n

FONT = "DejaVu Sans"
WIDTH = 6.6            # inches: the PDF text width
VN_COLOR = "#b2182b"   # Vietnam
CN_COLOR = "#2166ac"   # China
LOCAL_COLOR = "#d6604d"
CENTRAL_COLOR = "#4393c3"
GREY = "#8c8c8c"

_ready = False


def setup() -> None:
    """The project style; idempotent."""
    global _ready
    import matplotlib

    if not _ready:
        import matplotlib.pyplot as plt  # noqa: F401  (keep the notebook's backend)
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "svg.fonttype": "path",
        "svg.hashsalt": "comparative",
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.labelsize": 9.5,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "legend.fontsize": 8.5,
        "legend.frameon": False,
    })
    _ready = True


def svg_bytes(fig) -> bytes:
    """The figure as deterministic SVG; the figure is closed (so Jupyter shows it once)."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def _fig(height: float, width: float = WIDTH):
    import matplotlib.pyplot as plt

    setup()
    return plt.subplots(figsize=(width, height), layout="constrained")
