"""The exceptions the library raises; only cli.py turns them into messages and exit codes."""

from __future__ import annotations


class SvodkaError(Exception):
    """Base class of every error svodka raises on purpose."""


class InputError(SvodkaError):
    """An input (file, record) that cannot be read: names the input and the reason."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


class PipelineError(SvodkaError):
    """A pipeline whose stages are misconfigured (a layer required before it is assigned)."""
