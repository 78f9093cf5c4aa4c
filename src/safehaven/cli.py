"""The `safehaven` command.

Core commands (scan, desensitise, sweep, ...) run without loading Django so that they start fast;
every other word is handed to Django's management commands (serve, migrate, import, register...).
Each core command lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# name -> (module, one-line help). Modules are imported only when their command runs.
CORE_COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("safehaven.commands.scan", "find personal and sensitive data in files or JSONL"),
    "desensitise": ("safehaven.commands.desensitise", "rewrite text with identifiers removed"),
    "check-email": ("safehaven.commands.check_email", "check an email message before it is sent"),
    "gateway": ("safehaven.commands.gateway", "run the SMTP gateway that checks outbound mail"),
    "quarantine": ("safehaven.commands.quarantine", "list, release or reject held email"),
    "sweep": ("safehaven.commands.sweep", "discovery sweep of folders and mail archives (Dask)"),
    "sweep-report": ("safehaven.commands.sweep_report", "HTML and CSV report of a sweep store"),
}

DJANGO_SETTINGS_DEFAULT = "safehaven.settings.local"


def _print_help() -> None:
    print("usage: safehaven COMMAND [options]\n")
    print("Core commands (start without the web app; gateway and quarantine use its")
    print("database unless given --records files):")
    for name, (_module, text) in CORE_COMMANDS.items():
        print(f"  {name:<14} {text}")
    print("\nWeb and records commands (Django):")
    print("  serve          start the web app (--demo loads a demo county)")
    print("  migrate        create or update the database tables")
    print("  import         import CSV exports from the primary database")
    print("  register       verify or checkpoint the disclosure register")
    print("  policy         show or export the DPO's policy in force")
    print("  verify-register-status  verify the register and store the result for the DPO")
    print("  deliver-webhooks        push record amendments to subscribed systems (LET-5)")
    print("  export-changes          CSV change feed of record amendments for the MIS")
    print("  help           list every Django management command")
    print("\nRun `safehaven COMMAND --help` for a command's options.")


def run_core(name: str, argv: list[str]) -> int:
    module_name, text = CORE_COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"safehaven {name}", description=text)
    module.add_arguments(parser)
    args = parser.parse_args(argv)
    return int(module.run(args) or 0)


def run_django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS_DEFAULT)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["safehaven", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        _print_help()
        return 0
    if argv[0] in {"--version", "version"}:
        from safehaven import __version__

        print(f"safehaven {__version__}")
        return 0
    try:
        if argv[0] in CORE_COMMANDS:
            try:
                return run_core(argv[0], argv[1:])
            except KeyboardInterrupt:
                print("Interrupted.", file=sys.stderr)
                return 130
        return run_django(argv)
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """The output's reader closed early (`safehaven scan --json | head`): stop quietly, with
    the status a shell gives a process ended by SIGPIPE, instead of a traceback; stdout is
    pointed at /dev/null so the interpreter's final flush cannot raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141
