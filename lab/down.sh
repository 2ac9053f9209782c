#!/usr/bin/env bash
# Stops the lab VMs that up.sh started in OUTDIR (by their qemu pid files; nothing else).
# usage: lab/down.sh OUTDIR
set -euo pipefail
out="${1:?usage: down.sh OUTDIR}"
for pidfile in "$out"/vm*/qemu.pid; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null && grep -q strata-lab "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    echo "down.sh: stopped qemu $pid ($(basename "$(dirname "$pidfile")"))" >&2
  fi
  rm -f "$pidfile"
done
