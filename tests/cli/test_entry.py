"""The console script's entry point: Ctrl-C before a command runs is one line."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

import pytest

from cli import entry


class _InterruptedImport:
    """A finder whose import of ``cli.main`` is interrupted, as by Ctrl-C while it loads."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name == "cli.main":
            raise KeyboardInterrupt
        return None


def test_ctrl_c_while_importing_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delitem(sys.modules, "cli.main", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    assert entry.main() == 130
    assert capsys.readouterr().err == "briefbot: interrupted\n"


def test_ctrl_c_while_reading_the_settings_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sys, "argv", ["briefbot", "db", "status"])
    monkeypatch.setattr("cli.main.load_settings", interrupted)
    assert entry.main() == 130
    assert capsys.readouterr().err == "briefbot: interrupted\n"


def test_the_console_script_runs_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["briefbot", "--version"])
    with pytest.raises(SystemExit) as exited:
        entry.main()
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("briefbot ")
