#!/usr/bin/env bash
# Start a worker pool for one queue with that queue's settings. Usage: workers/worker.sh QUEUE
# The table below is the one place that says how each queue is consumed; deploy/ uses it.
#
#   queue     pool     concurrency           recycle after   why
#   monitors  prefork  2                     100 tasks       short scans; keep them snappy
#   agents    prefork  ${AGENTS_CONCURRENCY:-1} per pod       10 tasks        sandbox-heavy, minutes each; scale pods, not threads
#   gate      prefork  ${GATE_CONCURRENCY:-1}               10 tasks        re-runs whole suites in fresh sandboxes
#   delivery  threads  8                     -               waits on forge APIs
set -euo pipefail
queue=${1:?usage: workers/worker.sh monitors|agents|gate|delivery}
case "$queue" in
  monitors) exec agentfleet worker -Q monitors --pool prefork -c 2 --max-tasks-per-child 100 ;;
  agents)   exec agentfleet worker -Q agents --pool prefork -c "${AGENTS_CONCURRENCY:-1}" --max-tasks-per-child 10 ;;
  gate)     exec agentfleet worker -Q gate --pool prefork -c "${GATE_CONCURRENCY:-1}" --max-tasks-per-child 10 ;;
  delivery) exec agentfleet worker -Q delivery --pool threads -c 8 ;;
  *) echo "unknown queue $queue (monitors, agents, gate, delivery)" >&2; exit 2 ;;
esac
