#!/usr/bin/env bash
# Playwright's executablePath for a Chromium inside a network namespace (the e2e NAT lab).
# DCKIT_NETNS names the namespace; DCKIT_NETNS_BROWSER is the browser (default /usr/bin/chromium).
# Playwright talks to Chromium over a pipe (inherited file descriptors), which `ip netns exec`
# keeps, so no socket has to cross the namespace boundary.
set -euo pipefail
: "${DCKIT_NETNS:?DCKIT_NETNS must name the network namespace to run Chromium in}"

# Chromium keeps only the last --disable-features (and --enable-features) switch, and Playwright
# passes lists of its own: merge every occurrence into one, where the first one stood.
args=()
disable=''
enable=''
disable_at=-1
enable_at=-1
for arg in "$@"; do
  case "$arg" in
    --disable-features=*)
      ((disable_at < 0)) && disable_at=${#args[@]} && args+=('')
      disable+="${disable:+,}${arg#*=}"
      ;;
    --enable-features=*)
      ((enable_at < 0)) && enable_at=${#args[@]} && args+=('')
      enable+="${enable:+,}${arg#*=}"
      ;;
    *) args+=("$arg") ;;
  esac
done
((disable_at < 0)) || args[disable_at]="--disable-features=$disable"
((enable_at < 0)) || args[enable_at]="--enable-features=$enable"

exec ip netns exec "$DCKIT_NETNS" "${DCKIT_NETNS_BROWSER:-/usr/bin/chromium}" "${args[@]}"
