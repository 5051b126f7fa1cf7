"""What every command shares: settings from the arguments, the facade, progress lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rapporteur.core.errors import RapporteurError


def settings_of(args: argparse.Namespace):
    from rapporteur.core.settings import load_settings

    overrides = {"home": Path(args.home)} if args.home else {}
    if getattr(args, "no_rerank", False):
        overrides["rerank"] = False
    return load_settings(**overrides)


def say(msg: str) -> None:
    print(f"  {msg}", file=sys.stderr)


def facade_of(args: argparse.Namespace):
    """The one composition root, for the settings these arguments give."""
    from rapporteur.app.facade import Rapporteur

    return Rapporteur.open(settings_of(args), progress=say)


def searcher_of(rapporteur):
    """The facade's searcher, or an error that says how to index something."""
    from rapporteur.app.facade import EMPTY

    if rapporteur.searcher is None:
        raise RapporteurError(EMPTY)
    return rapporteur.searcher
