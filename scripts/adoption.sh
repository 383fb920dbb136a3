#!/usr/bin/env bash
# Adoption, as a team would do it: `npm pack` this package, install the tarball into a scratch
# TypeScript project that already has its own @pulumi/pulumi, @pulumi/aws and @pulumi/eks (other
# versions than this package's development pins, inside its peer ranges), then check that
#   - exactly one copy of each is installed, at the project's versions (nothing nested, nothing upgraded),
#   - the README's program (examples/typescript) type-checks against the installed package, with the
#     tsconfig `pulumi new typescript` writes (moduleResolution node, which ignores "exports"),
#   - its copyable test (examples/typescript/index.test.ts) passes under mocha,
#   - installing it with npm 10 and with npm 11 (each from the registry, `npx npm@<major>`) prints no
#     warning that names this package: no install script to approve (the package ships its build;
#     `prepack` makes it), no engine or peer conflict.
# Needs only the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# The project's own versions: inside the peer ranges, and none of them the development pins.
PROJECT_PULUMI=3.230.0
PROJECT_AWS=7.40.0
PROJECT_EKS=4.2.0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/eks-nodegroup-*.tgz)
echo "packed $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KiB)"

# A scratch project of a team's own, installed with npm `major`: its dependencies first, then the
# tarball, whose warnings must not name this package.
install_project() {
  local major=$1 project=$2 log
  mkdir -p "$project"
  cp "$ROOT"/examples/typescript/index.ts "$ROOT"/examples/typescript/nodegroups.ts "$ROOT"/examples/typescript/index.test.ts "$project/"
  cat > "$project/package.json" <<EOF
{
  "name": "platform-stack",
  "private": true,
  "main": "index.ts",
  "dependencies": {
    "@pulumi/aws": "$PROJECT_AWS",
    "@pulumi/eks": "$PROJECT_EKS",
    "@pulumi/pulumi": "$PROJECT_PULUMI"
  },
  "devDependencies": {
    "@types/chai": "^5.2.0",
    "@types/mocha": "^10.0.10",
    "@types/node": "^20.19.0",
    "chai": "^6.3.0",
    "mocha": "^11.7.0",
    "tsx": "^4.23.15",
    "typescript": "~5.9.3"
  }
}
EOF
  (cd "$project" && npx --yes "npm@$major" install --no-audit --no-fund --loglevel=error >/dev/null)
  log="$work/install-npm$major.log"
  (cd "$project" && npx --yes "npm@$major" install --no-audit --no-fund --loglevel=warn "$tarball" >"$log" 2>&1) || { cat "$log"; exit 1; }
  echo "installed with npm $(cd "$project" && npx --yes "npm@$major" --version)"
  if grep -i 'warn' "$log" | grep -F 'eks-nodegroup'; then
    echo "npm $major warned about this package (above)" >&2
    exit 1
  fi
  for spec in "@pulumi/pulumi@$PROJECT_PULUMI" "@pulumi/aws@$PROJECT_AWS" "@pulumi/eks@$PROJECT_EKS"; do
    node "$ROOT/scripts/onecopy.js" "$project" "${spec%@*}" "${spec##*@}" || exit 1
  done
}

# npm 10 (what Node 20 ships) installs and is checked for warnings and single copies; the npm 11
# project also type-checks and runs the README program's test.
install_project 10 "$work/project-npm10"
project="$work/project"
install_project 11 "$project"
cat > "$project/tsconfig.json" <<'EOF'
{
  "compilerOptions": {
    "strict": true,
    "outDir": "bin",
    "target": "es2020",
    "module": "commonjs",
    "moduleResolution": "node",
    "sourceMap": true,
    "experimentalDecorators": true,
    "pretty": true,
    "noFallthroughCasesInSwitch": true,
    "noImplicitReturns": true,
    "forceConsistentCasingInFileNames": true,
    "skipLibCheck": true,
    "types": ["mocha", "node"]
  },
  "files": ["index.ts", "nodegroups.ts", "index.test.ts"]
}
EOF
cd "$project"
npx tsc --noEmit -p .
echo "the README program and its test type-check against the installed package"
npx mocha --require tsx/cjs --timeout 30000 --exit index.test.ts
