"""The ``agentfleet`` command line."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from agentfleet import __version__
from agentfleet.core.errors import AgentfleetError, ConfigError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="agentfleet")
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The fleet file; its directory becomes the home (its .env is read, relative paths start there).",
)
def cli(config: Path | None) -> None:
    """agentfleet: autonomous maintenance agents, verified before they reach a human.

    Settings come from AGENTFLEET_* environment variables and the home's .env; repositories from the
    fleet file (AGENTFLEET_FLEET_FILE, default fleet.toml in the home). The home is AGENTFLEET_HOME,
    else the directory of --config, else the current directory. See docs/configuration.md.
    """
    if config is not None:
        from agentfleet.core.context import get_context
        from agentfleet.core.settings import use_config

        use_config(config)
        get_context.cache_clear()


_COMMAND_MODULES = (
    "agentfleet.cli.agent",
    "agentfleet.cli.services",
    "agentfleet.cli.inspect",
    "agentfleet.cli.ledger",
    "agentfleet.cli.reports",
    "agentfleet.cli.run",
    "agentfleet.cli.pr",
    "agentfleet.cli.trust",
    "agentfleet.cli.verify",
    "agentfleet.cli.gate",
    "agentfleet.cli.ingest",
    "agentfleet.cli.demo",
    "agentfleet.cli.docs",
    "agentfleet.cli.repair",
    "agentfleet.cli.dashboard",
)
"""Modules whose ``COMMANDS`` list is added to the CLI; one line per module."""

for _name in _COMMAND_MODULES:
    for _command in importlib.import_module(_name).COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console-script entrypoint: configuration errors exit 2, other agentfleet errors 1, each as one message."""
    try:
        cli.main(standalone_mode=False)
    except ConfigError as exc:
        click.echo(f"configuration error: {exc}", err=True)
        sys.exit(2)
    except AgentfleetError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
