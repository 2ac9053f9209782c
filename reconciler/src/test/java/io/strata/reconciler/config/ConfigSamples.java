package io.strata.reconciler.config;

/** The full ARCHITECTURE.md §12 example, every section set (a seed for the config fuzzer). */
final class ConfigSamples {
  static final String FULL =
      """
        git:
          url: .
          branch: main
          path: manifests
          pollInterval: 30s
          webhookSecret: env:STRATA_WEBHOOK_SECRET
          verify: {mode: none}
        secrets:
          clusterKeyRef: file:/etc/strata/cluster.key
        reconcile:
          mode: plan-only
          prune: true
          heal: all
          driftInterval: 5m
          maxDestroyFraction: 0.25
          parallelism: {perNode: 2, total: 16}
          probeTimeout: 10s
        http: {bind: 0.0.0.0, port: 9090}
        alerts:
          - {type: log}
          - {type: webhook, url: http://127.0.0.1:9093/hook}
        simulation:
          stateDir: .strata/sim
          latency: 5ms
          syncRate: 0
          nodes:
            alpha: {volumeGroups: {vg0: 100GiB}, thinPools: {vg0/thin: 80GiB}, zpools: {tank: 200GiB}}
        """;

  private ConfigSamples() {}
}
