package io.strata.simulator.state;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * State held in memory only (benchmarks with thousands of nodes). Handlers validate before they
 * mutate, so a failed command leaves the state as it was; an unexpected exception (a bug) may leave
 * a partial change behind.
 */
public final class MemoryStore implements StateStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final ClusterState state;

  public MemoryStore(Function<String, SimNode> seeder) {
    Map<String, SimNode> nodes = new TreeMap<>();
    this.state = new ClusterState(nodes, new ClusterMeta(), seeder);
  }

  @Override
  public <T> T transact(Function<ClusterState, T> work) {
    lock.lock();
    try {
      T result;
      try {
        result = work.apply(state);
      } catch (RuntimeException | Error e) {
        state.dropAfterStore();
        throw e;
      }
      state.runAfterStore();
      return result;
    } finally {
      lock.unlock();
    }
  }
}
