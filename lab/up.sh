#!/usr/bin/env bash
# Boots N lab VMs (default 2) from OUTDIR/initramfs.cpio.gz (build.sh) as SSH storage nodes, waits
# until each answers over SSH with its pinned host key, and writes what Strata needs:
#   OUTDIR/id_ed25519            the client key (per run)
#   OUTDIR/known_hosts           the VMs' host keys (per run, for the lab's own ssh by hand)
#   OUTDIR/vms.tsv               name, ssh port, data address, qemu pid, host NQN — one VM a line
#   OUTDIR/real/strata.yaml, OUTDIR/real/manifests/nodes.yaml    SSH nodes with pinned keys
#   OUTDIR/sim/strata.yaml,  OUTDIR/sim/manifests/nodes.yaml     the same nodes, simulated
# Each VM: 1 vCPU, 512 MiB, TCG; user-mode net (SSH via hostfwd on 127.0.0.1) and a socket
# multicast net on loopback for VM-to-VM data traffic (10.99.0.1N); vm1 has a persistent disk
# (OUTDIR/vm1/disk0.img, virtio-blk) as its PV. down.sh stops them, reboot.sh restarts one.
#
# usage: lab/up.sh OUTDIR [N]    env: LAB_BOOT_DEADLINE (seconds, default 300)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "${1:?usage: up.sh OUTDIR [N]}" && pwd)"
count="${2:-2}"
deadline_s="${LAB_BOOT_DEADLINE:-300}"
[ -f "$out/initramfs.cpio.gz" ] || { echo "up.sh: run build.sh $out first" >&2; exit 1; }

rm -f "$out/id_ed25519" "$out/id_ed25519.pub"
ssh-keygen -q -t ed25519 -N '' -C strata-lab -f "$out/id_ed25519"
: > "$out/known_hosts"
: > "$out/vms.tsv"

free_port() { # a free TCP port on 127.0.0.1 in 20000-29999
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 10000))
    if ! ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; then echo "$p"; return; fi
  done
  echo "up.sh: no free port found" >&2; return 1
}
# A multicast group and port of this run only, so two labs on one machine do not hear each other.
mcast="230.$((RANDOM % 200 + 1)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1)):$(free_port)"

for i in $(seq 1 "$count"); do
  name="vm$i"; dir="$out/$name"; rm -rf "$dir"; mkdir -p "$dir/root/etc/lab" "$dir/root/etc/dropbear" "$dir/root/etc/nvme" "$dir/root/root/.ssh"
  dropbearkey -t ed25519 -f "$dir/root/etc/dropbear/dropbear_ed25519_host_key" >/dev/null 2>&1
  hostkey="$(dropbearkey -y -f "$dir/root/etc/dropbear/dropbear_ed25519_host_key" | awk '/^ssh-ed25519 /{print $1" "$2}')"
  cp "$out/id_ed25519.pub" "$dir/root/root/.ssh/authorized_keys"
  chmod 700 "$dir/root/root/.ssh"; chmod 600 "$dir/root/root/.ssh/authorized_keys"
  uuid="$(cat /proc/sys/kernel/random/uuid)"
  hostnqn="nqn.2014-08.org.nvmexpress:uuid:$uuid"
  echo "$hostnqn" > "$dir/root/etc/nvme/hostnqn"
  echo "$uuid" > "$dir/root/etc/nvme/hostid"
  mac_ssh="52:54:00:00:0a:0$i"; mac_data="52:54:00:00:0b:0$i"
  cat > "$dir/root/etc/lab/vm.conf" <<CONF
LAB_NAME=$name
LAB_DATA_IP=10.99.0.1$i
LAB_SSH_MAC=$mac_ssh
LAB_DATA_MAC=$mac_data
CONF
  [ "$(cat "$out/zfs" 2>/dev/null)" = yes ] && [ "$i" = 3 ] && : > "$dir/root/etc/lab/zfs"
  (cd "$dir/root" && find . -print0 | cpio --null -o -H newc --quiet -R 0:0) | gzip -1 > "$dir/overlay.cpio.gz"
  cat "$out/initramfs.cpio.gz" "$dir/overlay.cpio.gz" > "$dir/initrd"
  port="$(free_port)"
  qargs=(-name "strata-lab-$name"
    -accel tcg,thread=multi,tb-size=128 -cpu max -m 512 -smp 1
    -display none -monitor none -serial "file:$dir/serial.log" -no-reboot -daemonize
    -pidfile "$dir/qemu.pid"
    -kernel "$out/vmlinuz" -initrd "$dir/initrd" -append 'console=ttyS0 quiet panic=-1'
    -netdev "user,id=u0,restrict=on,hostfwd=tcp:127.0.0.1:$port-:22"
    -device "virtio-net-pci,netdev=u0,mac=$mac_ssh"
    -netdev "socket,id=p0,mcast=$mcast,localaddr=127.0.0.1"
    -device "virtio-net-pci,netdev=p0,mac=$mac_data")
  if [ "$i" = 1 ]; then
    # vm1's PV is a persistent disk (a sparse host file as virtio-blk): its VG survives reboot.sh
    truncate -s 1G "$dir/disk0.img"
    qargs+=(-drive "file=$dir/disk0.img,format=raw,if=virtio,cache=writeback")
  fi
  declare -p qargs > "$dir/qemu.args" # reboot.sh boots the VM again with exactly these
  qemu-system-x86_64 "${qargs[@]}"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$port" "10.99.0.1$i" "$(cat "$dir/qemu.pid")" "$hostnqn" >> "$out/vms.tsv"
  echo "[127.0.0.1]:$port $hostkey" >> "$out/known_hosts"
  echo "$hostkey" > "$dir/hostkey.pub"
  echo "up.sh: $name booting (ssh 127.0.0.1:$port, data 10.99.0.1$i, qemu pid $(cat "$dir/qemu.pid"))" >&2
done

# Wait for every VM to answer over SSH, with its pinned key (no trust on first use).
start=$SECONDS
while IFS=$'\t' read -r name port _ pid _; do
  until ssh -n -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=yes \
      -o UserKnownHostsFile="$out/known_hosts" -o GlobalKnownHostsFile=/dev/null \
      -o LogLevel=ERROR -i "$out/id_ed25519" -p "$port" root@127.0.0.1 \
      ': lab; test -s /run/dropbear.pid && vgs vg0 >/dev/null' 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "up.sh: $name's qemu (pid $pid) exited while booting; serial log tail:" >&2
      tail -n 40 "$out/$name/serial.log" >&2; exit 1
    fi
    if [ $((SECONDS - start)) -ge "$deadline_s" ]; then
      echo "up.sh: $name not SSH-ready after ${deadline_s}s; serial log tail:" >&2
      tail -n 40 "$out/$name/serial.log" >&2; exit 1
    fi
    sleep 1
  done
  echo "up.sh: $name SSH-ready after $((SECONDS - start))s" >&2
done < "$out/vms.tsv"

"$here/manifests.sh" "$out"
