#!/usr/bin/env python3
"""Writes a benchmark repository for bench/run: manifests/ and strata.yaml in OUT.

Every node carries an LVM-thin pool (vg0/thin) and a ZFS pool (tank), labelled with one of
max(3, replicas) zones. Volumes cycle through four layer stacks so that every executor works:
[drbd, storage] on thin, [drbd, luks, storage] on ZFS, [nvme, storage] on ZFS exported to one
other node, and [storage] on thin. Deterministic: the same arguments give the same files.
"""
import argparse
import os

PER_FILE = 250  # volumes per manifest file: a repository split the way people split them


def node_name(i):
    return f"n{i:04d}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--nodes", type=int, required=True)
    ap.add_argument("--volumes", type=int, required=True)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--latency-ms", type=int, default=0)
    ap.add_argument("--state-dir", default=".strata/sim")
    a = ap.parse_args()
    if a.nodes < max(3, a.replicas):
        raise SystemExit(f"--nodes must be at least {max(3, a.replicas)} (zones and replicas)")
    zones = max(3, a.replicas)
    man = os.path.join(a.out, "manifests")
    os.makedirs(man, exist_ok=True)

    with open(os.path.join(man, "nodes.yaml"), "w") as f:
        for i in range(a.nodes):
            f.write(
                "---\napiVersion: strata.io/v1\nkind: Node\n"
                f"metadata: {{name: {node_name(i)}, labels: {{zone: z{i % zones}, tier: ssd}}}}\n"
                f"spec: {{address: 10.{i // 62500 % 250}.{i // 250 % 250}.{i % 250 + 1}, "
                "connection: {type: simulated}}\n"
            )

    with open(os.path.join(man, "pools-templates.yaml"), "w") as f:
        f.write(
            "apiVersion: strata.io/v1\nkind: StoragePool\nmetadata: {name: thin}\n"
            "spec: {nodeSelector: {tier: ssd}, provider: {type: lvm-thin, volumeGroup: vg0,"
            " thinPool: thin}, overcommit: 4.0}\n---\n"
            "apiVersion: strata.io/v1\nkind: StoragePool\nmetadata: {name: tank}\n"
            "spec: {nodeSelector: {tier: ssd}, provider: {type: zfs, zpool: tank}}\n---\n"
            "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: mirrored}\n"
            "spec: {layers: [drbd, storage], drbd: {protocol: C, autoTiebreaker: true},"
            f" placement: {{redundancy: {a.replicas}, pools: [thin], spreadAcross: zone}}}}\n---\n"
            "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: encrypted}\n"
            "spec: {layers: [drbd, luks, storage], drbd: {protocol: C, autoTiebreaker: true},"
            " luks: {passphraseRef: env:STRATA_LUKS_KEY},"
            f" placement: {{redundancy: {a.replicas}, pools: [tank], spreadAcross: zone}}}}\n---\n"
            "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: exported}\n"
            "spec: {layers: [nvme, storage], nvme: {transport: tcp, port: 4420},"
            " placement: {redundancy: 1, pools: [tank]}}\n---\n"
            "apiVersion: strata.io/v1\nkind: ResourceTemplate\nmetadata: {name: local}\n"
            "spec: {layers: [storage], placement: {redundancy: 1, pools: [thin]}}\n"
        )

    templates = ["mirrored", "encrypted", "exported", "local"]
    f = None
    for v in range(a.volumes):
        if v % PER_FILE == 0:
            if f:
                f.close()
            f = open(os.path.join(man, f"volumes-{v // PER_FILE:03d}.yaml"), "w")
        t = templates[v % len(templates)]
        access = f", access: [{node_name((v * 7 + 1) % a.nodes)}]" if t == "exported" else ""
        f.write(
            "---\napiVersion: strata.io/v1\nkind: Volume\n"
            f"metadata: {{name: vol-{v:05d}}}\n"
            f"spec: {{size: 1 GiB, template: {t}{access}}}\n"
        )
    if f:
        f.close()

    # default seeds (vg0 100 GiB, thin 80 GiB, tank 200 GiB) hold about 100 replicas a node
    with open(os.path.join(a.out, "strata.yaml"), "w") as f:
        f.write(
            "git: {url: ., path: manifests}\n"
            "secrets: {clusterKeyRef: file:cluster.key}\n"
            "reconcile: {parallelism: {perNode: 4, total: 64}}\n"
            "simulation:\n"
            f"  stateDir: {a.state_dir}\n"
            f"  latency: {a.latency_ms}ms\n"
        )


if __name__ == "__main__":
    main()
