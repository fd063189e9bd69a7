#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, test and run Kubedos (run as root).
# Idempotent: installed packages are skipped, checks only read.
set -euo pipefail

# The local lab substrate (providers/Local) drives these on the host:
#   iproute2 (ip netns/link/route), util-linux (unshare, nsenter, setsid, findmnt),
#   nftables, wireguard-tools + wireguard-go (userspace WireGuard when the kernel lacks it),
#   openssh-server/client, passwd (useradd inside nodes), procps, iputils-ping, netcat-openbsd.
# Converge (components/Converge) runs ansible-core from the host over SSH; lab nodes share the host's /usr, so
#   runit (runsvdir/sv/svlogd supervise node services), sudo (the converge user becomes root) and fdisk
#   (sfdisk: converge repartitions lab disks, loop devices from util-linux losetup) come from here.
# Observability (ansible roles node_exporter, prometheus, alertmanager, log_forwarder, log_collector) runs the
#   host's Prometheus 2.42 (promtool), node exporter, Alertmanager (amtool) and rsyslog with gnutls on the nodes;
#   the observability-stack gate asks Prometheus's API with curl and jq.
packages=(
  ca-certificates git openssl util-linux procps psmisc passwd
  iproute2 nftables iputils-ping netcat-openbsd
  wireguard-tools wireguard-go
  openssh-server openssh-client
  ansible-core runit sudo fdisk
  prometheus prometheus-node-exporter prometheus-alertmanager rsyslog rsyslog-gnutls curl jq
  # The node image (image/, kubedos image lock|build): a private apt against Debian's signed index, mmdebstrap,
  # a local repository (dpkg-scanpackages), the ext4 and GPT disk (e2fsprogs, fdisk's sfdisk), GRUB for BIOS boot,
  # qcow2 (qemu-utils), the ISO and seed (xorriso, mtools, squashfs-tools), and QEMU to boot them in tests.
  debian-archive-keyring mmdebstrap dpkg-dev e2fsprogs fdisk grub-pc-bin grub-efi-amd64-bin mtools
  squashfs-tools xorriso qemu-utils qemu-system-x86 ovmf
)
# The recovery bundle's report.html is opened in headless Chromium by its test (the DOM a browser builds, a screenshot).
packages+=(chromium)
# The postgres:// state backend's server, for its tests (scripts/postgres-up starts it).
packages+=(postgresql)
# etcd members on control-plane nodes (ansible/roles/etcd, /usr/bin/etcd and etcdctl, 3.4), and curl, which the
# etcd-quorum gate's TLS-refusal probes use.
packages+=(etcd-server etcd-client curl)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "kubedos: installing host packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Lab nodes get a private /etc through overlayfs; wireguard-go needs the TUN device.
if ! grep -qw overlay /proc/filesystems; then
  modprobe overlay 2>/dev/null || echo "kubedos: warning: overlayfs is unavailable; lab nodes cannot start" >&2
fi
if [ ! -c /dev/net/tun ]; then
  echo "kubedos: warning: /dev/net/tun is missing; wireguard-go planes cannot start" >&2
fi

# Node state (host keys among it) is root's alone.
install -d -m 0700 /var/lib/kubedos/lab

if ! command -v dotnet >/dev/null 2>&1; then
  echo "kubedos: the .NET SDK 10 is required (dotnet not found on PATH)" >&2
  exit 1
fi
