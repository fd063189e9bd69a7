#!/usr/bin/env bash
# Benchmark: whole-process wall time of `kubedos validate` (load + validate + normalise) on a
# generated ClusterSpec of N nodes (default 1,000). Prints one line per run and the median.
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
    type: proxmox
    allowDestroy: false
    proxmox:
      clusterName: pve-bench
      vmidRange: { start: 10000, end: $((10000 + nodes * 2)) }
      bridges:
        - { name: vmbr0, vlanAware: true, trunks: [10, 20, 30] }
      storagePools:
        - { name: fast-zfs, type: zfs }
  nodes:
    failureDomains:
      - name: rack-a
      - name: rack-b
      - name: rack-c
    inventory:
YAML
  for i in $(seq 1 "$nodes"); do
    role=worker
    [ "$i" -le 3 ] && role=control-plane
    racks=(rack-a rack-b rack-c)
    printf '      - name: node-%d\n        role: %s\n        failureDomain: %s\n        index: %d\n        resources: { cpu: 4, memoryMiB: 8192 }\n        disks:\n          - { pool: fast-zfs, sizeGiB: 64, purpose: os }\n        nics:\n          - { bridge: vmbr0, vlan: 10, purpose: uplink }\n' \
      "$i" "$role" "${racks[$((i % 3))]}" "$i"
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
    enabled: true
    version: "v1.30.4"
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
