#!/usr/bin/env bash
# Benchmark: whole-process wall time of `kubedos validate` (load + validate + normalise) on a
# generated ClusterSpec of N nodes (default 1,000) that this build accepts (local substrate: a
# field it does not carry out would be refused). Prints one line per run and the median.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${1:-1000}"
runs="${2:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
spec="$work/spec-$nodes.yaml"

{
  cat <<YAML
apiVersion: kubedos.ca/v1alpha1
kind: Cluster
metadata:
  name: bench-$nodes
spec:
  substrate:
    type: local
    allowDestroy: false
    local:
      underlayCidr: 10.200.0.0/16
  nodes:
    inventory:
YAML
  for i in $(seq 1 "$nodes"); do
    role=worker
    [ "$i" -le 3 ] && role=control-plane
    printf '      - { name: node-%d, role: %s, index: %d }\n' "$i" "$role" "$i"
  done
  cat <<YAML
  networking:
    planes:
      wg1: { cidr: 10.64.0.0/16, purpose: control }
      wg2: { cidr: 10.65.0.0/16, purpose: observability }
      wg3: { cidr: 10.66.0.0/16, purpose: kubernetes-backend }
    addressing:
      mode: deterministic
    policy:
      defaultInterPlane: deny
      allow:
        - { from: wg1, to: wg3, ports: ["6443/tcp", "2379-2380/tcp", "10250/tcp"] }
  security:
    bootstrap:
      model: offline-ca
    enrollment:
      mode: token+pin
    ssh:
      allowUsers: ["ops"]
  kubernetes:
    ha:
      controlPlaneReplicas: 3
YAML
} > "$spec"

"$root/kubedos" validate "$spec" >/dev/null   # build once, warm the disk cache
echo "spec: $nodes nodes, $(wc -c <"$spec") bytes, $(wc -l <"$spec") lines"
times=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$root/kubedos" validate "$spec" >/dev/null
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $run: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "median whole-process wall time (load + validate + normalise, $nodes nodes): ${median} ms"
