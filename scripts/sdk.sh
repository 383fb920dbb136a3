#!/usr/bin/env bash
# The SDKs in sdk/, from schema.json:
#   scripts/sdk.sh generate   Python, Go, Node.js, .NET through Pulumi's code generators (scripts/sdkgen),
#                             Java through `pulumi package gen-sdk` and the Java language host, plus a
#                             Maven pom beside its Gradle build (scripts/javasdk.js)
#   scripts/sdk.sh check      generate, then fail when sdk/ differs from what is committed
#   scripts/sdk.sh test       the Python SDK under pytest with Pulumi's mocks, the Go SDK under go vet
#                             and go test with pulumi.WithMocks (tests/sdk/), examples/python and
#                             examples/go under the same mocks, the Java SDK built and
#                             installed into ~/.m2 with Maven (the Java example and tests/e2e use it)
#                             and its tests (tests/sdk/java, JUnit); the SDKs' testing helpers run
#                             this repository's pulumi-resource-eks-nodegroup (needs npm run build)
# The CLI and the Java host come from scripts/build-tools.sh (cached outside the work tree).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=local GOFLAGS=-mod=mod PULUMI_SKIP_UPDATE_CHECK=1
TOOLS_DIR="${EKS_NODEGROUP_TOOLS:-$HOME/.cache/eks-nodegroup/tools}"

# Hand-written beside the generated code: each SDK's testing helper (docs/testing.md). The generators
# replace their directories whole; these are set aside and put back.
HANDWRITTEN=(
  sdk/python/eks_nodegroup/testing.py
  sdk/go/eksnodegroup/nodegrouptest
  sdk/java/src/main/java/io/github/eksnodegroup/eksnodegroup/testing
  sdk/dotnet/Testing
)

generate() {
  local kept; kept=$(mktemp -d)
  local path
  for path in "${HANDWRITTEN[@]}"; do
    [ -e "$path" ] || { echo "scripts/sdk.sh: $path (hand-written) is missing" >&2; exit 1; }
    mkdir -p "$kept/$(dirname "$path")" && cp -R "$path" "$kept/$path"
  done
  generate_sdks
  for path in "${HANDWRITTEN[@]}"; do
    rm -rf "$path" && mkdir -p "$(dirname "$path")" && cp -R "$kept/$path" "$path"
  done
  rm -rf "$kept"
}

generate_sdks() {
  local bin; bin=$(scripts/build-tools.sh pulumi java | tail -n 1)
  (cd scripts/sdkgen && go build -o "$TOOLS_DIR/bin/eks-nodegroup-sdkgen" .)
  local home; home=$(mktemp -d)
  "$TOOLS_DIR/bin/eks-nodegroup-sdkgen" schema.json sdk "$home/schema.json"
  rm -rf sdk/java
  PATH="$bin:$PATH" PULUMI_HOME="$home" PULUMI_BACKEND_URL="file://$home" \
    "$bin/pulumi" package gen-sdk "$home/schema.json" --language java --out sdk >/dev/null
  node scripts/javasdk.js schema.json sdk/java
}

case "${1:-}" in
  generate) generate ;;
  check)
    generate
    if [ -n "$(git status --porcelain -- sdk)" ]; then
      git status --short -- sdk; git diff --stat -- sdk
      echo "sdk/ is stale: run scripts/sdk.sh generate and commit" >&2; exit 1
    fi ;;
  test)
    # The testing helpers (eks_nodegroup.testing, nodegrouptest, ...testing.NodeGroupMocks) validate with it.
    export EKS_NODEGROUP_PROVIDER="$PWD/pulumi-resource-eks-nodegroup"
    [ -f bin/provider/index.js ] || { echo "scripts/sdk.sh test: build first (npm run build)" >&2; exit 1; }
    venv=$(mktemp -d)/venv
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "pulumi==3.260.0" pytest ./sdk/python
    "$venv/bin/python" -m pytest -q tests/sdk/python
    (cd sdk/go && go vet ./...)
    for dir in tests/sdk/go examples/go; do
      (cd "$dir" && go vet ./... && go test -count=1 -v ./... 2>&1 | grep -E '^(=== RUN|--- |ok|FAIL|PASS)')
    done
    mvn -B -q --no-transfer-progress -f sdk/java install
    mvn -B -q --no-transfer-progress -Dstyle.color=never -f tests/sdk/java test
    grep -h "Tests run" tests/sdk/java/target/surefire-reports/*.txt ;;
  *) echo "usage: scripts/sdk.sh generate|check|test" >&2; exit 2 ;;
esac
