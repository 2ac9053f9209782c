#!/usr/bin/env bash
# Installs what the kernel lab needs from Debian's packages, when run as root with apt-get and
# something is missing; otherwise says why it does nothing. Safe to run again (installs only what
# is missing). ZFS only with LAB_ZFS=1: building zfs-dkms takes ~9 minutes (see lab/README.md).
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "lab/install.sh: not root — nothing installed (the lab will skip)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "lab/install.sh: no apt-get — nothing installed (the lab will skip)" >&2
  exit 0
fi

# program-or-file:package pairs; a package is installed when its program/file is missing.
wants=(
  qemu-system-x86_64:qemu-system-x86
  busybox:busybox-static
  cpio:cpio
  modprobe:kmod
  dropbear:dropbear-bin
  dropbearkey:dropbear-bin
  lvm:lvm2
  thin_check:thin-provisioning-tools
  dmsetup:dmsetup
  cryptsetup:cryptsetup-bin
  nvme:nvme-cli
  losetup:mount
  blkid:util-linux
  wipefs:util-linux
  sha256sum:coreutils
  bash:bash
  ssh:openssh-client
  ssh-keygen:openssh-client
  jq:jq
)
need=()
for w in "${wants[@]}"; do
  prog="${w%%:*}" pkg="${w#*:}"
  if ! command -v "$prog" >/dev/null && [ ! -x "/usr/sbin/$prog" ] && [ ! -x "/sbin/$prog" ]; then
    need+=("$pkg")
  fi
done
# busybox (the dynamic one) may be present but the initramfs needs the static build.
if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
  need+=(busybox-static)
fi
# The VM kernel: Debian's own, with its modules as plain .ko files.
if ! compgen -G '/boot/vmlinuz-*' >/dev/null; then
  need+=(linux-image-amd64)
fi

# ZFS (opt-in, LAB_ZFS=1): DKMS builds zfs.ko for the VM kernel (the newest /boot/vmlinuz-*, as
# build.sh picks it) from Debian's contrib component, about 9 minutes on 2 cores — too slow for CI,
# so off by default. build.sh puts zfs.ko, zpool, zfs and zvol_id into the initramfs when they exist.
zfs_contrib=""
if [ "${LAB_ZFS:-0}" = 1 ]; then
  kernel="$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)"
  kver="${kernel#/boot/vmlinuz-}"
  if [ -z "$kernel" ]; then
    echo "lab/install.sh: LAB_ZFS=1 but no /boot/vmlinuz-* yet: run lab/install.sh again after the kernel is installed" >&2
  elif modinfo -k "$kver" zfs >/dev/null 2>&1 && command -v zpool >/dev/null; then
    echo "lab/install.sh: LAB_ZFS=1: zfs.ko for $kver and zpool are installed" >&2
  else
    echo "lab/install.sh: LAB_ZFS=1: no zfs.ko for the VM kernel $kver: installing linux-headers-$kver, zfs-dkms, zfsutils-linux (DKMS builds the module: about 9 minutes)" >&2
    need+=("linux-headers-$kver" zfs-dkms zfsutils-linux)
    # zfs-dkms is in Debian's contrib component: add it for the archives the machine already uses
    # for main (deb822 .sources files and one-line sources.list entries), unless one has it.
    if ! grep -rqsE '^[^#]*(Components:.*\bcontrib\b|deb .* contrib\b)' /etc/apt/sources.list /etc/apt/sources.list.d/ ; then
      zfs_contrib=/etc/apt/sources.list.d/strata-lab-contrib.sources
    fi
  fi
else
  echo "lab/install.sh: ZFS not installed (opt in with LAB_ZFS=1: zfs-dkms takes ~9 minutes to build)" >&2
fi
if [ -n "$zfs_contrib" ]; then
  # Each main stanza of a deb822 file, or each "deb URI SUITE main" line, again with contrib only.
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      awk -v RS= '/(^|\n)Components:[^\n]*[ \t]main([ \t]|\n|$)/ && !/(^|\n)Enabled: *no/ {
        uris=""; suites=""; signed=""
        n=split($0, l, "\n")
        for (i = 1; i <= n; i++) {
          if (l[i] ~ /^URIs:/) uris=l[i]; else if (l[i] ~ /^Suites:/) suites=l[i]; else if (l[i] ~ /^Signed-By:/) signed=l[i]
        }
        if (uris != "" && suites != "") { printf "Types: deb\n%s\n%s\nComponents: contrib\n", uris, suites; if (signed != "") print signed; print "" }
      }' "$f"
    done
    [ -f /etc/apt/sources.list ] && awk '$1 == "deb" && / main( |$)/ {
      i = 2; opts = ""; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      printf "Types: deb\nURIs: %s\nSuites: %s\nComponents: contrib\n\n", $i, $(i + 1)
    }' /etc/apt/sources.list
  } > "$zfs_contrib.tmp"
  if [ -s "$zfs_contrib.tmp" ]; then
    mv "$zfs_contrib.tmp" "$zfs_contrib"
    echo "lab/install.sh: added Debian's contrib component (zfs-dkms lives there) in $zfs_contrib:" >&2
    sed 's/^/  /' "$zfs_contrib" >&2
  else
    rm -f "$zfs_contrib.tmp"
    echo "lab/install.sh: found no main archive in apt's sources to add contrib for; zfs-dkms may not be found" >&2
  fi
fi
if [ ${#need[@]} -eq 0 ]; then
  echo "lab/install.sh: everything the lab needs is installed" >&2
  exit 0
fi
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
echo "lab/install.sh: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "lab/install.sh: done" >&2
