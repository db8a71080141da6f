"""Warm kernels: one kernel per build process, reused from entry to entry.

Starting a kernel and importing pandas, matplotlib, seaborn and statsmodels costs about
2 s, more than most entries spend on their own work.  So a build process starts one kernel, imports the heavy third-party modules in
it once (:data:`WARM_IMPORTS`), and before each entry puts the kernel back into the state
a fresh kernel would be in after those imports (:data:`RESET`):

* the user namespace, the history, ``Out`` and the execution counter (IPython's
  ``reset(new_session=True)``: the first cell is ``[1]`` again);
* the library stays imported, with its caches: the fact store, the datasets, the
  catalogues and pandoc's formatted citations (``citations._citeproc``) are loaded or
  run once per kernel, not once per entry.  That is safe because the library keeps no
  state a report could change: its caches hold the data as read (copies or tuples are
  handed out) and a report's own state lives in its ``page.start()`` object; its
  IPython displays are registered again, as importing it does;
* matplotlib: every figure closed, ``rcParams`` and the unit converters as they were;
  the inline backend's formats and settings as they were;
* pandas options, the warnings filters (and every "warn once" registry, so a warning an
  earlier entry triggered is shown again), the working directory, ``sys.path`` and the
  environment variables as they were.

The options of the issue, measured on the project's two-core machine: starting a kernel
and importing those modules costs 2.0 s of CPU; a reset costs 0.1 s; a province profile
costs 1.4 s in a fresh kernel after the imports and 0.9 s in a used one (the library and
its citations already loaded).  A pool of
pre-started kernels, each used once, still pays the 2.0 s for every entry, only earlier,
and a build at ``-j`` = cores has no idle core to hide it in.  Forking kernels from a
warm one would pay nothing per entry but needs fork-safe ZeroMQ sockets and threads,
which ipykernel does not promise.  So: one kernel per build process, reset between
entries.

The outputs of an entry built in a used kernel are byte-identical to those of a fresh
kernel: ``tests/test_notebooks.py`` rebuilds a sample of the entries the session's build
ran in used kernels, each in a fresh kernel, and compares the bytes; ``tests/test_warm.py``
dirties a kernel and checks that the reset undoes it.  A kernel that failed an
entry (an error, a timeout, a crash) is shut down and the next entry gets a new one.
``COMPARATIVE_WARM=0`` builds every entry in a fresh kernel.
"""

from __future__ import annotations

import atexit
import os

# What every project notebook imports (or a library module it uses does): paid once per
# kernel.  The library itself is imported by the first entry and kept.
WARM_IMPORTS = """\
import numpy, pandas, scipy.stats, matplotlib, matplotlib.pyplot, matplotlib.units
import seaborn, statsmodels.api, statsmodels.formula.api
import matplotlib_inline.backend_inline
"""

# Taken once, after WARM_IMPORTS, in a module the reset never drops.
SNAPSHOT = """\
def _comparative_warm_snapshot():
    import copy, os, sys, types, warnings
    import matplotlib, matplotlib.units
    from matplotlib_inline.config import InlineBackend
    ib = InlineBackend.instance()
    html = get_ipython().display_formatter.formatters
    mod = types.ModuleType("_comparative_warm")
    mod.rc = dict(matplotlib.rcParams)
    mod.units = dict(matplotlib.units.registry)
    mod.filters = list(warnings.filters)
    mod.cwd = os.getcwd()
    mod.path = list(sys.path)
    mod.environ = dict(os.environ)
    mod.inline = {k: copy.deepcopy(getattr(ib, k))
                  for k in ("figure_formats", "print_figure_kwargs", "close_figures", "rc")}
    mod.formats = {mime: (dict(f.type_printers), dict(f.deferred_printers))
                   for mime, f in html.items()}
    mod.reset = _comparative_warm_reset
    sys.modules["_comparative_warm"] = mod

def _comparative_warm_reset():
    import os, sys, warnings
    import matplotlib, matplotlib.pyplot, matplotlib.units, pandas
    from IPython import get_ipython
    from matplotlib_inline.config import InlineBackend
    snap = sys.modules["_comparative_warm"]
    matplotlib.pyplot.close("all")
    ip = get_ipython()
    ip.reset(new_session=True)
    dict.update(matplotlib.rcParams, snap.rc)
    matplotlib.units.registry.clear()
    matplotlib.units.registry.update(snap.units)
    ib = InlineBackend.instance()
    for k, v in snap.inline.items():
        setattr(ib, k, v)
    for mime, f in ip.display_formatter.formatters.items():
        if mime in snap.formats:
            f.type_printers.clear(); f.type_printers.update(snap.formats[mime][0])
            f.deferred_printers.clear(); f.deferred_printers.update(snap.formats[mime][1])
    if "comparative" in sys.modules:    # what importing it did in a fresh kernel
        sys.modules["comparative"]._register_displays(ip)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandas.reset_option("all")
    warnings.filters[:] = snap.filters
    warnings._filters_mutated()
    os.chdir(snap.cwd)
    sys.path[:] = snap.path
    for k in set(os.environ) - set(snap.environ):
        del os.environ[k]
    os.environ.update(snap.environ)

_comparative_warm_snapshot()
del _comparative_warm_snapshot, _comparative_warm_reset
"""

# Before each entry: the kernel as the snapshot found it (the function lives in a module
# the reset keeps; the user namespace it was defined in is what it clears).
RESET = "__import__('sys').modules['_comparative_warm'].reset()\n"

WARM_TIMEOUT = 300     # seconds for the imports and for a reset


class KernelError(RuntimeError):
    """A warm kernel that could not be started or reset."""


def enabled() -> bool:
    """Warm kernels unless ``COMPARATIVE_WARM=0``."""
    return os.environ.get("COMPARATIVE_WARM", "1").strip() not in ("0", "no", "false")


class WarmKernel:
    """One started kernel with the heavy modules imported; :meth:`reset` before each use."""

    def __init__(self, kernel_name: str, extra_arguments: list[str], cwd: str,
                 startup_timeout: float = 60):
        import nbformat
        from nbclient import NotebookClient

        self._nc = NotebookClient(nbformat.v4.new_notebook(), kernel_name=kernel_name,
                                  startup_timeout=startup_timeout, timeout=WARM_TIMEOUT,
                                  extra_arguments=list(extra_arguments))
        self._nc.km = self._nc.create_kernel_manager()
        self._nc.start_new_kernel(cwd=cwd)
        self._nc.start_new_kernel_client()
        self.km, self.kc = self._nc.km, self._nc.kc
        self.entries = 0
        atexit.register(self.shutdown)
        self.run(WARM_IMPORTS + SNAPSHOT)

    def run(self, code: str) -> None:
        """Run code silently (no history, no execution count); KernelError on an error."""
        from nbclient.util import run_sync

        async def go():
            msg_id = self.kc.execute(code, silent=True, store_history=False)
            return await self._nc.async_wait_for_reply(msg_id)

        try:
            reply = run_sync(go)()
        except Exception as exc:       # a timeout, a dead kernel
            raise KernelError(f"warm kernel: {type(exc).__name__}: {exc}") from None
        content = (reply or {}).get("content", {})
        if content.get("status") != "ok":
            raise KernelError(f"warm kernel: {content.get('ename', 'no reply')}: "
                              f"{content.get('evalue', '')}")

    def alive(self) -> bool:
        try:
            return bool(self.km is not None and self.km.has_kernel and
                        _sync(self.km.is_alive)())
        except Exception:
            return False

    def reset(self) -> None:
        self.run(RESET)
        self.entries += 1

    def shutdown(self) -> None:
        if self.km is None:
            return
        km, kc, self.km, self.kc = self.km, self.kc, None, None
        atexit.unregister(self.shutdown)
        try:
            kc.stop_channels()
            _sync(km.shutdown_kernel)(now=True)
        except Exception:
            pass


def _sync(fn):
    import inspect

    from nbclient.util import run_sync

    if inspect.iscoroutinefunction(fn):
        return run_sync(fn)
    return fn


_kernel: WarmKernel | None = None


def get(kernel_name: str, extra_arguments: list[str], cwd: str) -> WarmKernel:
    """This process's warm kernel, started (or restarted, if it died) on demand."""
    global _kernel
    if _kernel is not None and not _kernel.alive():
        discard()
    if _kernel is None:
        _kernel = WarmKernel(kernel_name, extra_arguments, cwd)
    return _kernel


def discard() -> None:
    """Shut this process's warm kernel down (after a failed entry, or at the end)."""
    global _kernel
    if _kernel is not None:
        _kernel.shutdown()
    _kernel = None
