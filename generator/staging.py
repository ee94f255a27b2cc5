"""Atomic output: the site is built in a staging folder beside its target and replaces the
target only once the build has succeeded, so a failed or interrupted build leaves the last
good site exactly as it was."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


class StagedSite:
    """A staging folder for one build of the site at `target`."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        # Beside the target, so that publishing is a rename on the same file system.
        prefix = f".{self.target.name}-building-"
        for stale in self.target.parent.glob(f".{self.target.name}-*-*"):
            # Left by a build that was killed outright (SIGKILL, SIGTERM skip atexit).
            if stale.name.startswith((prefix, f".{self.target.name}-previous-")):
                shutil.rmtree(stale, ignore_errors=True)
        self.folder = Path(tempfile.mkdtemp(prefix=prefix, dir=self.target.parent))
        self.folder.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
        atexit.register(self.discard)  # an interrupted build leaves no staging folder behind

    def publish(self) -> None:
        """Swap the finished build in for the previous site."""
        previous = self.target.with_name(f".{self.target.name}-previous-{self.folder.name}")
        if self.target.exists():
            self.target.rename(previous)
        self.folder.rename(self.target)
        shutil.rmtree(previous, ignore_errors=True)
        atexit.unregister(self.discard)

    def discard(self) -> None:
        """Drop an unfinished build."""
        shutil.rmtree(self.folder, ignore_errors=True)
