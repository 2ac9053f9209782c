package io.strata.executors.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.FakeHost;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.secret.EnvFileSecretResolver;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.SecretRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LuksExecutorTest {
  static final ObjectSpec.Luks SPEC =
      new ObjectSpec.Luks(
          "strata-pg", "/dev/vg0/pg_00000", null, 0, SecretRef.parse("env:K"), 1 << 30);
  final LuksExecutor luks =
      new LuksExecutor(new EnvFileSecretResolver(Map.of("K", "s3cr3t")), Pbkdf.FAST_FOR_TESTS);
  FakeHost host;

  @BeforeEach
  void setUp() {
    host = new FakeHost("alpha");
    host.fail(List.of("blkid"), 2, "");
    host.ok(List.of("cryptsetup", "luksFormat"), "");
    host.fail(List.of("cryptsetup", "status"), 4, "");
    host.ok(List.of("cryptsetup", "open"), "");
  }

  static Change change(Action a, ObjectSpec spec) {
    return new Change(
        "pg/alpha/luks", a, Layer.LUKS, "alpha", "pg", "strata-pg", null, List.of(), "t", spec);
  }

  @Test
  void formatsAnEmptyDeviceThenOpensWithTheKeyOnStdin() {
    assertTrue(luks.create(host, change(Action.CREATE, SPEC)).success());
    assertEquals(
        List.of(
            "blkid -p -o export /dev/vg0/pg_00000",
            "cryptsetup luksFormat --type luks2 --batch-mode --key-file - --pbkdf pbkdf2"
                + " --pbkdf-force-iterations 1000 --label strata-pg --subsystem strata /dev/vg0/pg_00000",
            "cryptsetup status strata-pg",
            "cryptsetup open --type luks2 --key-file - /dev/vg0/pg_00000 strata-pg"),
        host.log);
    assertArrayEquals("s3cr3t".getBytes(), host.stdins.get(1));
    assertArrayEquals("s3cr3t".getBytes(), host.stdins.get(3));
    assertTrue(host.log.stream().noneMatch(l -> l.contains("s3cr3t")));
  }

  @Test
  void theTemplatesPbkdfReplacesTheDefault() {
    var small =
        new ObjectSpec.Luks(
            "strata-pg",
            "/dev/vg0/pg_00000",
            null,
            0,
            SecretRef.parse("env:K"),
            1 << 30,
            true,
            new ResourceTemplate.Pbkdf("argon2id", 65536L, 200, null));
    assertTrue(luks.create(host, change(Action.CREATE, small)).success());
    assertEquals(
        "cryptsetup luksFormat --type luks2 --batch-mode --key-file - --pbkdf argon2id"
            + " --pbkdf-memory 65536 --iter-time 200 --label strata-pg --subsystem strata"
            + " /dev/vg0/pg_00000",
        host.log.get(1));
    assertEquals(
        List.of("--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000"),
        Pbkdf.of(new ResourceTemplate.Pbkdf("pbkdf2", null, null, 1000)).flags());
    // only the type given: argon2 keeps Strata's 256 MiB, as without the option
    assertEquals(
        List.of("--pbkdf", "argon2id", "--pbkdf-memory", "262144"),
        Pbkdf.of(new ResourceTemplate.Pbkdf(null, null, null, null)).flags());
    assertEquals(
        Pbkdf.DEFAULT.flags(),
        Pbkdf.of(new ResourceTemplate.Pbkdf(null, null, null, null)).flags());
  }

  @Test
  void ourHeaderIsOpenedNotReformatted() {
    host.ok(
        List.of("blkid"),
        "UUID=x\nLABEL=strata-pg\nSUBSYSTEM=strata\nVERSION=2\nTYPE=crypto_LUKS\n");
    assertTrue(luks.create(host, change(Action.CREATE, SPEC)).success());
    assertTrue(host.commands().stream().noneMatch(c -> c.contains("luksFormat")));
  }

  /**
   * A retry after "connection lost while running cryptsetup": the lost attempt's open finished on
   * the node only after the retry's status looked (kernel lab, under load). The mapping is there,
   * so the change succeeded; any other rc 5 stays a failure.
   */
  @Test
  void anOpenThatALostAttemptFinishedMeanwhileIsSuccess() {
    host.ok(
        List.of("blkid"),
        "UUID=x\nLABEL=strata-pg\nSUBSYSTEM=strata\nVERSION=2\nTYPE=crypto_LUKS\n");
    int[] statuses = {0};
    host.on(
        List.of("cryptsetup", "status"),
        argv ->
            statuses[0]++ == 0
                ? Result.failed(argv, 4, "")
                : Result.ok(argv, "  device:  /dev/vg0/pg_00000\n  size:    2097152 sectors\n"));
    host.fail(List.of("cryptsetup", "open"), 5, "Device strata-pg already exists.");
    ApplyOutcome o = luks.create(host, change(Action.CREATE, SPEC));
    assertTrue(o.success(), o.describe());
    assertEquals("cryptsetup status strata-pg", host.log.get(host.log.size() - 1));

    host.fail(List.of("cryptsetup", "status"), 4, "");
    assertFalse(luks.create(host, change(Action.CREATE, SPEC)).success());
  }

  @Test
  void anyOtherContentIsRefused() {
    for (String other :
        List.of(
            "TYPE=ext4\n", "LABEL=other\nSUBSYSTEM=strata\nTYPE=crypto_LUKS\n", "TYPE=drbd\n")) {
      host.ok(List.of("blkid"), other);
      ApplyOutcome o = luks.create(host, change(Action.CREATE, SPEC));
      assertInstanceOf(ApplyOutcome.Terminal.class, o);
      assertTrue(o.describe().startsWith("would format a device holding data"), o.describe());
    }
    assertTrue(
        host.commands().stream().noneMatch(c -> c.contains("luksFormat") || c.contains("open")));
  }

  @Test
  void aMissingSecretIsTerminalAndNamesTheReference() {
    LuksExecutor noKey =
        new LuksExecutor(new EnvFileSecretResolver(Map.of()), Pbkdf.FAST_FOR_TESTS);
    ApplyOutcome o = noKey.create(host, change(Action.CREATE, SPEC));
    assertInstanceOf(ApplyOutcome.Terminal.class, o);
    assertTrue(o.describe().contains("env:K"), o.describe());
    assertTrue(host.log.isEmpty());
  }

  @Test
  void deleteClosesAndDestroysOnlyOurHeader() {
    host.fail(List.of("cryptsetup", "close"), 4, "Device strata-pg is not active.");
    host.ok(List.of("blkid"), "LABEL=strata-pg\nSUBSYSTEM=strata\nTYPE=crypto_LUKS\n");
    host.ok(List.of("cryptsetup", "erase"), "");
    host.ok(List.of("wipefs"), "");
    assertTrue(luks.delete(host, change(Action.DELETE, SPEC)).success());
    assertEquals(
        List.of(
            "cryptsetup close strata-pg",
            "blkid -p -o export /dev/vg0/pg_00000",
            "cryptsetup erase --batch-mode /dev/vg0/pg_00000",
            "wipefs -a /dev/vg0/pg_00000"),
        host.log);
    host.log.clear();
    host.ok(List.of("blkid"), "TYPE=xfs\n");
    assertTrue(luks.delete(host, change(Action.DELETE, SPEC)).success());
    assertTrue(host.commands().stream().noneMatch(c -> c.startsWith("wipefs")));
  }

  @Test
  void observeAsksStatusOnlyForStrataMappingsItHasNotSeenOpenOnThatDevice() {
    String table =
        "strata-pg: 0 131072 crypt aes-xts-plain64 :64:logon:cryptsetup:u-d0 0 254:0 32768\n"
            + "vg0-lv0-crypt: 0 8 crypt aes-xts-plain64 :64:logon:cryptsetup:v-d0 0 254:1 32768\n";
    host.ok(List.of("dmsetup"), table);
    host.ok(
        List.of("cryptsetup", "status", "strata-pg"),
        FakeHost.fixture("real-tools/vm-cryptsetup-status.out"));
    assertEquals(
        List.of(new LuksDevice("strata-pg", "/dev/mapper/vg0-lv0", 131072L * 512, true)),
        observe());
    assertEquals(List.of("dmsetup table --target crypt", "cryptsetup status strata-pg"), host.log);

    // the next cycle: same mapping on the same device, grown; one command, the size from dmsetup
    host.log.clear();
    host.ok(List.of("dmsetup"), table.replace("0 131072 crypt", "0 163840 crypt"));
    assertEquals(
        List.of(new LuksDevice("strata-pg", "/dev/mapper/vg0-lv0", 163840L * 512, true)),
        observe());
    assertEquals(List.of("dmsetup table --target crypt"), host.log);

    // closed and reopened on another device: asked again
    host.log.clear();
    host.ok(List.of("dmsetup"), table.replace("0 254:0 32768", "0 254:7 32768"));
    observe();
    assertEquals(List.of("dmsetup table --target crypt", "cryptsetup status strata-pg"), host.log);
  }

  @Test
  void aMappingGoneBetweenTableAndStatusIsNotObservedAndAGarbledTableNamesTheNode() {
    host.ok(List.of("dmsetup"), "strata-pg: 0 8 crypt c :64:logon:k 0 254:0 32768\n");
    assertEquals(List.of(), observe()); // cryptsetup status exits 4 (setUp)
    host.ok(List.of("cryptsetup", "status"), "/dev/mapper/x is active.\n  size:    lots sectors\n");
    ObservationException st = assertThrows(ObservationException.class, this::observe);
    assertTrue(st.getMessage().startsWith("alpha: cryptsetup status"), st.getMessage());
    host.ok(List.of("dmsetup"), "strata-pg: 0 8 linear 254:0 0\n");
    ObservationException e = assertThrows(ObservationException.class, this::observe);
    assertTrue(e.getMessage().startsWith("alpha: dmsetup table"), e.getMessage());
  }

  private List<LuksDevice> observe() {
    NodeStateBuilder b = new NodeStateBuilder("alpha");
    luks.observe(host, NodeInventory.all(List.of(), List.of(), List.of()), b);
    return b.build().luksDevices();
  }
}
