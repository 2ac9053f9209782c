#!/usr/bin/env bash
# Builds the lab's shared initramfs: busybox for the plumbing, the REAL storage tools and a real
# bash/env/blkid/wipefs/dd/sha256sum for everything Strata runs (busybox applets answer with other
# output), dropbear as the SSH server, the kernel modules for LVM, dm-crypt, thin pools, NVMe/TCP
# target and initiator, DRBD (8.4, in-tree). Per-VM keys and identities are NOT in it: up.sh appends
# a small per-VM archive (see KERNEL-LAB.md).
#
# usage: lab/build.sh OUTDIR     writes OUTDIR/initramfs.cpio.gz, OUTDIR/vmlinuz, OUTDIR/kver
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUTDIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

kernel="$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$kernel" ] || { echo "build.sh: no /boot/vmlinuz-* (install linux-image-amd64)" >&2; exit 1; }
kver="${kernel#/boot/vmlinuz-}"
[ -d "/lib/modules/$kver" ] || { echo "build.sh: no /lib/modules/$kver for $kernel" >&2; exit 1; }

root="$out/initramfs-root"
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,usr/lib,etc/lvm,etc/nvme,etc/dropbear,root/.ssh,proc,sys,dev,tmp,run,var/lock,mnt}

# busybox and its applets in /bin only: the real tools live in /usr/{s,}bin and come first in PATH.
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

copy_with_libs() { # copy a binary to the same path in the image, with its shared libraries
  local src="$1" dst="${2:-$1}"
  mkdir -p "$root$(dirname "$dst")"
  cp -L "$src" "$root$dst"
  ldd "$src" 2>/dev/null | awk '/=> \//{print $3} /^\t\/lib/{print $1}' | while read -r lib; do
    [ -e "$root$lib" ] || { mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; }
  done
}
real_tool() { # name -> first real binary found on the host
  local p
  for p in "/usr/sbin/$1" "/sbin/$1" "/usr/bin/$1" "/bin/$1"; do
    if [ -x "$p" ] && [ ! -L "$p" -o "$(readlink -f "$p")" != /bin/busybox ]; then echo "$p"; return; fi
  done
  echo "build.sh: the real $1 is not installed (run lab/install.sh)" >&2; return 1
}

for t in lvm dmsetup cryptsetup nvme losetup blkid blockdev wipefs dropbear kmod; do
  copy_with_libs "$(real_tool "$t")" "/usr/sbin/$t"
done
for t in bash env dd sha256sum date sync stat truncate; do
  copy_with_libs "$(real_tool "$t")" "/usr/bin/$t"
done
# thin_check: LVM runs it whenever it activates an existing thin pool (after a reboot); without it
# the pool, and every thin LV in it, stays down. Debian's is a link to pdata_tools (cp -L copies it;
# pdata_tools dispatches on its name).
copy_with_libs "$(real_tool thin_check)" /usr/sbin/thin_check
for t in drbdadm drbdsetup drbdmeta; do # optional: the DRBD step needs them
  if p="$(real_tool "$t" 2>/dev/null)"; then copy_with_libs "$p" "/usr/sbin/$t"; fi
done
[ -d /usr/lib/drbd ] && { mkdir -p "$root/usr/lib/drbd"; for f in /usr/lib/drbd/*; do [ -f "$f" ] && [ -x "$f" ] && copy_with_libs "$f"; done; } || true
for l in pvs vgs lvs pvcreate vgcreate vgremove lvcreate lvextend lvresize lvremove lvchange lvrename vgchange pvscan vgscan lvscan lvdisplay vgdisplay; do
  ln -sf lvm "$root/usr/sbin/$l"
done
for l in modprobe insmod rmmod lsmod depmod modinfo; do ln -sf kmod "$root/usr/sbin/$l"; done
# libgcc_s is dlopen()ed by pthread_cancel (cryptsetup, lvm); ldd does not list it.
for g in /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1; do
  [ -e "$g" ] && { mkdir -p "$root$(dirname "$g")"; cp -L "$g" "$root$g"; break; }
done
# Merged /usr: /lib/x86_64-linux-gnu and /usr/lib/x86_64-linux-gnu are the same on the host.
if [ -d "$root/usr/lib/x86_64-linux-gnu" ] && [ -d "$root/lib/x86_64-linux-gnu" ]; then
  cp -an "$root/usr/lib/x86_64-linux-gnu/." "$root/lib/x86_64-linux-gnu/"
  rm -rf "$root/usr/lib/x86_64-linux-gnu"
  ln -s ../../lib/x86_64-linux-gnu "$root/usr/lib/x86_64-linux-gnu"
fi

# Kernel modules with their dependencies, plus the crypto and lib folders (ciphers load by alias).
mods=(loop dm-mod dm-crypt dm-thin-pool dm-snapshot configfs nvme-tcp nvmet nvmet-tcp drbd xts
      virtio_net virtio_pci virtio_blk af_packet)
moddir="/lib/modules/$kver"
mkdir -p "$root$moddir"
for m in "${mods[@]}"; do
  modprobe -S "$kver" --show-depends "$m" 2>/dev/null | awk '$1=="insmod"{print $2}' | while read -r ko; do
    mkdir -p "$root$(dirname "$ko")"; cp -n "$ko" "$root$ko"
  done
done
for d in kernel/crypto kernel/lib kernel/arch/x86/crypto; do
  [ -d "$moddir/$d" ] && { mkdir -p "$root$moddir/$d"; cp -an "$moddir/$d/." "$root$moddir/$d/"; }
done
# ZFS only when a zfs.ko for this kernel is already there (building zfs-dkms takes ~9 min).
if modinfo -k "$kver" zfs >/dev/null 2>&1 && command -v zpool >/dev/null; then
  modprobe -S "$kver" --show-depends zfs | awk '$1=="insmod"{print $2}' | while read -r ko; do
    mkdir -p "$root$(dirname "$ko")"; cp -n "$ko" "$root$ko"
  done
  for t in zpool zfs; do copy_with_libs "$(real_tool "$t")" "/usr/sbin/$t"; done
  # No udev in the VM, so no /dev/zvol/<pool>/<name> links: zvol_id (udev's helper) names the
  # dataset of a /dev/zdN, which is how the lab finds a zvol's device by hand.
  for z in /lib/udev/zvol_id /usr/lib/udev/zvol_id; do
    [ -x "$z" ] && { copy_with_libs "$z" /usr/sbin/zvol_id; break; }
  done
  echo yes > "$out/zfs"
else
  echo "no zfs.ko for $kver (zfs-dkms not built; the lab skips ZFS)" > "$out/zfs"
fi
# Decompress the modules so the VM's kmod needs no compression library.
find "$root$moddir" -name '*.ko.xz' -exec xz -d {} + 2>/dev/null || true
find "$root$moddir" -name '*.ko.zst' -exec zstd -q -d --rm {} + 2>/dev/null || true
cp "$moddir"/modules.{order,builtin,builtin.modinfo} "$root$moddir/" 2>/dev/null || true
depmod -b "$root" "$kver"

# No udev in the VM: LVM must not wait for it nor ask it for devices.
cat > "$root/etc/lvm/lvm.conf" <<'LVM'
devices { obtain_device_list_from_udev = 0 use_devicesfile = 0 }
activation { udev_sync = 0 udev_rules = 0 monitoring = 0 }
global { use_lvmpolld = 0 }
LVM
cp "$here/vm/init" "$root/init"
cp "$here/vm/labsh" "$root/usr/bin/labsh"
chmod 0755 "$root/init" "$root/usr/bin/labsh"
echo /usr/bin/labsh > "$root/etc/shells"
echo 'root:x:0:0:root:/root:/usr/bin/labsh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
echo 'root:*:19000:0:99999:7:::' > "$root/etc/shadow"
chmod 0600 "$root/etc/shadow"
echo "$kver" > "$root/etc/lab-kver"

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 > "$out/initramfs.cpio.gz"
rm -rf "$root"
cp "$kernel" "$out/vmlinuz"
echo "$kver" > "$out/kver"
echo "build.sh: $out/initramfs.cpio.gz ($(du -h "$out/initramfs.cpio.gz" | cut -f1)) for kernel $kver" >&2
