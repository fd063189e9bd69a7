#!/usr/bin/env bash
# Lists what local labs hold on this host (read only): namespaces, operator links, fallback
# routes, forward-guard tables, the processes inside lab nodes and the loop devices backing their
# disks (files under the lab root, default /var/lib/kubedos/lab). With a stack name, only that
# stack's. Exit status 1 when something of the stack (or of any lab) exists, 0 when none does,
# so "nothing left behind" after a destroy is: scripts/lab/lab-status.sh STACK && echo clean
set -euo pipefail

stack=${1:-}
if [ -n "$stack" ]; then
  hash=$(printf 'kubedos-lab/%s' "$stack" | sha256sum | cut -c1-10)
  ns_pattern="^kd\.${stack}\."
  link_pattern="kd[op]${hash}"
  table_pattern="kubedos_lab_${hash}"
  metric=$(( 4000000 + 0x$(printf 'kubedos-lab/%s' "$stack" | sha256sum | cut -c1-8) % 1000000 ))
  route_pattern=" metric ${metric} *\$"
else
  ns_pattern='^kd\.'
  link_pattern='kdo[0-9a-f]{10}'
  table_pattern='kubedos_lab_'
  route_pattern=' metric 4[0-9]{6} *$'
fi

found=0
section() {
  local title=$1 body=$2
  if [ -n "$body" ]; then
    found=1
    printf '%s:\n%s\n' "$title" "$body"
  fi
}

namespaces=$(ip netns list | awk '{print $1}' | grep -E "$ns_pattern" || true)
section "namespaces" "$namespaces"
section "operator links" "$(ip -o link show | grep -Eo "$link_pattern" | sort -u || true)"
section "fallback routes" "$(ip route show type unreachable | grep -E "$route_pattern" || true)"
section "forward guards" "$(nft list tables 2>/dev/null | grep -E "$table_pattern" || true)"

processes=""
for ns in $namespaces; do
  for pid in $(ip netns pids "$ns"); do
    processes+="$ns $(ps -o pid=,args= -p "$pid" || true)"$'\n'
  done
done
section "processes" "${processes%$'\n'}"

lab_root=${KUBEDOS_LAB_ROOT:-/var/lib/kubedos/lab}
loops=$(losetup --list --noheadings --raw --output NAME,BACK-FILE 2>/dev/null | grep -F " ${lab_root}/${stack}" || true)
section "loop devices" "$loops"

exit "$found"
