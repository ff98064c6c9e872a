# Sourced by http.sh and pages.sh: builds the peers in $PEERS that are missing (../shared/peers), starts them, and
# sets PEER_PORT (name → port) and pid_opts (bench.sh's -p options: ours=$SERVER and each running peer).
# Needs SHARED, PEERS, WORK, SERVER; $1 names the calling script in messages.
start_peers() {
  local caller=$1 p
  local build=${PEERS_BUILD:-${XDG_CACHE_HOME:-$HOME/.cache}/peers-build}
  local -A binary=([hb]=hb/release/HBPeer [vapor]=vapor/release/VaporPeer [flyingfox]=flyingfox/release/FFPeer)
  local missing=()
  for p in $PEERS; do
    [[ -n ${binary[$p]:-} && ! -x $build/${binary[$p]} ]] && missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "[$caller] building peers: ${missing[*]} (minutes)"
    "$SHARED/peers/build_peers.sh" "${missing[@]}" > "$WORK/peers-build.log" 2>&1 || echo "[$caller] peer build failed"
  fi
  # shellcheck disable=SC2086
  "$SHARED/peers/run_peers.sh" start $PEERS > "$WORK/peers.log" 2>&1
  declare -gA PEER_PORT=([hb]=8081 [vapor]=8082 [flyingfox]=8083 [nginx]=8084)
  pid_opts=(-p "ours=$SERVER")
  for p in $PEERS; do
    [[ -f /tmp/rig-peers/$p.pid ]] && pid_opts+=(-p "$p=$(cat "/tmp/rig-peers/$p.pid")")
  done
}
