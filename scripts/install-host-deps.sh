#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, test and run Kubedos (run as root).
set -euo pipefail

packages=(
  ca-certificates git openssl util-linux procps psmisc
  iproute2 nftables iputils-ping netcat-openbsd
  wireguard-tools wireguard-go
  openssh-server openssh-client
)

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

if ! command -v dotnet >/dev/null 2>&1; then
  echo "kubedos: the .NET SDK 10 is required (dotnet not found on PATH)" >&2
  exit 1
fi
