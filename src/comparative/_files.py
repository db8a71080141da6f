"""Files replaced whole or not at all.

A build never writes a target in place.  It writes every new file beside its target under
a temporary name (``.NAME.tmp-PID``, created with the user's umask and synced), then
records the set of renames in a journal (``.ID.commit``, itself written under a temporary
name and renamed: it exists whole or not at all), then renames each file over its target
and removes the journal.  So at any point a crash, ``kill -9`` or a full disk leaves
either the previous files (no journal: the temporaries are removed by the next run) or a
journal the next run completes (:func:`recover`).  Nothing is half-written, and an entry's
files (its notebook, HTML, PDF and stamp) are never a mix of two builds once recovered.

:func:`replace_all` is the one entry point (reports use it; ``data/processed/`` can use it
the same way: ``replace_all({path: bytes, ...}, journal=folder / ".build.commit")`` and
``recover(folder)`` at the start of the next build).
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
from pathlib import Path

TMP = re.compile(r"\A\.(?P<name>.+)\.tmp-(?P<pid>\d+)\Z", re.S)
JOURNAL_SUFFIX = ".commit"
STALE_SECONDS = 24 * 3600   # a temporary of a live process this old is left by a crash too


_steps = 0


def _fault_point() -> None:
    """Fault injection for the tests: ``COMPARATIVE_FAULT_AT=N`` kills this process with
    SIGKILL at the N-th step of writing (as a power cut or ``kill -9`` would).  Unset, it
    costs one dictionary look-up."""
    at = os.environ.get("COMPARATIVE_FAULT_AT")
    if not at:
        return
    global _steps
    _steps += 1
    if _steps == int(at):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def write_temp(target: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``target`` (mode 0666 less the umask), synced; its path."""
    tmp = temp_path(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        half = len(view) // 2
        view = view[os.write(fd, view[:half]):] if half else view
        _fault_point()                         # a file half-written
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_file(target: Path, data: bytes) -> None:
    """One file replaced whole: written beside, then renamed over ``target``."""
    tmp = write_temp(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_all(files: dict[Path, bytes], journal: Path) -> None:
    """Replace every file of ``files`` whole, all of them or (after :func:`recover`) none.

    ``journal`` names the commit record (a hidden file; one per set, e.g. per entry)."""
    temps: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            temps[target] = write_temp(target, data)
        record = json.dumps([[str(t), str(target)] for target, t in temps.items()]).encode()
        _fault_point()                         # every file written, not committed
        replace_file(journal, record)          # the commit point
    except BaseException:
        for t in temps.values():
            t.unlink(missing_ok=True)
        raise
    for folder in {t.parent for t in temps} | {journal.parent}:
        _sync_dir(folder)
    _roll_forward(journal, [(Path(t), Path(target)) for target, t in temps.items()])


def _roll_forward(journal: Path, pairs: list[tuple[Path, Path]]) -> None:
    for tmp, target in pairs:
        _fault_point()                         # committed, some files renamed
        try:
            os.replace(tmp, target)
        except FileNotFoundError:              # renamed before (a crash after it)
            pass
    for folder in {target.parent for _, target in pairs}:
        _sync_dir(folder)
    journal.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(*folders: Path, started: float | None = None) -> list[Path]:
    """Complete the commits a crash interrupted and remove the temporaries it left.

    A journal is rolled forward (its renames done) and removed.  A temporary
    ``.NAME.tmp-PID`` is removed when its process is gone, or when it is older than
    ``STALE_SECONDS`` (the PID was reused); a live build's temporaries are left alone.
    Returns what was removed or completed."""
    done: list[Path] = []
    now = started or time.time()
    for folder in folders:
        if not folder.is_dir():
            continue
        for journal in sorted(folder.glob(f".*{JOURNAL_SUFFIX}")):
            if TMP.match(journal.name):
                continue
            try:
                pairs = [(Path(t), Path(g)) for t, g in json.loads(journal.read_bytes())]
                pids = {int(TMP.match(t.name)["pid"]) for t, _ in pairs}
            except (OSError, ValueError, TypeError, KeyError):
                journal.unlink(missing_ok=True)
                continue
            if any(_alive(pid) and pid != os.getpid() for pid in pids):
                continue                       # a live build is committing it now
            _roll_forward(journal, pairs)
            done.append(journal)
        for p in sorted(folder.iterdir()):
            m = TMP.match(p.name)
            if not m:
                continue
            try:
                old = now - p.lstat().st_mtime > STALE_SECONDS
            except OSError:
                continue
            if not _alive(int(m["pid"])) or old:
                try:
                    p.unlink()
                    done.append(p)
                except IsADirectoryError:
                    pass
                except OSError as exc:
                    if exc.errno != errno.ENOENT:
                        raise
    return done


def temporaries(folder: Path) -> list[Path]:
    """Every temporary or journal under ``folder`` (for tests: none after a build)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob(".*")
                  if TMP.match(p.name) or p.name.endswith(JOURNAL_SUFFIX))
