#!/usr/bin/env bash
# The scheduler entrypoint. `agentfleet beat` refuses to start on a missing or broken fleet file (exit 2,
# naming the file, the field and the reason); beat runs no sandboxes, so none is needed on its host.
# Run two (or more) for high availability: one holds the Redis lock and schedules, the others wait
# and take over within AGENTFLEET_CELERY__BEAT_LOCK_TIMEOUT_S of the active one dying.
set -euo pipefail
exec agentfleet beat "$@"
