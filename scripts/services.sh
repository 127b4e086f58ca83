#!/usr/bin/env bash
# Backing servers for the tests: installs Redis and etcd where missing (Debian packages), starts
# them on free loopback ports with throwaway data dirs, and stops them. Sourced by test.sh:
#   source scripts/services.sh; services_start; ...; services_stop
# Exports for the tests: REDIS_URL, ETCD_ENDPOINTS, and LAYER8_REDIS_SERVER / LAYER8_ETCD_SERVER
# (the server binaries, for tests that start and stop servers of their own).

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

services_start() {
  services_install
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
}

services_stop() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  for pidfile in "$SERVICES_DIR"/redis.pid "$SERVICES_DIR"/etcd.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  sleep 0.2
  rm -rf "$SERVICES_DIR"
}
