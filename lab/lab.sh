#!/usr/bin/env bash
# The whole kernel lab: build the initramfs, boot the VMs, run the scenario through the strata jar,
# and always tear the VMs down (trap). Exit 0 only if every step passed.
# usage: lab/lab.sh OUTDIR STRATA_JAR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: lab.sh OUTDIR STRATA_JAR}"; jar="${2:?usage: lab.sh OUTDIR STRATA_JAR}"
mkdir -p "$out"; out="$(cd "$out" && pwd)"
[ -f "$jar" ] || { echo "lab.sh: no strata jar at $jar (mvn -B package -DskipTests)" >&2; exit 1; }
trap '"$here/down.sh" "$out"' EXIT
trap 'exit 143' TERM INT
t0=$SECONDS
"$here/build.sh" "$out"
t1=$SECONDS
vms=2
if [ "$(cat "$out/zfs")" = yes ]; then vms=3; else echo "lab.sh: ZFS skipped: $(cat "$out/zfs")" >&2; fi
"$here/up.sh" "$out" "$vms"
t2=$SECONDS
"$here/scenario.sh" "$out" "$jar"
t3=$SECONDS
{
  echo
  echo "## Wall time"
  echo
  echo "build $((t1 - t0)) s, boot to SSH-ready $((t2 - t1)) s, scenario $((t3 - t2)) s; total $((t3 - t0)) s (before teardown)."
} >> "$out/report.md"
echo "lab.sh: total $((t3 - t0)) s (build $((t1 - t0)), boot $((t2 - t1)), scenario $((t3 - t2))); report $out/report.md" >&2
