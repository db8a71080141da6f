"""A warm kernel (comparative.reporting.kernels) reset between entries is, for what a
notebook can see, the kernel a fresh start gives: what one entry changes does not reach
the next.  (The bytes of whole reports, used against fresh kernels, are compared in
tests/test_notebooks.py.)"""

from __future__ import annotations

import ast

import pytest

from comparative.reporting import build, kernels

pytestmark = pytest.mark.notebooks

# What an entry can leave behind, and how to read it back.
DIRTY = """
import os, sys, warnings
import matplotlib, matplotlib.pyplot as plt, pandas as pd
import comparative
from matplotlib_inline.backend_inline import set_matplotlib_formats
left_over = 42
plt.figure(); plt.figure()
matplotlib.rcParams["font.size"] = 31.0
pd.set_option("display.max_rows", 3)
warnings.simplefilter("error")
warnings.warn("once only", UserWarning) if False else None
os.chdir("/")
sys.path.append("/nowhere")
os.environ["COMPARATIVE_LEFT_OVER"] = "1"
set_matplotlib_formats("jpeg")
"""

PROBES = {
    "namespace": "'left_over' in globals()",
    "figures": "__import__('matplotlib.pyplot').pyplot.get_fignums()",
    "font": "__import__('matplotlib').rcParams['font.size']",
    "rows": "__import__('pandas').get_option('display.max_rows')",
    "filters": "len(__import__('warnings').filters)",
    "cwd": "__import__('os').getcwd()",
    "path": "'/nowhere' in __import__('sys').path",
    "env": "'COMPARATIVE_LEFT_OVER' in __import__('os').environ",
    # the library stays imported; what importing it did (its displays) holds again
    "display": "get_ipython().display_formatter.formatters['text/html']"
               "(__import__('comparative').fact('vn2025-provinces-after-thuc')) is not None",
    "count": "get_ipython().execution_count",
    "formats": "sorted(__import__('matplotlib_inline').backend_inline.InlineBackend.instance().figure_formats)",
}


def _probe(kernel):
    from nbclient.util import run_sync

    async def go():
        msg_id = kernel.kc.execute("", silent=True, store_history=False, user_expressions=PROBES)
        return await kernel._nc.async_wait_for_reply(msg_id)

    got = run_sync(go)()["content"]["user_expressions"]
    return {k: ast.literal_eval(v["data"]["text/plain"]) for k, v in got.items()}


def _execute(kernel, code):
    from nbclient.util import run_sync

    async def go():
        msg_id = kernel.kc.execute(code, store_history=True)
        return await kernel._nc.async_wait_for_reply(msg_id)

    assert run_sync(go)()["content"]["status"] == "ok"


def test_a_reset_kernel_shows_nothing_of_the_entry_before():
    kernel = kernels.WarmKernel(build.KERNEL, build.KERNEL_ARGS, str(build.notebooks_dir()))
    try:
        kernel.reset()
        clean = _probe(kernel)
        assert clean["count"] == 1 and clean["display"] and not clean["namespace"]
        _execute(kernel, DIRTY)
        dirty = _probe(kernel)
        assert dirty != clean and dirty["font"] == 31.0 and dirty["namespace"]
        kernel.reset()
        assert _probe(kernel) == clean
        assert kernel.alive()
    finally:
        kernel.shutdown()
    assert not kernel.alive()


def test_a_broken_warm_kernel_is_reported_in_one_line():
    kernel = kernels.WarmKernel(build.KERNEL, build.KERNEL_ARGS, str(build.notebooks_dir()))
    try:
        with pytest.raises(kernels.KernelError, match=r"^warm kernel: ZeroDivisionError"):
            kernel.run("1/0")
    finally:
        kernel.shutdown()


def test_a_workers_kernel_starts_with_one_blas_thread():
    """-j N runs N kernels on N cores: each must start with one BLAS thread (the worker's
    kernel starts in the worker's initializer, before any entry; it once started with
    the machine's default and the regression report took five times as long)."""
    import os
    import subprocess
    import sys

    code = ("import os\n"
            "from comparative.reporting import build, kernels\n"
            "build._worker_init()\n"
            "kernels._kernel.run(\"import os; assert all(os.environ.get(n) == '1' for n in "
            + repr(build.KERNEL_THREADS) + ")\")\n"
            "kernels.discard()\n"
            "print('ok')\n")
    env = {k: v for k, v in os.environ.items() if k not in build.KERNEL_THREADS}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]
