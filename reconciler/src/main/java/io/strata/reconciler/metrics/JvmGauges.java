package io.strata.reconciler.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The process's memory, read from the JVM's own MXBeans at each scrape, under the names of the
 * Prometheus JVM instrumentation ({@code jvm_memory_used_bytes{area}}, {@code …_committed_bytes},
 * {@code …_max_bytes}, {@code jvm_memory_pool_collection_used_bytes{pool}}: what a pool held right
 * after its last collection). One set per process, whatever the number of repositories: an operator
 * (and the load test of issue 12) watches whether the daemon's heap grows with its work.
 */
final class JvmGauges {
  private JvmGauges() {}

  static List<MetricSnapshot> snapshots() {
    var memory = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(
        area("jvm_memory_used_bytes", "Used memory by area", heap, nonHeap, MemoryUsage::getUsed));
    out.add(
        area(
            "jvm_memory_committed_bytes",
            "Committed memory by area",
            heap,
            nonHeap,
            MemoryUsage::getCommitted));
    out.add(
        area("jvm_memory_max_bytes", "Maximum memory by area", heap, nonHeap, MemoryUsage::getMax));
    List<GaugeDataPointSnapshot> afterGc = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage u = pool.getCollectionUsage();
      if (u != null && pool.getType() == MemoryType.HEAP) {
        afterGc.add(point(u.getUsed(), Labels.of("pool", pool.getName())));
      }
    }
    out.add(
        new GaugeSnapshot(
            new MetricMetadata(
                "jvm_memory_pool_collection_used_bytes",
                "Heap pool usage right after its last garbage collection",
                Unit.BYTES),
            afterGc));
    return out;
  }

  private static GaugeSnapshot area(
      String name,
      String help,
      MemoryUsage heap,
      MemoryUsage nonHeap,
      ToLongFunction<MemoryUsage> value) {
    return new GaugeSnapshot(
        new MetricMetadata(name, help, Unit.BYTES),
        List.of(
            point(value.applyAsLong(heap), Labels.of("area", "heap")),
            point(value.applyAsLong(nonHeap), Labels.of("area", "nonheap"))));
  }

  private static GaugeDataPointSnapshot point(long value, Labels labels) {
    return new GaugeDataPointSnapshot(value, labels, null);
  }
}
