#!/usr/bin/env bash
# Restarts one lab VM as a power cycle: its qemu is stopped (no shutdown inside the guest) and booted
# again with the same arguments (OUTDIR/vmN/qemu.args from up.sh): the same disk, SSH port, host key,
# host NQN and addresses. What lived only in the kernel is gone; what is on vm1's disk stays. Waits
# until the VM answers over SSH with its pinned key (deadline LAB_BOOT_DEADLINE, default 300 s).
# usage: lab/reboot.sh OUTDIR NAME
set -euo pipefail
out="$(cd "${1:?usage: reboot.sh OUTDIR NAME}" && pwd)"
name="${2:?usage: reboot.sh OUTDIR NAME}"
dir="$out/$name"
deadline_s="${LAB_BOOT_DEADLINE:-300}"
[ -f "$dir/qemu.args" ] || { echo "reboot.sh: no $dir/qemu.args (start the VMs with up.sh)" >&2; exit 1; }
port="$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$out/vms.tsv")"
[ -n "$port" ] || { echo "reboot.sh: $name is not in $out/vms.tsv" >&2; exit 1; }

pid="$(cat "$dir/qemu.pid")"
if kill -0 "$pid" 2>/dev/null && grep -q "strata-lab-$name" "/proc/$pid/cmdline" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { kill -9 "$pid" 2>/dev/null || true; sleep 0.5; }
fi
# keep the first boot's console (qemu truncates its serial file)
cat "$dir/serial.log" >> "$dir/serial-before-reboot.log" 2>/dev/null || true
# shellcheck disable=SC1091
source "$dir/qemu.args"
boot() { # boot: start qemu; record its pid in vms.tsv
  rm -f "$dir/serial.log"
  qemu-system-x86_64 "${qargs[@]}"
  newpid="$(cat "$dir/qemu.pid")"
  awk -F'\t' -v OFS='\t' -v n="$name" -v p="$newpid" '$1 == n {$4 = p} {print}' "$out/vms.tsv" > "$out/vms.tsv.new"
  mv "$out/vms.tsv.new" "$out/vms.tsv"
}
start=$SECONDS
boot
# Under TCG on a loaded host a guest kernel has been seen to hang before /init (nothing after the
# 8254 timer line on the console for 300 s, while a normal boot reaches /init in 10-40 s). That is
# the emulator, not the node: power-cycle it once more when /init has not started in time.
early_s="${LAB_EARLY_BOOT_DEADLINE:-150}"
until grep -q '@@LAB init' "$dir/serial.log" 2>/dev/null; do
  if [ $((SECONDS - start)) -ge "$early_s" ]; then
    echo "reboot.sh: $name's kernel did not reach /init in ${early_s}s; console kept in serial-hung-boot.log; power-cycling once more" >&2
    cp "$dir/serial.log" "$dir/serial-hung-boot.log"
    kill "$newpid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$newpid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$newpid" 2>/dev/null || true
    start=$SECONDS; boot
    break
  fi
  kill -0 "$newpid" 2>/dev/null || break # exited: reported below
  sleep 1
done
until ssh -n -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$out/known_hosts" -o GlobalKnownHostsFile=/dev/null \
    -o LogLevel=ERROR -i "$out/id_ed25519" -p "$port" root@127.0.0.1 \
    ': lab; test -s /run/dropbear.pid && vgs vg0 >/dev/null' 2>/dev/null; do
  if ! kill -0 "$newpid" 2>/dev/null; then
    echo "reboot.sh: $name's qemu (pid $newpid) exited while booting; serial log tail:" >&2
    tail -n 40 "$dir/serial.log" >&2; exit 1
  fi
  if [ $((SECONDS - start)) -ge "$deadline_s" ]; then
    echo "reboot.sh: $name not SSH-ready after ${deadline_s}s; serial log tail:" >&2
    tail -n 40 "$dir/serial.log" >&2; exit 1
  fi
  sleep 1
done
echo "reboot.sh: $name back after $((SECONDS - start))s (qemu pid $newpid, ssh 127.0.0.1:$port)" >&2
