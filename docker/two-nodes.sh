#!/usr/bin/env bash
# Two nodes of the app on one PostgreSQL database, on this machine and without Docker: how the app
# scales out (TwoNodeClusterTest proves it in CI). Build the jar first: mvn -B -q package -DskipTests
#
#   CSP_DB_URL=jdbc:postgresql://localhost:5432/cs_playbooks CSP_DB_USER=cs_playbooks CSP_DB_PASSWORD=... \
#     docker/two-nodes.sh
#
# Node A on :8080, node B on :8081 (PORT_A, PORT_B), logs in two-nodes-node-a.log and
# two-nodes-node-b.log; Ctrl-C stops both. Profile postgres unless SPRING_PROFILES_ACTIVE says
# otherwise (demo,postgres adds the demo people; each node then has its own demo mailbox).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=$(ls target/cs-playbooks-*.jar 2>/dev/null | head -1 || true)
[ -n "$jar" ] || { echo "no jar in target/: mvn -B -q package -DskipTests" >&2; exit 1; }
: "${CSP_DB_URL:?set CSP_DB_URL, CSP_DB_USER and CSP_DB_PASSWORD (one database for both nodes)}"
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-postgres}
port_a=${PORT_A:-8080}
port_b=${PORT_B:-8081}

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait
}
trap stop EXIT INT TERM

# name port mailbox-port: the engine hostname names the node in the job log (Cockpit, ACT_HI_JOB_LOG),
# the node name in scheduled_run and in the nightly run's log lines (which node ran it, which skipped).
start() {
  java -jar "$jar" --server.port="$2" --csp.demo.mailbox.port="$3" \
    --camunda.bpm.generic-properties.properties.hostname="$1" --csp.cluster.node-name="$1" \
    >"two-nodes-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 90); do
    if curl -sf "http://localhost:$2/actuator/health" >/dev/null; then
      echo "$1 up on http://localhost:$2"
      return
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "$1 stopped, see two-nodes-$1.log" >&2; exit 1; }
    sleep 2
  done
  echo "$1 not up after 3 minutes, see two-nodes-$1.log" >&2
  exit 1
}

# One after the other: the first node creates the schema and deploys the playbooks, the second finds them.
start node-a "$port_a" 2525
start node-b "$port_b" 2526
echo "Both nodes share the database and both run jobs; send requests to either. Ctrl-C stops both."
wait
