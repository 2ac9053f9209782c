package io.strata.planner.plan;

import io.strata.planner.observed.DevicePaths;
import io.strata.planner.observed.DrbdConfig;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.SecretRef;
import java.util.List;

/**
 * The full description of the object a Change works on: everything an executor needs to build the
 * exact commands, so that executors never look anything up or decide anything. One record per kind
 * of storage object; the set is closed.
 */
public sealed interface ObjectSpec {

  /**
   * A cleanup step: the runner applies it once every dependency has ended, whether they succeeded
   * or not (the resume after a crash-consistent snapshot, docs/decisions/022). False for all else.
   */
  default boolean runsAfterFailure() {
    return false;
  }

  /**
   * A thick or thin LV. {@code thinPool} null for thick; {@code physicalVolumes} feed the device
   * filter. {@code deleteMarker}: the LV carries the tag {@code strata-delete} next to {@code
   * strata}, recording that its volume may be pruned once it leaves Git (docs/decisions/001).
   * {@code initMarker}: the LV carries the tag {@code strata-init} while the layers above it are
   * being initialized (docs/decisions/005).
   */
  record Lv(
      String vg,
      String thinPool,
      String name,
      long sizeBytes,
      List<String> physicalVolumes,
      boolean deleteMarker,
      boolean initMarker)
      implements ObjectSpec {
    public Lv {
      physicalVolumes = List.copyOf(physicalVolumes);
    }

    public Lv(
        String vg,
        String thinPool,
        String name,
        long sizeBytes,
        List<String> physicalVolumes,
        boolean deleteMarker) {
      this(vg, thinPool, name, sizeBytes, physicalVolumes, deleteMarker, false);
    }

    public Lv withInitMarker(boolean on) {
      return new Lv(vg, thinPool, name, sizeBytes, physicalVolumes, deleteMarker, on);
    }

    public String devicePath() {
      return DevicePaths.lv(vg, name);
    }
  }

  /**
   * Activation of an existing LV of Strata's ({@code lvchange --activate y}), as after a reboot:
   * LVM metadata says the LV exists, but it has no device node. A thin LV's pool is activated with
   * it. Never creates, resizes or formats anything.
   */
  record LvActivation(Lv lv) implements ObjectSpec {
    public String devicePath() {
      return lv.devicePath();
    }
  }

  /**
   * A zvol {@code zpool/name}; sparse for zfs-thin. {@code deleteMarker}: {@code
   * strata:owner=strata-delete} instead of {@code strata} (docs/decisions/001). {@code initMarker}:
   * {@code strata:init=pending} while the layers above are being initialized (docs/decisions/005).
   */
  record Zvol(
      String zpool,
      String name,
      long sizeBytes,
      boolean sparse,
      long volblocksize,
      boolean deleteMarker,
      boolean initMarker)
      implements ObjectSpec {
    public Zvol(
        String zpool,
        String name,
        long sizeBytes,
        boolean sparse,
        long volblocksize,
        boolean deleteMarker) {
      this(zpool, name, sizeBytes, sparse, volblocksize, deleteMarker, false);
    }

    public Zvol withInitMarker(boolean on) {
      return new Zvol(zpool, name, sizeBytes, sparse, volblocksize, deleteMarker, on);
    }

    public String dataset() {
      return zpool + "/" + name;
    }

    public String devicePath() {
      return DevicePaths.zvol(zpool, name);
    }
  }

  /**
   * A LUKS2 container on {@code backingDevice}, opened as {@code /dev/mapper/<mapping>}. {@code
   * freshBacking}: the backing device holds no data of the user (created by this plan or carrying
   * the initialization marker), so it may be formatted when it probes empty; otherwise only a
   * container with Strata's label is opened and nothing is ever formatted.
   */
  record Luks(
      String mapping,
      String backingDevice,
      String cipher,
      int keySize,
      SecretRef passphraseRef,
      long sizeBytes,
      boolean freshBacking,
      ResourceTemplate.Pbkdf pbkdf)
      implements ObjectSpec {
    /** With the executor's default key derivation ({@code pbkdf} null). */
    public Luks(
        String mapping,
        String backingDevice,
        String cipher,
        int keySize,
        SecretRef passphraseRef,
        long sizeBytes,
        boolean freshBacking) {
      this(mapping, backingDevice, cipher, keySize, passphraseRef, sizeBytes, freshBacking, null);
    }

    public Luks(
        String mapping,
        String backingDevice,
        String cipher,
        int keySize,
        SecretRef passphraseRef,
        long sizeBytes) {
      this(mapping, backingDevice, cipher, keySize, passphraseRef, sizeBytes, true);
    }

    public String devicePath() {
      return DevicePaths.mapper(mapping);
    }
  }

  /**
   * One node's side of a DRBD resource. {@code freshBacking}: the local backing device is created
   * in this same plan or still carries the initialization marker, so metadata may be created on it
   * (the executor still probes before create-md). {@code initialSync}: what this node does once all
   * peers are up (only one node per resource gets something other than NONE).
   */
  record Drbd(DrbdConfig config, String node, boolean freshBacking, InitialSync initialSync)
      implements ObjectSpec {
    public enum InitialSync {
      NONE,
      /** Thick backing: {@code drbdadm primary --force} then {@code secondary}; peers full-sync. */
      FORCE_PRIMARY,
      /** Zero-reading backing (thin LVM, ZFS): {@code new-current-uuid --clear-bitmap}, no sync. */
      CLEAR_BITMAP
    }

    public String devicePath() {
      return config.devicePath();
    }
  }

  /**
   * An nvmet export: subsystem {@code nqn}, namespace {@code nsid} over {@code devicePath}, one
   * port. {@code portShared}: another subsystem keeps the port configured around this change
   * (docs/decisions/026) — a create or update finds the port as it wants it (observed so, or set up
   * by the export it depends on) and only links; a delete only unlinks and leaves the port to the
   * subsystems that stay. The kernel refuses attribute writes to a port that serves a subsystem.
   */
  record NvmeExport(
      String nqn,
      int nsid,
      String devicePath,
      int portId,
      String transport,
      String address,
      int serviceId,
      List<String> allowedHosts,
      boolean portShared)
      implements ObjectSpec {
    public NvmeExport {
      allowedHosts = List.copyOf(allowedHosts);
    }

    /** An export that configures its port itself. */
    public NvmeExport(
        String nqn,
        int nsid,
        String devicePath,
        int portId,
        String transport,
        String address,
        int serviceId,
        List<String> allowedHosts) {
      this(nqn, nsid, devicePath, portId, transport, address, serviceId, allowedHosts, false);
    }

    public NvmeExport withPortShared() {
      return new NvmeExport(
          nqn, nsid, devicePath, portId, transport, address, serviceId, allowedHosts, true);
    }
  }

  /** An NVMe-oF initiator connection to {@code nqn} at {@code address:serviceId}. */
  record NvmeAttach(String nqn, String transport, String address, int serviceId)
      implements ObjectSpec {}

  /**
   * A snapshot {@code name} of the storage object {@code origin}. {@code deleteMarker}: the
   * snapshot itself carries the delete marker (its Snapshot manifest says {@code deletionPolicy:
   * Delete}); the origin's marker is the volume's and says nothing about the snapshot. {@code
   * scheduled}: taken by the volume's snapshot schedule ({@code spec.snapshots},
   * docs/decisions/028) and marked so (LV tag {@code strata-scheduled}, ZFS {@code
   * strata:owner=strata-scheduled}): retention prunes only such snapshots.
   */
  record StorageSnapshot(
      ObjectSpec origin, String name, boolean deleteMarker, long boundMillis, boolean scheduled)
      implements ObjectSpec {
    public StorageSnapshot {
      if (boundMillis < 0) {
        throw new IllegalArgumentException("boundMillis must not be negative: " + boundMillis);
      }
    }

    public StorageSnapshot(ObjectSpec origin, String name, boolean deleteMarker, long boundMillis) {
      this(origin, name, deleteMarker, boundMillis, false);
    }

    /** An independent snapshot, not taken while I/O is suspended. */
    public StorageSnapshot(ObjectSpec origin, String name, boolean deleteMarker) {
      this(origin, name, deleteMarker, 0);
    }

    /**
     * Taken while the volume's I/O is suspended on every replica: the snapshot command must end
     * within {@code boundMillis} and is not retried (a retry would hold I/O longer).
     */
    public boolean suspended() {
      return boundMillis > 0;
    }
  }

  /**
   * The adoption of an existing LV or zvol that is not yet Strata's ({@code Volume.spec.adopt},
   * docs/decisions/022): {@code storage} ({@link Lv} or {@link Zvol}) describes it exactly as
   * observed when planned, with the markers it gets. Marks only: the executor refuses when the
   * device's size or thin pool changed since, and never formats, resizes or renames anything.
   */
  record Adoption(ObjectSpec storage) implements ObjectSpec {
    public Adoption {
      if (!(storage instanceof Lv) && !(storage instanceof Zvol)) {
        throw new IllegalArgumentException("only an LV or a zvol can be adopted: " + storage);
      }
    }
  }

  /**
   * A new volume's storage {@code target} ({@link Lv} or {@link Zvol}, with its markers) created
   * from the storage {@code source} of another volume ({@code Volume.spec.source},
   * docs/decisions/027). {@code sourceSnapshot}: the snapshot of {@code source} the copy starts
   * from (the LV name of a thin snapshot, the part after {@code @} of a ZFS one), null to copy
   * {@code source} itself; {@code takeSnapshot}: the executor first takes {@code sourceSnapshot} (a
   * ZFS clone of a volume needs one). {@code marker}: what the clone records as its source ({@code
   * snapshot:V/S}, {@code volume:V}). {@code copyBytes}: what a block copy reads, 0 for native
   * clones.
   */
  record StorageClone(
      ObjectSpec target,
      ObjectSpec source,
      String sourceSnapshot,
      boolean takeSnapshot,
      Method method,
      String marker,
      long copyBytes)
      implements ObjectSpec {
    public StorageClone {
      if (!(target instanceof Lv) && !(target instanceof Zvol)) {
        throw new IllegalArgumentException("only an LV or a zvol can be a clone: " + target);
      }
      if (!(source instanceof Lv) && !(source instanceof Zvol)) {
        throw new IllegalArgumentException("only an LV or a zvol can be cloned: " + source);
      }
    }

    /** How the data gets there. */
    public enum Method {
      /** {@code lvcreate --snapshot} of a thin LV or thin snapshot: shares the pool's blocks. */
      THIN_SNAPSHOT("lvm-thin-snapshot"),
      /** {@code zfs clone} of a snapshot: shares the pool's blocks. */
      ZFS_CLONE("zfs-clone"),
      /** A new thick LV and a {@code dd} of every block of the source. */
      BLOCK_COPY("block-copy");

      private final String jsonName;

      Method(String jsonName) {
        this.jsonName = jsonName;
      }

      public String jsonName() {
        return jsonName;
      }

      public static Method fromJson(String s) {
        for (Method m : values()) {
          if (m.jsonName.equals(s)) {
            return m;
          }
        }
        throw new IllegalArgumentException("unknown clone method '" + s + "'");
      }
    }
  }

  /**
   * I/O of DRBD resource {@code resource} suspended ({@code suspend}, {@code drbdadm suspend-io})
   * or resumed ({@code drbdadm resume-io}) on one node, around the crash-consistent snapshot {@code
   * snapshot} of all its diskful replicas (docs/decisions/022). A resume runs after failure too.
   */
  record DrbdIoFence(String resource, String snapshot, boolean suspend) implements ObjectSpec {
    @Override
    public boolean runsAfterFailure() {
      return !suspend;
    }
  }
}
