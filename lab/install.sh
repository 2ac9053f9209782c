#!/usr/bin/env bash
# Installs what the kernel lab needs from Debian's packages, when run as root with apt-get and
# something is missing; otherwise says why it does nothing. Safe to run again (installs only what
# is missing). ZFS is not installed: building zfs-dkms takes ~9 minutes (see lab/README.md).
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
