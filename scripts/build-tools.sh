#!/usr/bin/env bash
# Builds the real tools the tests drive, from their published Go modules, into a cache
# outside the work tree (nothing built is committed). Idempotent: a tool already built at
# the pinned version is kept. Versions are pinned because the Go proxy here is filtered
# (see shared/TOOLING.md): a refused version fails at once, `@latest` can be wrong.
#
#   scripts/build-tools.sh [pulumi] [yaml] [java] [nodeadm] [nodeadm-probe] [kubelet-probe]    (default: all)
#
# Prints the bin directory on the last line; add it to PATH.
set -euo pipefail

PULUMI_VERSION=v3.260.0
YAML_HOST_VERSION=v1.38.1
JAVA_HOST_VERSION=v1.22.0
NODEADM_VERSION=v0.0.0-20260213141146-147b13ea3f4a
# The k8s.io/kubelet of src/data/kubelet-config.json (scripts/kubeletconfig pins it).
KUBELET_VERSION=v0.36.5

TOOLS_DIR="${EKS_NODEGROUP_TOOLS:-$HOME/.cache/eks-nodegroup/tools}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$TOOLS_DIR/bin"
mkdir -p "$BIN" "$TOOLS_DIR/modules"
export GOFLAGS="${GOFLAGS:--mod=mod}"
export GOTOOLCHAIN=local

# build NAME VERSION-STAMP GO-PACKAGE LDFLAGS REQUIRE...
build() {
  local name=$1 stamp=$2 pkg=$3 ldflags=$4; shift 4
  if [[ -x "$BIN/$name" && "$(cat "$BIN/.$name.version" 2>/dev/null)" == "$stamp" ]]; then
    echo "$name $stamp: cached" >&2; return 0
  fi
  local mod="$TOOLS_DIR/modules/$name"
  rm -rf "$mod"; mkdir -p "$mod"
  # A package path of ./ is source of this repository (tests/tools/<name>/), copied into the build module.
  if [[ $pkg == ./* ]]; then cp "$REPO/$pkg"/*.go "$mod/"; pkg=.; fi
  (
    cd "$mod"
    go mod init "tools.local/$name" >/dev/null 2>&1
    for req in "$@"; do go mod edit -require="$req"; done
    echo "$name $stamp: building $pkg" >&2
    local start=$SECONDS
    go build -o "$BIN/$name" -ldflags "$ldflags" "$pkg"
    echo "$name $stamp: built in $((SECONDS - start)) s" >&2
  )
  echo "$stamp" > "$BIN/.$name.version"
}

want() { [[ $# -eq 0 ]] && return 0; local t; for t in "${SELECTED[@]}"; do [[ $t == "$1" ]] && return 0; done; return 1; }
SELECTED=("$@")
all=$([[ $# -eq 0 ]] && echo 1 || echo 0)
pick() { [[ $all == 1 ]] || want "$1"; }

if pick pulumi; then
  build pulumi "$PULUMI_VERSION" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
fi
if pick yaml; then
  build pulumi-language-yaml "$YAML_HOST_VERSION" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
    "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_HOST_VERSION" \
    "github.com/pulumi/pulumi-yaml@$YAML_HOST_VERSION"
fi
if pick java; then
  build pulumi-language-java "$JAVA_HOST_VERSION" github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java \
    "-X github.com/pulumi/pulumi-java/pkg/version.Version=$JAVA_HOST_VERSION" \
    "github.com/pulumi/pulumi-java/pkg@$JAVA_HOST_VERSION"
fi
if pick nodeadm; then
  build nodeadm "$NODEADM_VERSION" github.com/awslabs/amazon-eks-ami/nodeadm/cmd/nodeadm "" \
    "github.com/awslabs/amazon-eks-ami/nodeadm@$NODEADM_VERSION"
fi
if pick nodeadm-probe; then
  # Versioned by nodeadm's and by its own source: a change to either rebuilds it.
  build nodeadm-probe "$NODEADM_VERSION-$(sha256sum "$REPO/tests/tools/nodeadmprobe/main.go" | cut -c1-12)" ./tests/tools/nodeadmprobe "" \
    "github.com/awslabs/amazon-eks-ami/nodeadm@$NODEADM_VERSION" "github.com/google/cel-go@v0.27.0" "sigs.k8s.io/yaml@v1.6.0"
fi
if pick kubelet-probe; then
  # Versioned by k8s.io/kubelet's and by its own source: a change to either rebuilds it.
  build kubelet-probe "$KUBELET_VERSION-$(sha256sum "$REPO/tests/tools/kubeletprobe/main.go" | cut -c1-12)" ./tests/tools/kubeletprobe "" \
    "k8s.io/kubelet@$KUBELET_VERSION"
fi
echo "$BIN"
