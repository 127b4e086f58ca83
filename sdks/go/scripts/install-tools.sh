#!/usr/bin/env bash
# Installs the pinned Go tools this package needs into sdks/go/.bin (not on anyone's PATH, not
# in go.mod, so the SDK's users never see them): the protobuf and gRPC code generators that
# `buf generate` runs as local plugins, and gotestsum for the JUnit report. A tool already at
# its pinned version is left alone, so repeated runs cost a version check each.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$PWD/.bin"
mkdir -p "$BIN"

PROTOC_GEN_GO=v1.36.12
PROTOC_GEN_GO_GRPC=v1.6.2
GOTESTSUM=v1.13.0

# install <binary> <module path of the main package> <version> <text its --version prints>
install() {
  local name=$1 pkg=$2 version=$3 expected=$4
  if [ -x "$BIN/$name" ] && "$BIN/$name" --version 2>/dev/null | grep -qF -- "$expected"; then
    return
  fi
  echo "install-tools: installing $name $version"
  GOBIN="$BIN" GOFLAGS=-mod=mod go install "$pkg@$version"
}

install protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO" "$PROTOC_GEN_GO"
install protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc "$PROTOC_GEN_GO_GRPC" "${PROTOC_GEN_GO_GRPC#v}"
install gotestsum gotest.tools/gotestsum "$GOTESTSUM" "${GOTESTSUM#v}"
