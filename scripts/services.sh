#!/usr/bin/env bash
# Backing servers for the tests: installs Redis and etcd where missing (Debian packages), starts
# them on free loopback ports with throwaway data dirs, and stops them. Sourced by test.sh:
#   source scripts/services.sh; services_start; ...; services_stop
# Exports for the tests: REDIS_URL, ETCD_ENDPOINTS, KAFKA_BROKERS, S3_ENDPOINT, and LAYER8_REDIS_SERVER /
# LAYER8_ETCD_SERVER / LAYER8_KAFKA_LIBS (the server binaries and the broker's jars, for tests that
# start and stop servers of their own).

services_log() { echo "services: $*"; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

services_install() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    services_log "cannot install ${missing[*]} (needs root and apt-get); tests that need them will be skipped, saying why"
    return 0
  fi
  services_log "installing ${missing[*]} from Debian's packages"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || services_log "apt-get install ${missing[*]} failed; tests that need them will be skipped, saying why"
}

# Apache Kafka is not packaged by Debian: its jars come from Maven Central (scripts/kafka/pom.xml)
# into a cache dir kept between runs, and run on the installed Java 17.
KAFKA_LIBS_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/layer8/kafka-3.9.1"

services_install_kafka() {
  [ -f "$KAFKA_LIBS_DIR/.complete" ] && return 0
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    services_log "cannot fetch Kafka (needs java and mvn); tests that need it will be skipped, saying why"
    return 0
  fi
  services_log "fetching Kafka 3.9.1's jars from Maven Central into $KAFKA_LIBS_DIR"
  mkdir -p "$KAFKA_LIBS_DIR"
  if mvn -q -f scripts/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$KAFKA_LIBS_DIR" >"$KAFKA_LIBS_DIR/mvn.log" 2>&1; then
    touch "$KAFKA_LIBS_DIR/.complete"
  else
    services_log "fetching Kafka failed (see $KAFKA_LIBS_DIR/mvn.log); tests that need it will be skipped, saying why"
  fi
}

# A single-node KRaft broker (broker and controller in one JVM) on loopback.
services_start_kafka() {
  [ -f "$KAFKA_LIBS_DIR/.complete" ] || return 0
  local port controller_port dir="$SERVICES_DIR/kafka"
  port="$(free_port)"
  controller_port="$(free_port)"
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
  local java=(java -Xms128m -Xmx512m -XX:+UseSerialGC -cp "$KAFKA_LIBS_DIR/*")
  "${java[@]}" kafka.tools.StorageTool format -t "$("${java[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
    -c "$dir/server.properties" >"$dir/format.log" 2>&1
  "${java[@]}" -Dlog4j.configuration="file:$PWD/scripts/kafka/log4j.properties" kafka.Kafka "$dir/server.properties" \
    >"$SERVICES_DIR/kafka.log" 2>&1 &
  echo $! >"$SERVICES_DIR/kafka.pid"
  local started=""
  for _ in $(seq 1 150); do
    grep -q "Transition from STARTING to STARTED" "$SERVICES_DIR/kafka.log" 2>/dev/null && started=1 && break
    sleep 0.2
  done
  if [ -z "$started" ]; then
    services_log "kafka did not start within 30 s (see $SERVICES_DIR/kafka.log); tests that need it will be skipped, saying why"
    return 0
  fi
  export KAFKA_BROKERS="127.0.0.1:$port"
  export LAYER8_KAFKA_LIBS="$KAFKA_LIBS_DIR"
  services_log "kafka on $KAFKA_BROKERS"
}

# An S3-protocol server: s3rver from the workspace's npm packages (pnpm install runs before this),
# with the multipart operations it lacks (packages/connections/bin/s3-test-server.js).
services_start_s3() {
  if [ ! -f packages/connections/node_modules/s3rver/package.json ]; then
    services_log "s3rver is not installed (pnpm install); tests that need S3 will be skipped, saying why"
    return 0
  fi
  local port
  port="$(free_port)"
  mkdir -p "$SERVICES_DIR/s3"
  node --openssl-legacy-provider packages/connections/bin/s3-test-server.js --port "$port" \
    --directory "$SERVICES_DIR/s3" >"$SERVICES_DIR/s3.log" 2>&1 &
  echo $! >"$SERVICES_DIR/s3.pid"
  for _ in $(seq 1 100); do
    grep -q "listening on" "$SERVICES_DIR/s3.log" 2>/dev/null && break
    sleep 0.1
  done
  if ! grep -q "listening on" "$SERVICES_DIR/s3.log" 2>/dev/null; then
    services_log "the S3 test server did not start (see $SERVICES_DIR/s3.log); tests that need it will be skipped, saying why"
    return 0
  fi
  export S3_ENDPOINT="http://127.0.0.1:$port"
  services_log "s3 on $S3_ENDPOINT"
}

services_start() {
  services_install
  services_install_kafka
  SERVICES_DIR="$(mktemp -d -t layer8-services-XXXXXX)"
  export SERVICES_DIR

  if command -v redis-server >/dev/null 2>&1; then
    local redis_port
    redis_port="$(free_port)"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$SERVICES_DIR" --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log"
    for _ in $(seq 1 50); do
      redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    export REDIS_URL="redis://127.0.0.1:$redis_port"
    export LAYER8_REDIS_SERVER="$(command -v redis-server)"
    services_log "redis on $REDIS_URL"
  fi

  if command -v etcd >/dev/null 2>&1; then
    local client_port peer_port
    client_port="$(free_port)"
    peer_port="$(free_port)"
    etcd --name layer8-test --data-dir "$SERVICES_DIR/etcd" \
      --listen-client-urls "http://127.0.0.1:$client_port" --advertise-client-urls "http://127.0.0.1:$client_port" \
      --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
      --initial-cluster "layer8-test=http://127.0.0.1:$peer_port" >"$SERVICES_DIR/etcd.log" 2>&1 &
    echo $! >"$SERVICES_DIR/etcd.pid"
    for _ in $(seq 1 100); do
      ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$client_port" endpoint health >/dev/null 2>&1 && break
      sleep 0.1
    done
    export ETCD_ENDPOINTS="http://127.0.0.1:$client_port"
    export LAYER8_ETCD_SERVER="$(command -v etcd)"
    services_log "etcd on $ETCD_ENDPOINTS"
  fi

  services_start_s3
  services_start_kafka
}

services_stop() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  local pids=() pidfile
  for pidfile in "$SERVICES_DIR"/*.pid; do
    [ -f "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  [ "${#pids[@]}" -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  # A broker shuts down in a few seconds; none may outlive the run, so the rest are killed.
  local alive pid
  for _ in $(seq 1 50); do
    alive=""
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.2
  done
  [ -n "$alive" ] && kill -9 "${pids[@]}" 2>/dev/null
  rm -rf "$SERVICES_DIR"
  return 0
}
