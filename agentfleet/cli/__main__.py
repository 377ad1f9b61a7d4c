"""``python -m agentfleet.cli``."""

from agentfleet.cli import main

main()
