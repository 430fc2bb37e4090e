"""Share in-memory work between forked processes.

Rendering pages needs the whole build in memory (every article, the Jinja
environments); pickling that for a process pool would cost more than it
saves. `run_forked` forks once the work is known: each child inherits the
memory as it is, does every n-th job and sends its results back through a
pipe; the parent does its own share meanwhile. Results come back in job
order, so the outcome does not depend on the number of processes. Where
`os.fork` is missing (not Linux), everything runs in this process.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence


class WorkerError(RuntimeError):
    """A job failed in a child process; the message has its traceback."""


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def run_forked(jobs: Sequence, work: Callable, processes: int) -> list:
    """`work(job)` for every job, in `processes` processes; the results in
    job order. `work` must return something picklable."""
    processes = max(1, min(processes, len(jobs)))
    if processes == 1 or not can_fork():
        return [work(job) for job in jobs]
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for share in range(1, processes):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its share, its answer, and out
            os.close(read)
            status = 0
            try:
                answer = ("ok", [work(job) for job in jobs[share::processes]])
            except OSError as error:  # a full disk: the parent says it as such
                answer, status = ("error", error), 1
            except BaseException:  # reported to the parent
                answer, status = ("error", traceback.format_exc()), 1
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(answer, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            os._exit(status)
        os.close(write)
        children.append((share, pid, read))
    results: list = [None] * len(jobs)
    try:
        results[0::processes] = [work(job) for job in jobs[0::processes]]
    finally:
        answers = _collect(children)
    failures = []
    for share, (kind, value) in answers:
        if kind == "ok":
            results[share::processes] = value
        else:
            failures.append(value)
    if failures:
        if isinstance(failures[0], OSError):
            raise failures[0]
        raise WorkerError(failures[0])
    return results


def _collect(children) -> list:
    answers = []
    for share, pid, read in children:
        try:
            with os.fdopen(read, "rb") as pipe:
                kind, value = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError) as error:
            kind, value = "error", f"no answer from the process: {error}"
        os.waitpid(pid, 0)
        answers.append((share, (kind, value)))
    return answers
