#!/usr/bin/env bash
# The scheduler entrypoint: refuse to start on a broken fleet file, then run beat.
# Run two (or more) for high availability: one holds the Redis lock and schedules, the others wait
# and take over within AGENTFLEET_CELERY__BEAT_LOCK_TIMEOUT_S of the active one dying.
set -euo pipefail
agentfleet check-config --offline
exec agentfleet beat
