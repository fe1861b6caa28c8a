#!/usr/bin/env bash
# The one test command (README "The two commands"; .ci/run calls exactly this).
# It installs what the tests need (a JDK 17+, Node.js 18+ and npm) the ordinary way, when it is missing, then runs every test:
# nothing in `verify` is skipped because a tool is missing. A tool that cannot be installed stops here with a
# message that says how to install it by hand.
# Extra arguments go to Maven and make it a narrower run (verify only): ./test.sh -pl domain -am
set -euo pipefail
cd "$(dirname "$0")"

say() { printf 'test.sh: %s\n' "$*" >&2; }

# Installs Debian packages (as root, or through sudo) or fails with the command to run by hand.
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing: $*; apt-get is not available here: install $* yourself, then run ./test.sh again"
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      say "missing: $*; run as root or install them: apt-get install -y $*"
      exit 1
    fi
  fi
  say "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@"; } >&2; then
    say "could not install $*: run 'apt-get install -y $*' yourself, then ./test.sh again"
    exit 1
  fi
}

# A JDK 17 or newer (javac too: the Maven wrapper compiles). Debian's default JDK is 17 or newer.
java_major() {
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' || true)"
  v="${v%%.*}"
  echo "${v:-0}"
}
if ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  apt_install default-jdk-headless
fi
if [ "$(java_major)" -lt 17 ]; then
  say "Java $(java_major) is too old: the build needs a JDK 17 or newer (apt-get install -y openjdk-17-jdk-headless)"
  exit 1
fi

# Node.js 18+ and npm: the Node end-to-end tests (grpc-js against the service jar) and the proto checks (BufIT,
# buf from npm). The tests fetch their npm packages themselves (npm ci into target/), so only node and npm are
# needed here.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  say "Node.js $node_major is too old: the end-to-end tests need Node.js 18 or newer (Debian 12 and later ship it;"
  say "elsewhere install it from https://nodejs.org or with nvm), then run ./test.sh again"
  exit 1
fi

# Debian's chromium: the reviewer page's browser test (ReviewerPageBrowserTest, playwright-core from npm drives
# /usr/bin/chromium).
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# Python 3 with gRPC, from Debian's packages (PyPI is not needed): the Python end-to-end test (PythonClientIT) runs
# /usr/bin/python3 with python3-grpcio and python3-protobuf, and generates its stubs with protoc and
# grpc_python_plugin (protobuf-compiler, protobuf-compiler-grpc).
if ! /usr/bin/python3 -c 'import grpc, google.protobuf' >/dev/null 2>&1 || ! command -v protoc >/dev/null 2>&1 \
    || [ ! -x /usr/bin/grpc_python_plugin ]; then
  apt_install python3 python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc
fi

java -version 2>&1 | head -1 >&2
say "node $(node --version), npm $(npm --version), python3 grpcio $(/usr/bin/python3 -c 'import grpc; print(grpc.__version__)'), $(protoc --version)"

# With arguments (a narrower run, e.g. -pl domain -am): just those, as asked.
if [ "$#" -gt 0 ]; then
  exec ./mvnw -B verify "$@"
fi

# The whole build: every test (deploy runs verify first), then each published module's jar, -sources.jar,
# -javadoc.jar (-Ppublish, so the Javadoc is checked too) and POM deployed to a file repository in target/, as
# they would go to Maven Central. Not installed: the local repository keeps no docverify snapshot that a later
# narrow build could take instead of the checkout's code.
staging="$PWD/target/staging-repository"
rm -rf "$staging"
./mvnw -B deploy -Ppublish -Dmaven.install.skip=true -DaltDeploymentRepository="docverify-staging::file://$staging"

# A user's project (examples/consumer: README's Java example) built against those artifacts. It reads the usual
# local repository but writes only to its own (target/consumer-m2), so the snapshots it fetches stay there.
say "examples/consumer against $staging"
rm -rf target/consumer-m2
exec ./mvnw -B -f examples/consumer/pom.xml verify -Ddocverify.repository="file://$staging" \
  -Dmaven.repo.local="$PWD/target/consumer-m2" -Dmaven.repo.local.tail="$HOME/.m2/repository"
