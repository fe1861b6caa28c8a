#!/usr/bin/env bash
# Rewrites app-grpc/src/main/proto/buf-baseline.binpb, the buf image of the released API that `buf breaking`
# (BufIT, in ./mvnw -B verify) checks the protos against. Run it once per release of docverify.v1 (or after an
# agreed change to v1 that no client depends on yet), then commit the image:
#   app-grpc/src/test/buf/refresh-baseline.sh && git add app-grpc/src/main/proto/buf-baseline.binpb
# buf comes from npm (@bufbuild/buf, pinned in package-lock.json beside this script), installed into
# app-grpc/target/buf-tool as BufIT installs it. Needs Node.js 18+ and npm (./test.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
proto="$(cd "$here/../../main/proto" && pwd)"
tool="$here/../../../target/buf-tool"

mkdir -p "$tool"
cp "$here/package.json" "$here/package-lock.json" "$tool/"
# --ignore-scripts: @bufbuild/buf's postinstall only shortcuts its launcher, which finds the binary without it.
(cd "$tool" && npm ci --ignore-scripts --no-audit --no-fund >&2)
buf="$tool/node_modules/.bin/buf"

"$buf" lint "$proto"
"$buf" build "$proto" -o "$proto/buf-baseline.binpb"
echo "refresh-baseline.sh: wrote $proto/buf-baseline.binpb with buf $("$buf" --version); commit it" >&2
