"""Progress on the terminal for the `zorgassistent` command: a tqdm bar per stage (stderr).

Not done here: what is counted (the ingest pipeline and the evaluation report their own counts).
"""

from __future__ import annotations

import sys


def progress(items, label: str, total: int):
    from tqdm import tqdm

    return tqdm(items, desc=label, total=total, unit="", file=sys.stderr, leave=False,
                disable=not sys.stderr.isatty() and total < 2)


class IngestBar:
    """The progress bar of `ingest`: one tqdm bar per count the pipeline reports (files while
    reading, texts while embedding). A new bar starts when the count goes back or its total
    changes, so each stage has its own rate and time left. `write` prints a line above the bar
    instead of into it."""

    FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} [{elapsed}<{remaining}]"

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: float, total: float, label: str) -> None:
        from tqdm import tqdm

        if self.bar is None or total != self.bar.total or done < self.bar.n:
            self.close()
            self.bar = tqdm(total=total, desc=label, bar_format=self.FORMAT, file=sys.stderr, leave=False,
                            disable=not sys.stderr.isatty() and total < 2)
        self.bar.set_description_str(label, refresh=False)
        self.bar.update(done - self.bar.n)

    def write(self, message: str) -> None:
        from tqdm import tqdm

        tqdm.write(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
