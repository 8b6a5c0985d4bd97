#!/usr/bin/env bash
# A throwaway three-node RabbitMQ cluster on this machine (nodes c1..c3@localhost), for tests and
# for trying dns-broker on a cluster. It never touches the machine's own broker (rabbit@localhost on
# 5672) nor its Erlang cookie: every node has its own ports, config, data, logs, pid file, and a
# HOME of the cluster's own that holds the cluster's cookie.
#
# Usage: ops/cluster/cluster.sh COMMAND
#   start           start c1..c3, join c2 and c3 to c1, print the AMQP URIs
#   stop            stop every node and delete the cluster's directory
#   status          the cluster's running nodes as c1 sees them
#   uris            the nodes' AMQP URIs, comma-separated (what --amqp and AMQP_URI take)
#   busiest         the node that holds the most client connections, and how many
#   kill NODE       SIGKILL node NODE (c1, c2 or c3), as a crash would
#   restart NODE    start NODE again and wait until it is back in the cluster
#   run CMD...      start, run CMD with AMQP_URI set to the cluster, stop on exit
#
# Environment:
#   CLUSTER_DIR         where nodes keep config, data and logs (default /tmp/dns-broker-cluster)
#   CLUSTER_PORT_BASE   AMQP port of c1; c2, c3 take the next two; distribution ports are
#                       20000 above, management ports 10000 above (default 5681)
#   CLUSTER_MANAGEMENT  1 to enable the management UI on each node (default 1; tests set 0)
set -euo pipefail

DIR="${CLUSTER_DIR:-/tmp/dns-broker-cluster}"
BASE="${CLUSTER_PORT_BASE:-5681}"
MANAGEMENT="${CLUSTER_MANAGEMENT:-1}"
NODES=(c1 c2 c3)
SBIN=/usr/lib/rabbitmq/bin   # not /usr/sbin: that wrapper switches user and uses the system cookie

die() { echo "cluster: $*" >&2; exit 1; }

index_of() {
  case "$1" in
    c1|c1@localhost) echo 0 ;;
    c2|c2@localhost) echo 1 ;;
    c3|c3@localhost) echo 2 ;;
    *) die "unknown node '$1': one of c1, c2, c3" ;;
  esac
}

amqp_port() { echo $((BASE + $1)); }

# The environment every rabbitmq command of node $1 (its index) runs with.
node_env() {
  local i=$1 name=${NODES[$1]}
  echo "HOME=$DIR/home RABBITMQ_CONF_ENV_FILE=$DIR/$name/rabbitmq-env.conf"
}

ctl() {
  local i=$1; shift
  env $(node_env "$i") "$SBIN/rabbitmqctl" -n "${NODES[$i]}@localhost" "$@"
}

write_node_files() {
  local i=$1 name=${NODES[$1]} port
  port=$(amqp_port "$i")
  mkdir -p "$DIR/$name/data" "$DIR/$name/log"
  cat >"$DIR/$name/rabbitmq-env.conf" <<EOF
NODENAME=$name@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=$port
DIST_PORT=$((port + 20000))
CONFIG_FILE=$DIR/$name/rabbitmq.conf
ENABLED_PLUGINS_FILE=$DIR/$name/enabled_plugins
MNESIA_BASE=$DIR/$name/data
LOG_BASE=$DIR/$name/log
PID_FILE=$DIR/$name/pid
ERL_EPMD_ADDRESS=127.0.0.1
EOF
  {
    echo "listeners.tcp.local = 127.0.0.1:$port"
    # A minority (a node cut off from the other two) pauses instead of serving stale state.
    echo "cluster_partition_handling = pause_minority"
    if [ "$MANAGEMENT" = 1 ]; then
      echo "management.tcp.ip = 127.0.0.1"
      echo "management.tcp.port = $((port + 10000))"
    fi
  } >"$DIR/$name/rabbitmq.conf"
  if [ "$MANAGEMENT" = 1 ]; then
    echo "[rabbitmq_management]." >"$DIR/$name/enabled_plugins"
  else
    echo "[]." >"$DIR/$name/enabled_plugins"
  fi
}

launch() {
  local i=$1
  env $(node_env "$i") "$SBIN/rabbitmq-server" -detached
}

# Polls ping first: await_startup fails at once while the node's Erlang VM is not up yet.
await_node() {
  local i=$1
  for _ in $(seq 1 120); do
    ctl "$i" -q ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  ctl "$i" -q ping >/dev/null 2>&1 || die "${NODES[$i]} did not come up; see $DIR/${NODES[$i]}/log"
  ctl "$i" -q await_startup --timeout 120 >/dev/null
}

uris() {
  local out="" i
  for i in 0 1 2; do
    out+="${out:+,}amqp://guest:guest@127.0.0.1:$(amqp_port "$i")"
  done
  echo "$out"
}

start() {
  [ -e "$DIR/c1/pid" ] && die "a cluster already runs in $DIR (stop it first)"
  for i in 0 1 2; do
    (exec 3<>/dev/tcp/127.0.0.1/"$(amqp_port "$i")") 2>/dev/null && die "port $(amqp_port "$i") is taken"
  done
  mkdir -p "$DIR/home"
  # The cluster's own cookie, in the cluster's own HOME: the system cookie stays untouched.
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DIR/home/.erlang.cookie"
  chmod 400 "$DIR/home/.erlang.cookie"
  for i in 0 1 2; do
    write_node_files "$i"
    launch "$i"
  done
  for i in 0 1 2; do
    await_node "$i"
  done
  # Joining logs expected errors about peers not running yet; keep them out of the way.
  for i in 1 2; do
    for step in stop_app "join_cluster c1@localhost" start_app; do
      ctl "$i" -q $step >>"$DIR/join.log" 2>&1 || { cat "$DIR/join.log" >&2; die "${NODES[$i]}: $step failed"; }
    done
  done
  echo "cluster: c1..c3 running; AMQP_URI=$(uris)"
}

stop_node() {
  local i=$1 pidfile="$DIR/${NODES[$1]}/pid"
  [ -f "$pidfile" ] || return 0
  # stop with the pid file waits until the node's process has exited.
  ctl "$i" -q stop "$pidfile" >/dev/null 2>&1 || kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

stop() {
  for i in 0 1 2; do
    stop_node "$i"
  done
  rm -rf "$DIR"
  echo "cluster: stopped"
}

# The first node that answers, so the other commands work while one node is down.
any_running() {
  for i in 0 1 2; do
    if ctl "$i" -q ping >/dev/null 2>&1; then echo "$i"; return; fi
  done
  die "no node of the cluster answers"
}

busiest() {
  # list_connections has no node column; a connection's pid names its node: <c2@localhost.1.2.3>.
  ctl "$(any_running)" -q list_connections pid --no-table-headers \
    | sed -nE 's/^<([^@]+)@.*/\1/p' | sort | uniq -c | sort -rn | head -1 | awk '{print $2, $1}'
}

kill_node() {
  local i pidfile
  i=$(index_of "$1")
  pidfile="$DIR/${NODES[$i]}/pid"
  [ -f "$pidfile" ] || die "${NODES[$i]} has no pid file: is it running?"
  kill -9 "$(cat "$pidfile")"
  rm -f "$pidfile"
  echo "cluster: killed ${NODES[$i]}"
}

restart() {
  local i
  i=$(index_of "$1")
  launch "$i"
  await_node "$i"
  for _ in $(seq 1 60); do
    if ctl "$(( (i + 1) % 3 ))" -q cluster_status --formatter json 2>/dev/null | grep -q "\"running_nodes\":\[[^]]*${NODES[$i]}@localhost"; then
      echo "cluster: ${NODES[$i]} is back in the cluster"
      return
    fi
    sleep 0.5
  done
  die "${NODES[$i]} started but did not rejoin the cluster"
}

command="${1:-}"
shift || true
case "$command" in
  start) trap 'stop >/dev/null' ERR; start ;;
  stop) stop ;;
  status) ctl "$(any_running)" cluster_status ;;
  uris) uris ;;
  busiest) busiest ;;
  kill) kill_node "${1:?kill NODE}" ;;
  restart) restart "${1:?restart NODE}" ;;
  run)
    [ $# -gt 0 ] || die "run CMD..."
    trap stop EXIT
    start
    AMQP_URI=$(uris) "$@"
    ;;
  *)
    [ -z "$command" ] || echo "cluster: unknown command '$command'" >&2
    sed -n '2,/^set -/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'
    [ -z "$command" ] || exit 2
    ;;
esac
