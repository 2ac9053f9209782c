#!/usr/bin/env bash
# The lab scenario: drives the lab VMs (up.sh) ONLY through the strata jar, as separate processes,
# like an operator; verifies on the nodes over SSH; changes things by hand over SSH to cause drift;
# plans the same manifests against the simulated cluster and fails on any difference (fidelity).
# Writes OUTDIR/report.md: per step its wall time and every command Strata ran on each VM
# (from the VMs' /run/cmdlog, see vm/labsh).
# usage: lab/scenario.sh OUTDIR STRATA_JAR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "${1:?usage: scenario.sh OUTDIR STRATA_JAR}" && pwd)"
jar="$(cd "$(dirname "${2:?usage: scenario.sh OUTDIR STRATA_JAR}")" && pwd)/$(basename "$2")"
export LAB_LUKS_KEY="lab-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export NO_COLOR=1
steps="$out/steps"; rm -rf "$steps"; mkdir -p "$steps"
# the simulated cluster starts empty, like the fresh VMs (a previous run may have left its state)
rm -rf "$out/sim/sim-state"
report="$out/report.md"
probe_s="$(sed -n 's/.*probeTimeout: \([0-9]*\)s.*/\1/p' "$out/real/strata.yaml")"
declare -A port
while IFS=$'\t' read -r n p _; do port[$n]=$p; done < "$out/vms.tsv"
lab_start=$SECONDS

fail() {
  echo "LAB FAILED: $*" >&2
  for v in "${!port[@]}"; do
    echo "--- $v serial log (tail, without dropbear's per-login lines)" >&2
    grep -v 'Child connection\|Pubkey auth\|Exit (root)' "$out/$v/serial.log" | tail -n 30 >&2 || true
  done
  exit 1
}
vm() { # vm NAME SCRIPT: a command by hand on a VM (marked in its command log as the lab's own)
  local n="$1"; shift
  ssh -n -o BatchMode=yes -o ConnectTimeout=20 -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$out/known_hosts" -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -i "$out/id_ed25519" -p "${port[$n]}" root@127.0.0.1 ": lab; $*"
}
# After each step, collect what ran on each VM since the last step into the report.
collect() { # collect STEP
  local v
  for v in $(printf '%s\n' "${!port[@]}" | sort); do
    vm "$v" 'cat /run/cmdlog; : > /run/cmdlog' | grep -v $'\t: lab;' | sed "s/^/$v\t/" >> "$steps/$1.cmds" || true
  done
}
summary_rows=()
step() { # step NAME EXPECTED_RC SIDE ARGS… : one strata process; stdout/stderr kept per step
  local name="$1" want="$2" side="$3"; shift 3
  local t0=$EPOCHREALTIME rc=0
  (cd "$out/$side" && java -jar "$jar" "$@" --config "$out/$side/strata.yaml") \
    > "$steps/$name.out" 2> "$steps/$name.err" || rc=$?
  local secs; secs="$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}')"
  if [ "$side" = real ]; then collect "$name"; fi
  summary_rows+=("| $name | strata $* ($side) | $rc | $secs s |")
  echo "lab: $name: strata $* ($side) -> exit $rc in ${secs}s" >&2
  if [ "$rc" != "$want" ]; then
    echo "--- stdout"; tail -n 40 "$steps/$name.out"; echo "--- stderr"; tail -n 40 "$steps/$name.err"
    fail "$name: strata $* exited $rc, expected $want"
  fi >&2
}
check() { # check NAME SCRIPT-ON-HOST: an assertion by the lab, timed in the report
  local name="$1"; shift
  local t0=$EPOCHREALTIME
  if ! out_text="$("$@" 2>&1)"; then echo "$out_text" >&2; fail "$name"; fi
  summary_rows+=("| $name | (lab check) | 0 | $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}') s |")
  echo "lab: $name: ok ${out_text:+($out_text)}" >&2
}

# ---- manifests: one volume per stack; all small, with a cheap PBKDF for LUKS -------------------
write_volumes() { # write_volumes SIZE_THICK SIZE_NVME_LUKS [extra yaml file…]
  for side in real sim; do
    cat > "$out/$side/manifests/lab.yaml" <<YAML
apiVersion: strata.io/v1
kind: ResourceTemplate
metadata: {name: thick}
spec: {layers: [storage], placement: {redundancy: 1, nodes: [vm1], pools: [vm1-thick]}}
---
apiVersion: strata.io/v1
kind: ResourceTemplate
metadata: {name: thin}
spec: {layers: [storage], placement: {redundancy: 1, nodes: [vm1], pools: [vm1-thin]}}
---
apiVersion: strata.io/v1
kind: ResourceTemplate
metadata: {name: encrypted}
spec:
  layers: [luks, storage]
  luks: {passphraseRef: env:LAB_LUKS_KEY, pbkdf: {type: pbkdf2, iterations: 1000}}
  placement: {redundancy: 1, nodes: [vm1], pools: [vm1-thin]}
---
apiVersion: strata.io/v1
kind: ResourceTemplate
metadata: {name: export}
spec:
  layers: [nvme, storage]
  nvme: {transport: tcp, port: 4420}
  placement: {redundancy: 1, nodes: [vm1], pools: [vm1-thick]}
---
apiVersion: strata.io/v1
kind: ResourceTemplate
metadata: {name: export-encrypted}
spec:
  layers: [nvme, luks, storage]
  nvme: {transport: tcp, port: 4420}
  luks: {passphraseRef: env:LAB_LUKS_KEY, pbkdf: {type: pbkdf2, iterations: 1000}}
  placement: {redundancy: 1, nodes: [vm1], pools: [vm1-thick]}
---
apiVersion: strata.io/v1
kind: ResourceTemplate
metadata: {name: replicated}
spec: {layers: [drbd, storage], placement: {redundancy: 1, nodes: [vm1], pools: [vm1-thin]}}
YAML
    if [ "$1" != none ]; then
      cat >> "$out/$side/manifests/lab.yaml" <<YAML
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-thick}
spec: {size: $1, template: thick, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-thin}
spec: {size: 64MiB, template: thin, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-luks}
spec: {size: 64MiB, template: encrypted, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-nvme}
spec: {size: 64MiB, template: export, access: [vm2], deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-nvme-luks}
spec: {size: $2, template: export-encrypted, access: [vm2], deletionPolicy: Delete}
YAML
    fi
    if [ $# -gt 2 ]; then cat "${@:3}" >> "$out/$side/manifests/lab.yaml"; fi
  done
}

# ---- fidelity: the plan against the real nodes equals the plan against the simulated cluster -----
normalize() { # plan JSON -> the comparable part; PV paths and host identities are host-specific
  jq -S '{summary: .summary, refused: [.refused[]? | {volume, kind}],
          changes: [.changes[] | del(.reason)]}' "$1" \
  | sed -E 's#/dev/loop[0-9]+#<PV>#g; s#/dev/vd[a-z]+#<PV>#g; s#/dev/sim/vg0-pv0#<PV>#g;
            s#nqn\.2014-08\.org\.nvmexpress:uuid:[0-9a-f-]+#<HOSTNQN>#g'
}
fidelity() { # fidelity NAME: plan json on both sides, compare
  local name="$1"
  step "$name-plan-real" 0 real plan --format json
  step "$name-plan-sim" 0 sim plan --format json
  normalize "$steps/$name-plan-real.out" > "$steps/$name-plan-real.norm"
  normalize "$steps/$name-plan-sim.out" > "$steps/$name-plan-sim.norm"
  if ! diff -u "$steps/$name-plan-sim.norm" "$steps/$name-plan-real.norm" > "$steps/$name-fidelity.diff"; then
    echo "--- simulated (-) vs real (+) $name plan:" >&2; cat "$steps/$name-fidelity.diff" >&2
    fail "fidelity: the $name plan on the simulated cluster differs from the real one"
  fi
  summary_rows+=("| $name-fidelity | plans compared (ids, order, specs, argv) | 0 | - |")
  echo "lab: $name-fidelity: simulated and real plans are identical ($(jq '.changes|length' "$steps/$name-plan-real.out") changes)" >&2
}

# ---- helpers on the nodes ------------------------------------------------------------------------
init_dev() { # the initiator's block device for a volume's NQN on vm2
  vm vm2 "for s in /sys/class/nvme-subsystem/*; do [ \"\$(cat \$s/subsysnqn)\" = nqn.2014-08.io.strata:$1 ] || continue; for b in \$s/nvme*n*; do [ -e \"\$b\" ] && echo /dev/\${b##*/} && exit 0; done; done; exit 1"
}
data_roundtrip() { # write 4 MiB through the initiator on vm2, read them back on the target vm1
  local vol="$1" dev sum_init sum_target
  dev="$(init_dev "$vol")" || { echo "no initiator device for $vol on vm2"; return 1; }
  sum_init="$(vm vm2 "dd if=/dev/urandom of=/tmp/pat bs=1M count=4 status=none && dd if=/tmp/pat of=$dev bs=1M oflag=direct status=none && sha256sum </tmp/pat")"
  sum_target="$(vm vm1 "dd if=\$(cat /sys/kernel/config/nvmet/subsystems/nqn.2014-08.io.strata:$vol/namespaces/1/device_path) bs=1M count=4 iflag=direct status=none | sha256sum")"
  [ "${sum_init%% *}" = "${sum_target%% *}" ] || { echo "$vol: initiator wrote ${sum_init%% *}, target holds ${sum_target%% *}"; return 1; }
  echo "${sum_init%% *}" > "$steps/$vol.sha256" # what the device's first 4 MiB hold now
  echo "$vol: 4 MiB via $dev on vm2 = target sha256 ${sum_init:0:16}…"
}
initiator_size_at_least() { # poll (deadline 60 s) until vm2's device for VOL has >= BYTES
  local vol="$1" want="$2" dev size deadline=$((SECONDS + 60))
  dev="$(init_dev "$vol")" || { echo "no initiator device for $vol"; return 1; }
  while :; do
    size="$(vm vm2 "blockdev --getsize64 $dev")"
    [ "$size" -ge "$want" ] && { echo "$vol: $dev on vm2 has $size bytes"; return 0; }
    [ $SECONDS -ge $deadline ] && { echo "$vol: $dev on vm2 still $size bytes, want >= $want"; return 1; }
    sleep 1
  done
}
initiator_holds() { # vm2 reads VOL's first 4 MiB through NVMe/TCP: the sha256 data_roundtrip wrote
  local vol="$1" dev sum
  dev="$(init_dev "$vol")" || { echo "no initiator device for $vol on vm2"; return 1; }
  sum="$(vm vm2 "dd if=$dev bs=1M count=4 iflag=direct status=none | sha256sum")"
  [ "${sum%% *}" = "$(cat "$steps/$vol.sha256")" ] || { echo "$vol: vm2 reads ${sum%% *}, written was $(cat "$steps/$vol.sha256")"; return 1; }
  echo "$vol: 4 MiB via $dev on vm2 unchanged (${sum:0:16}…)"
}
namespace_dropped() { # poll (deadline 90 s) until vm2's path to VOL is live and its device gone
  local vol="$1" state deadline=$((SECONDS + 90))
  while :; do
    state="$(vm vm2 'nvme list-subsys -o json' | jq -r --arg n "nqn.2014-08.io.strata:$vol" '[.. | objects | select(.NQN? == $n) | .Paths[]?.State] | join(",")')"
    if [ "$state" = live ] && ! init_dev "$vol" >/dev/null 2>&1; then
      echo "$vol: vm2's path is live, its namespace device is gone ($(vm vm2 'dmesg | grep -c "identifiers changed"') 'identifiers changed' in dmesg)"
      return 0
    fi
    [ $SECONDS -ge $deadline ] && { echo "$vol: after 90 s vm2's path is '$state', device $(init_dev "$vol" || echo none)"; return 1; }
    sleep 2
  done
}
nvme_uuid() { # the device_uuid Strata writes for VOL's namespace 1 (Nvmet.namespaceUuid: a name-based v3 UUID)
  python3 -c 'import hashlib,sys; h=bytearray(hashlib.md5(sys.argv[1].encode()).digest()); h[6]=(h[6]&0x0f)|0x30; h[8]=(h[8]&0x3f)|0x80; x=h.hex(); print(x[:8]+"-"+x[8:12]+"-"+x[12:16]+"-"+x[16:20]+"-"+x[20:])' "strata nvmet namespace nqn.2014-08.io.strata:$1/1"
}
lvdev() { echo "/dev/mapper/vg0-${1//-/--}"; } # an LV's device node by its dm name (no udev links)
lv_sha() { vm vm1 "sha256sum < $(lvdev "$1")" | cut -d' ' -f1; } # sha256 of a whole LV on vm1
sim_run() { # sim_run NAME ARGV…: a raw command on the simulated vm1 (strata sim run), as by hand
  sim_run_on vm1 "$@"
}
sim_run_on() { # sim_run_on NODE NAME ARGV…: the same on another simulated node
  local node="$1" name="$2"; shift 2
  (cd "$out/sim" && java -jar "$jar" sim run --config "$out/sim/strata.yaml" --node "$node" -- "$@") \
    > "$steps/$name.out" 2> "$steps/$name.err" || fail "$name: strata sim run $* failed: $(cat "$steps/$name.err")"
  summary_rows+=("| $name | strata sim run --node $node -- $* (sim) | 0 | - |")
}
plan_has() { # plan_has STEP JQ-FILTER WHAT: an assertion on a plan JSON a step printed
  jq -e "$2" "$steps/$1.out" >/dev/null || fail "$1: the plan does not show $3: $(jq -c '[.changes[] | {id, action, type: .spec.type}]' "$steps/$1.out")"
  echo "lab: $1: plan shows $3" >&2
}
drift_names() { jq -r '[.. | objects | .volume? // empty] | unique | join(",")' "$steps/$1.out" 2>/dev/null; }
drift_reports() { # drift_reports STEP VOLUME: drift exit 2 naming VOLUME
  step "$1" 2 real drift --format json
  grep -q "\"$2\"" "$steps/$1.out" || fail "$1: drift did not name $2: $(head -c 2000 "$steps/$1.out")"
}
heal() { # heal NAME: apply, then no drift
  step "$1-apply" 0 real apply --auto-approve
  step "$1-drift" 0 real drift --format json
}

# ================================ the scenario ======================================================
write_volumes 64MiB 64MiB
fidelity fresh
step fresh-apply 0 real apply --auto-approve
step fresh-replan 0 real plan --detailed-exitcode
check fresh-verify-lvm vm vm1 'lvs --noheadings -o lv_name,lv_size,lv_tags vg0 | grep -c strata | grep -qx 5 && dmsetup ls --target crypt | grep -c . | grep -qx 2'
# decision 025: LUKS is observed with one `dmsetup table --target crypt`; its lines must keep the
# shape the parser reads (name: start length crypt cipher key iv_offset major:minor offset …) and
# never show a real key (only a keyring reference, or a suppressed one)
check luks-table-format vm vm1 'dmsetup table --target crypt | grep -q "^strata-" && ! dmsetup table --target crypt | grep -vqE "^[^ ]+: [0-9]+ [0-9]+ crypt [^ ]+ [^ ]+ [0-9]+ [0-9]+:[0-9]+ [0-9]+( .*)?\$" && ! dmsetup table --target crypt | grep -qE "[0-9a-f]*[1-9a-f][0-9a-f]{30,}"'
check data-nvme data_roundtrip v-nvme
check data-nvme-luks data_roundtrip v-nvme-luks

# grow end to end: storage -> luks -> namespace revalidate; the initiator sees it
step sim-fresh-apply 0 sim apply --auto-approve
write_volumes 96MiB 96MiB
fidelity grow
step grow-apply 0 real apply --auto-approve
check grow-initiator-sees-it initiator_size_at_least v-nvme-luks $((96 * 1024 * 1024))
check data-after-grow data_roundtrip v-nvme-luks

# out-of-band changes by hand, all three at once (each strata run costs ~20-40 s of SSH probes
# under TCG): one drift must name each of them, one apply heals them all, then no drift
check oob-lv-removed vm vm1 'lvremove -y vg0/v-thin_00000 >/dev/null'
check oob-luks-closed vm vm1 'cryptsetup close "$(dmsetup ls --target crypt | awk "/v-luks/{print \$1}")"'
check oob-path-disconnected vm vm2 'nvme disconnect -n nqn.2014-08.io.strata:v-nvme >/dev/null'
drift_reports drift-by-hand v-thin
for v in v-luks v-nvme; do
  grep -q "\"$v\"" "$steps/drift-by-hand.out" || fail "drift-by-hand: drift did not name $v: $(head -c 2000 "$steps/drift-by-hand.out")"
done
heal heal-by-hand
check data-after-reconnect data_roundtrip v-nvme

# the target's subsystem removed while vm2 is connected: nvme-tcp queues I/O on vm2; the initiator
# node must still be observed (within one probe timeout), the export reported missing and re-made
check oob-subsystem-removed vm vm1 'n=nqn.2014-08.io.strata:v-nvme; c=/sys/kernel/config/nvmet; for l in $c/ports/*/subsystems/$n; do rm -f $l; done; rm -f $c/subsystems/$n/allowed_hosts/*; echo 0 > $c/subsystems/$n/namespaces/1/enable; rmdir $c/subsystems/$n/namespaces/1 $c/subsystems/$n'
t0=$SECONDS
drift_reports drift-subsystem-removed v-nvme
took=$((SECONDS - t0))
[ "$took" -le $((probe_s + 60)) ] || fail "drift with a dead target took ${took}s (probe timeout ${probe_s}s)"
if jq -e '[.. | objects | select(.class? == "unreachable")] | length > 0' "$steps/drift-subsystem-removed.out" >/dev/null; then
  fail "a node was unreachable with a dead target: $(cat "$steps/drift-subsystem-removed.out")"
fi
step subsystem-removed-status 0 real status --format json
jq -e --argjson n "${#port[@]}" '[.nodes[] | select(.reachable)] | length == $n' "$steps/subsystem-removed-status.out" >/dev/null \
  || fail "with v-nvme's target gone, not every node was observed: $(jq -c .nodes "$steps/subsystem-removed-status.out")"
heal heal-subsystem-removed
# A re-created namespace keeps the identity Strata writes (device_uuid from the NQN, decision 032):
# vm2 reconnects by itself and keeps its block device. (Before, nvmet's random uuid made the kernel
# log "identifiers changed for nsid 1" and drop the device behind a live path.)
check reexport-same-identity vm vm1 "[ \"\$(cat /sys/kernel/config/nvmet/subsystems/nqn.2014-08.io.strata:v-nvme/namespaces/1/device_uuid)\" = $(nvme_uuid v-nvme) ] && echo 'device_uuid $(nvme_uuid v-nvme)'"
check data-after-reexport data_roundtrip v-nvme

# ---- day 2 on the real kernel: snapshots, clone by block copy, adoption, restore (decisions 022/027)
# The simulated cluster follows along (it applies what the VMs got; the adopted LV is made there by
# hand too), so each plan below is also a fidelity check.
step sim-grow-apply 0 sim apply --auto-approve
cat > "$steps/day2.yaml" <<YAML
---
apiVersion: strata.io/v1
kind: Snapshot
metadata: {name: s-thin}
spec: {volume: v-thin, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Snapshot
metadata: {name: s-luks}
spec: {volume: v-luks, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-adopted}
spec: {size: 64MiB, template: thick, adopt: {node: vm1, device: vg0/v-adopted_00000}, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-copy}
spec: {size: 96MiB, template: thick, source: {volume: v-thick}, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-restored}
spec: {size: 64MiB, template: thin, source: {snapshot: s-thin}, deletionPolicy: Delete}
YAML
# data by hand: into v-thin and v-thick, and an LV made by hand (as a team would have it) to adopt
check day2-data-by-hand vm vm1 "dd if=/dev/urandom of=$(lvdev v-thin_00000) bs=1M count=8 oflag=direct status=none && dd if=/dev/urandom of=$(lvdev v-thick_00000) bs=1M count=8 oflag=direct status=none && lvcreate -q -y -L 64M -n v-adopted_00000 vg0 >/dev/null && dd if=/dev/urandom of=$(lvdev v-adopted_00000) bs=1M count=64 oflag=direct status=none"
sim_run day2-sim-lv-by-hand lvcreate -q -y -L 64M -n v-adopted_00000 vg0
sha_thin_snap="$(lv_sha v-thin_00000)" && sha_thick="$(lv_sha v-thick_00000)" && sha_adopted="$(lv_sha v-adopted_00000)" \
  || fail "day2: could not read the volumes' sha256 on vm1"
write_volumes 96MiB 96MiB "$steps/day2.yaml"
fidelity day2
plan_has day2-plan-real '[.changes[] | select(.volume == "v-adopted")] | length == 1 and .[0].id == "v-adopted/vm1/storage:adopt" and .[0].action == "update" and .[0].spec.type == "adoption" and ([.[0].commands[][0]] - ["lvs", "lvchange"] == [])' \
  "only the adoption of v-adopted (lvs, lvchange --addtag; no format, no resize)"
plan_has day2-plan-real '[.changes[] | select(.id == "v-copy/vm1/storage" and .action == "create" and .spec.type == "clone" and .spec.method == "block-copy" and .spec.copyBytes == 100663296 and .spec.marker == "volume:v-thick")] | length == 1' \
  "v-copy as a 96 MiB block copy of v-thick"
plan_has day2-plan-real '[.changes[] | select(.action == "snapshot") | .id] | sort == ["v-luks/vm1/storage:snapshot-s-luks", "v-thin/vm1/storage:snapshot-s-thin"]' \
  "the snapshots s-thin and s-luks"
plan_has day2-plan-real '[.changes[] | select(.volume == "v-restored")] == [] and ([.warnings[]? | select(test("v-restored waits"))] | length == 1)' \
  "v-restored waiting for s-thin"
step day2-apply 0 real apply --auto-approve
step sim-day2-apply 0 sim apply --auto-approve
check day2-copy-equals-source bash -c "[ \"\$1\" = \"\$2\" ] && echo \"v-copy = v-thick (sha256 \${1:0:16}…)\" || { echo \"v-copy \$1 != v-thick \$2\"; false; }" _ "$(lv_sha v-copy_00000)" "$sha_thick"
check day2-adopted-kept bash -c "[ \"\$1\" = \"\$2\" ] && echo \"v-adopted unchanged (sha256 \${1:0:16}…)\" || { echo \"v-adopted \$1, before adoption \$2\"; false; }" _ "$(lv_sha v-adopted_00000)" "$sha_adopted"
check day2-adopted-tagged vm vm1 'lvs --noheadings -o lv_tags vg0/v-adopted_00000 | grep -qw strata'
# a snapshot of a LUKS volume is a snapshot of its storage LV: the encrypted container, point in time
check day2-luks-snapshot vm vm1 'lvs --noheadings -o origin,lv_tags vg0/s-luks | grep -q "v-luks_00000 .*strata" && lvchange -q -ay -K vg0/s-luks && { cryptsetup isLuks /dev/mapper/vg0-s--luks; rc=$?; lvchange -q -an vg0/s-luks; [ $rc = 0 ] && echo "s-luks: thin snapshot of v-luks_00000, a LUKS container"; }'
# v-thin changes after the snapshot: the restore must hold the snapshot's data, not today's
check day2-thin-overwritten vm vm1 "dd if=/dev/urandom of=$(lvdev v-thin_00000) bs=1M count=8 oflag=direct status=none"
fidelity restore
plan_has restore-plan-real '[.changes[] | {id, action, type: .spec.type, method: .spec.method, snap: .spec.sourceSnapshot}] == [{"id": "v-restored/vm1/storage", "action": "create", "type": "clone", "method": "lvm-thin-snapshot", "snap": "s-thin"}]' \
  "only v-restored, a thin clone of s-thin (adoption and copy converged)"
step restore-apply 0 real apply --auto-approve
step sim-restore-apply 0 sim apply --auto-approve
check restore-equals-snapshot bash -c "[ \"\$1\" = \"\$2\" ] && [ \"\$1\" != \"\$3\" ] && echo \"v-restored = v-thin at s-thin (sha256 \${1:0:16}…), not v-thin now\" || { echo \"v-restored \$1, v-thin at snapshot \$2, now \$3\"; false; }" _ "$(lv_sha v-restored_00000)" "$sha_thin_snap" "$(lv_sha v-thin_00000)"

# ---- reboot (decision 014): vm1 is power-cycled with its disk; nothing comes back by itself ------
# vm2 is connected to both exports and the sha256 of their first 4 MiB is known (data_roundtrip);
# v-luks and v-nvme-luks are open. heal: safe (strata.yaml) must bring it all back, data unchanged.
step sim-reboot 0 sim sim reboot --node vm1
check reboot-vm1 "$here/reboot.sh" "$out" vm1
check reboot-nothing-back vm vm1 'lvs --noheadings -o lv_name,lv_attr,lv_tags vg0 | awk "/strata/ && substr(\$2,5,1) != \"-\" {print \"active after reboot: \" \$1; bad=1} END {exit bad}" && [ -z "$(dmsetup ls --target crypt | grep strata)" ] && [ -z "$(ls /sys/kernel/config/nvmet/subsystems)" ] && [ "$(pvs --noheadings -o pv_name,vg_name | tr -s " ")" = " /dev/vda vg0" ]'
drift_reports reboot-drift v-thick
for v in v-thin v-luks v-nvme v-nvme-luks v-adopted v-copy v-restored; do
  grep -q "\"$v\"" "$steps/reboot-drift.out" || fail "reboot-drift: drift did not name $v: $(head -c 2000 "$steps/reboot-drift.out")"
done
fidelity reboot
plan_has reboot-plan-real '[.changes[] | select(.action == "delete" or .action == "resize" or (.spec.type == "luks" and .spec.freshBacking))] == []' \
  "no delete, resize or format"
step reboot-apply 0 real apply --auto-approve
# decision 032: the re-exports carry the same identity, so vm2 keeps both block devices
for v in v-nvme v-nvme-luks; do
  init_dev "$v" >/dev/null 2>&1 || fail "after vm1's reboot vm2 has no block device for $v"
done
step reboot-drift-after 0 real drift --format json
check reboot-data-nvme initiator_holds v-nvme
check reboot-data-nvme-luks initiator_holds v-nvme-luks
check reboot-data-lvs bash -c "[ \"\$1 \$2 \$3\" = \"\$4 \$5 \$6\" ] && echo 'v-restored, v-adopted, v-copy unchanged' || { echo \"after reboot: \$1 \$2 \$3, before: \$4 \$5 \$6\"; false; }" _ \
  "$(lv_sha v-restored_00000)" "$(lv_sha v-adopted_00000)" "$(lv_sha v-copy_00000)" "$sha_thin_snap" "$sha_adopted" "$sha_thick"
check reboot-luks-open vm vm1 'dmsetup ls --target crypt | grep -c strata | grep -qx 2'

# ---- a namespace re-created by hand under a new identity (decision 032) ------------------------
# As an export made before Strata wrote device_uuid, or by hand: the port is unlinked, the
# namespace re-made with nvmet's random uuid, the port linked again. vm2 reconnects within its
# reconnect delay and drops the namespace while its path is live: drift must say so, and the heal
# is a rescan of the controller, not a disconnect; the data is intact.
check oob-identity-changed vm vm1 'n=nqn.2014-08.io.strata:v-nvme; c=/sys/kernel/config/nvmet; s=$c/subsystems/$n; l=$(ls -d $c/ports/*/subsystems/$n); d=$(cat $s/namespaces/1/device_path); rm $l && echo 0 > $s/namespaces/1/enable && rmdir $s/namespaces/1 && mkdir $s/namespaces/1 && echo -n $d > $s/namespaces/1/device_path && echo 1 > $s/namespaces/1/enable && ln -s $s $l && cat $s/namespaces/1/device_uuid'
check identity-changed-dropped namespace_dropped v-nvme
drift_reports drift-identity-changed v-nvme
jq -e '[.. | objects | select(.volume? == "v-nvme" and .class? == "degraded") | .detail | test("no namespace device")] | any' "$steps/drift-identity-changed.out" >/dev/null \
  || fail "drift-identity-changed: v-nvme not degraded with 'no namespace device': $(head -c 2000 "$steps/drift-identity-changed.out")"
step identity-plan 0 real plan --format json
plan_has identity-plan '[.changes[] | {id, action, argv: [.commands[][0:2]]}] == [{"id": "v-nvme/vm2/nvme", "action": "update", "argv": [["nvme", "list-subsys"], ["nvme", "ns-rescan"]]}]' \
  "only a rescan on vm2"
heal heal-identity-changed
check identity-rescan-no-disconnect bash -c "! grep -q 'nvme disconnect' '$steps/heal-identity-changed-apply.cmds' && grep -q 'nvme ns-rescan /dev/nvme' '$steps/heal-identity-changed-apply.cmds' && echo 'rescanned, nothing disconnected'"
check data-after-rescan initiator_holds v-nvme

# DRBD on the 8.4 kernel: refused clearly, only for the DRBD volume
cat > "$steps/drbd.yaml" <<YAML
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-drbd}
spec: {size: 64MiB, template: replicated, deletionPolicy: Delete}
YAML
write_volumes 96MiB 96MiB "$steps/day2.yaml" "$steps/drbd.yaml"
step drbd84-plan 1 real plan --format json --detailed-exitcode
jq -e '[.refused[] | select(.volume == "v-drbd") | .reason | test("DRBD 9 required")] | any' "$steps/drbd84-plan.out" >/dev/null \
  || fail "v-drbd not refused with 'DRBD 9 required': $(jq -c .refused "$steps/drbd84-plan.out")"
jq -e '(.changes | length) == 0 and ([.refused[].volume] | unique == ["v-drbd"])' "$steps/drbd84-plan.out" >/dev/null \
  || fail "the DRBD 8.4 refusal touched other volumes: $(jq -c '{refused, changes: [.changes[].id]}' "$steps/drbd84-plan.out")"
echo "lab: drbd84: $(jq -r '.refused[0].reason' "$steps/drbd84-plan.out")" >&2

# ---- ZFS on vm3: zvol create, grow, snapshot, restore and clone (zfs clone), drift, heal ---------
# Only with a zfs.ko for the VM kernel (LAB_ZFS=1 lab/install.sh; build.sh then gives vm3 a zpool
# tank). Volumes are [storage] only: the VMs have no udev, so no /dev/zvol/<pool>/<name> links;
# Strata's ZFS executor needs none (only zfs commands), and the lab finds a zvol's /dev/zdN by hand
# with zvol_id. The simulated cluster catches up first (it never applied the heals above).
zfs_on=no; [ "$(cat "$out/zfs")" = yes ] && zfs_on=yes
if [ "$zfs_on" = yes ]; then
  zfs_yaml() { # zfs_yaml SIZE [RESTORED_SIZE]: the ZFS volumes; with RESTORED_SIZE also s-zfs, the clones
    cat <<YAML
---
apiVersion: strata.io/v1
kind: ResourceTemplate
metadata: {name: zfs}
spec: {layers: [storage], placement: {redundancy: 1, nodes: [vm3], pools: [vm3-zfs]}}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-zfs}
spec: {size: $1, template: zfs, deletionPolicy: Delete}
YAML
    [ "$1" = 64MiB ] || cat <<YAML
---
apiVersion: strata.io/v1
kind: Snapshot
metadata: {name: s-zfs}
spec: {volume: v-zfs, deletionPolicy: Delete}
YAML
    [ -z "${2:-}" ] || cat <<YAML
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-zfs-restored}
spec: {size: $2, template: zfs, source: {snapshot: s-zfs}, deletionPolicy: Delete}
---
apiVersion: strata.io/v1
kind: Volume
metadata: {name: v-zfs-copy}
spec: {size: 96MiB, template: zfs, source: {volume: v-zfs}, deletionPolicy: Delete}
YAML
  }
  zdev() { # the /dev/zdN of zvol tank/NAME on vm3, named by zvol_id (polls 20 s: minors come async)
    vm vm3 "for i in \$(seq 20); do for d in /dev/zd*; do [ -b \"\$d\" ] && [ \"\$(zvol_id \$d 2>/dev/null)\" = tank/$1 ] && { echo \$d; exit 0; }; done; sleep 1; done; echo \"no /dev/zd* for tank/$1\" >&2; exit 1"
  }
  zfs_sha() { # sha256 of the first 4 MiB of zvol tank/NAME
    local d; d="$(zdev "$1")" || return 1
    vm vm3 "dd if=$d bs=1M count=4 status=none | sha256sum" | cut -d' ' -f1
  }
  zfs_write() { # 4 MiB of random data into zvol tank/NAME; prints their sha256
    local d; d="$(zdev "$1")" || return 1
    vm vm3 "dd if=/dev/urandom of=/tmp/zpat bs=1M count=4 status=none && dd if=/tmp/zpat of=$d bs=1M conv=fsync status=none && sha256sum < /tmp/zpat" | cut -d' ' -f1
  }
  same() { # same WHAT GOT WANT
    [ -n "$2" ] && [ "$2" = "$3" ] && echo "$1 (sha256 ${2:0:16}…)" || { echo "$1: got '$2', want '$3'"; false; }
  }
  write_volumes 96MiB 96MiB "$steps/day2.yaml"
  step sim-before-zfs-apply 0 sim apply --auto-approve
  zfs_yaml 64MiB > "$steps/zfs.yaml"
  write_volumes 96MiB 96MiB "$steps/day2.yaml" "$steps/zfs.yaml"
  fidelity zfs-create
  plan_has zfs-create-plan-real '[.changes[] | {id, action, type: .spec.type, argv: [.commands[][0:2]]}] == [{"id": "v-zfs/vm3/storage", "action": "create", "type": "zvol", "argv": [["zfs", "list"], ["zfs", "create"]]}]' \
    "only v-zfs, a zvol on tank (zfs list, zfs create)"
  step zfs-create-apply 0 real apply --auto-approve
  step sim-zfs-create-apply 0 sim apply --auto-approve
  check zfs-created vm vm3 'zfs get -H -p -o property,value,source volsize,strata:owner tank/v-zfs_00000 | tr "\t" " " | tr "\n" ";" | grep -qx "volsize 67108864 local;strata:owner strata-delete local;" && r=$(zfs get -H -p -o value refreservation tank/v-zfs_00000) && [ "$r" -ge 67108864 ] && echo "tank/v-zfs_00000: volsize 64 MiB, strata:owner=strata-delete (local), thick (refreservation $r)"'
  sha_zfs_snap="$(zfs_write v-zfs_00000)" || fail "zfs: could not write into v-zfs's zvol"
  check zfs-data-by-hand bash -c "echo \"4 MiB into \$(printf %s \"\$1\") (found by zvol_id): sha256 \${2:0:16}…\"" _ "$(zdev v-zfs_00000)" "$sha_zfs_snap"
  # grow, and the Snapshot s-zfs (taken after the grow: the plan orders it after the resize)
  zfs_yaml 96MiB > "$steps/zfs.yaml"
  write_volumes 96MiB 96MiB "$steps/day2.yaml" "$steps/zfs.yaml"
  fidelity zfs-grow
  plan_has zfs-grow-plan-real '[.changes[] | {id, action}] == [{"id": "v-zfs/vm3/storage", "action": "resize"}, {"id": "v-zfs/vm3/storage:snapshot-s-zfs", "action": "snapshot"}]' \
    "v-zfs grown, then the snapshot s-zfs"
  step zfs-grow-apply 0 real apply --auto-approve
  step sim-zfs-grow-apply 0 sim apply --auto-approve
  check zfs-grown vm vm3 "[ \"\$(zfs get -H -p -o value volsize tank/v-zfs_00000)\" = 100663296 ] && [ \"\$(blockdev --getsize64 $(zdev v-zfs_00000))\" = 100663296 ] && zfs get -H -o value strata:owner tank/v-zfs_00000@s-zfs | grep -qx strata-delete && echo 'volsize and the device 96 MiB; tank/v-zfs_00000@s-zfs owned'"
  check zfs-data-after-grow same "v-zfs keeps its data through the grow" "$(zfs_sha v-zfs_00000)" "$sha_zfs_snap"
  # v-zfs changes after the snapshot: the restore must hold the snapshot's data, the copy today's
  sha_zfs_now="$(zfs_write v-zfs_00000)" || fail "zfs: could not overwrite v-zfs"
  zfs_yaml 96MiB 96MiB > "$steps/zfs.yaml"
  write_volumes 96MiB 96MiB "$steps/day2.yaml" "$steps/zfs.yaml"
  fidelity zfs-clones
  plan_has zfs-clones-plan-real '[.changes[] | {id, action, method: .spec.method, snap: .spec.sourceSnapshot, take: .spec.takeSnapshot}] | sort_by(.id) == [{"id": "v-zfs-copy/vm3/storage", "action": "create", "method": "zfs-clone", "snap": "clone_v-zfs-copy", "take": true}, {"id": "v-zfs-restored/vm3/storage", "action": "create", "method": "zfs-clone", "snap": "s-zfs", "take": false}]' \
    "v-zfs-restored a zfs clone of s-zfs, v-zfs-copy a zfs clone of a new snapshot clone_v-zfs-copy"
  step zfs-clones-apply 0 real apply --auto-approve
  step sim-zfs-clones-apply 0 sim apply --auto-approve
  check zfs-clones-origins vm vm3 'zfs list -H -t all -o name,origin,strata:owner,strata:source -r tank | tr "\t" " " > /tmp/zl && grep -qx "tank/v-zfs-restored_00000 tank/v-zfs_00000@s-zfs strata-delete snapshot:v-zfs/s-zfs" /tmp/zl && grep -qx "tank/v-zfs-copy_00000 tank/v-zfs_00000@clone_v-zfs-copy strata-delete volume:v-zfs" /tmp/zl && grep -qx "tank/v-zfs_00000@clone_v-zfs-copy - strata-delete -" /tmp/zl && echo "$(grep -c . /tmp/zl) datasets, origins as planned" || { cat /tmp/zl; false; }'
  check zfs-restore-equals-snapshot same "v-zfs-restored = v-zfs at s-zfs, not v-zfs now" "$(zfs_sha v-zfs-restored_00000)" "$sha_zfs_snap"
  [ "$sha_zfs_snap" != "$sha_zfs_now" ] || fail "zfs: the overwrite did not change v-zfs"
  check zfs-copy-equals-source same "v-zfs-copy = v-zfs now" "$(zfs_sha v-zfs-copy_00000)" "$sha_zfs_now"
  # drift by hand: an owned clone destroyed (missing: healed), another grown (resized: never
  # shrunk nor healed, decision 007 — resolved by raising size in Git). The same on the sim.
  check oob-zfs vm vm3 'zfs destroy tank/v-zfs-copy_00000 && zfs set volsize=134217728 tank/v-zfs-restored_00000'
  sim_run_on vm3 oob-zfs-sim-destroy zfs destroy tank/v-zfs-copy_00000
  sim_run_on vm3 oob-zfs-sim-grow zfs set volsize=134217728 tank/v-zfs-restored_00000
  step zfs-drift 2 real drift --format json
  jq -e '[.items[] | {volume, class}] | sort_by(.volume) == [{"volume": "v-zfs-copy", "class": "missing"}, {"volume": "v-zfs-restored", "class": "resized"}]' "$steps/zfs-drift.out" >/dev/null \
    || fail "zfs-drift: not exactly v-zfs-copy missing and v-zfs-restored resized: $(jq -c '[.items[] | {volume, class, detail}]' "$steps/zfs-drift.out")"
  echo "lab: zfs-drift: $(jq -r '[.items[] | "\(.volume) \(.class)"] | join(", ")' "$steps/zfs-drift.out")" >&2
  fidelity zfs-heal
  plan_has zfs-heal-plan-real '([.changes[] | {id, action, method: .spec.method}] == [{"id": "v-zfs-copy/vm3/storage", "action": "create", "method": "zfs-clone"}]) and ([.divergences[]? | {volume, kind}] == [{"volume": "v-zfs-restored", "kind": "resized"}])' \
    "v-zfs-copy cloned again; v-zfs-restored resized, left as is"
  step zfs-heal-apply 0 real apply --auto-approve
  step sim-zfs-heal-apply 0 sim apply --auto-approve
  check zfs-healed-copy same "v-zfs-copy cloned again from clone_v-zfs-copy: v-zfs as at the first clone" "$(zfs_sha v-zfs-copy_00000)" "$sha_zfs_now"
  zfs_yaml 96MiB 128MiB > "$steps/zfs.yaml"
  write_volumes 96MiB 96MiB "$steps/day2.yaml" "$steps/zfs.yaml"
  step zfs-drift-after 0 real drift --format json
else
  echo "lab: ZFS skipped: $(cat "$out/zfs")" >&2
  summary_rows+=("| zfs | skipped: $(cat "$out/zfs") | - | - |")
fi

# delete by policy: every volume leaves Git (with ZFS: the clones first, then v-zfs and its
# snapshots, in the same plan — decision 027)
write_volumes none none
step delete-apply 0 real apply --auto-approve --prune --override-guard
step delete-replan 0 real plan --detailed-exitcode --prune
check delete-verify vm vm1 '! lvs --noheadings -o lv_tags vg0 | grep -q strata && ! dmsetup ls --target crypt | grep -q strata && [ -z "$(ls /sys/kernel/config/nvmet/subsystems)" ]'
check delete-verify-initiator vm vm2 '[ -z "$(ls /sys/class/nvme-subsystem 2>/dev/null)" ]'
if [ "$zfs_on" = yes ]; then
  check delete-verify-zfs vm vm3 'zfs list -H -t all -o name,strata:owner > /tmp/zl && ! grep -q strata /tmp/zl && echo "zfs list -t all: $(cut -f1 /tmp/zl | tr "\n" " ")"'
fi

# ---- the report ---------------------------------------------------------------------------------
total=$((SECONDS - lab_start))
{
  echo "# Strata kernel lab report"
  echo
  echo "Kernel $(cat "$out/kver") under qemu (TCG), $(wc -l < "$out/vms.tsv") VMs; scenario wall time ${total} s."
  echo "ZFS: $(cat "$out/zfs")"
  echo
  echo "| step | what | exit | wall |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${summary_rows[@]}"
  echo
  echo "## Commands Strata's executors ran on the real kernels"
  echo
  echo "Per step: VM, duration in the VM (s), exit status, the command as sent over SSH."
  for f in $(ls -1tr "$steps"/*.cmds 2>/dev/null); do
    [ -s "$f" ] || continue
    echo; echo "### $(basename "$f" .cmds)"; echo; echo '```'
    awk -F'\t' '{printf "%s %6.3fs rc=%s  %s\n", $1, $3, $4, $5}' "$f"
    echo '```'
  done
} > "$report"
echo "lab: PASSED in ${total}s; report: $report ($(cat "$steps"/*.cmds 2>/dev/null | wc -l) commands)" >&2
