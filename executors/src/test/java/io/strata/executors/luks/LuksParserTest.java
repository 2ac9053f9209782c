package io.strata.executors.luks;

import static io.strata.executors.layer.FakeHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.executors.layer.ObservationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LuksParserTest {
  @Test
  void statusFromTheVmBeforeAndAfterResize() {
    assertEquals(
        new LuksParser.Status("/dev/mapper/vg0-lv0", 131072L * 512),
        LuksParser.status(fixture("real-tools/vm-cryptsetup-status.out")));
    assertEquals(
        new LuksParser.Status("/dev/mapper/vg0-lv0", 163840L * 512),
        LuksParser.status(fixture("real-tools/vm-cryptsetup-status-after-resize.out")));
    assertThrows(ObservationException.class, () -> LuksParser.status("Device x not found"));
  }

  @Test
  void luksDumpHeader() {
    assertEquals(
        new LuksParser.Header(2, "0db533ae-ee0d-45ae-ab43-7126f00c3e13", null, null, 16777216L),
        LuksParser.luksDump(fixture("real-tools/luksDump.out")));
    assertThrows(ObservationException.class, () -> LuksParser.luksDump("Device x is not a LUKS"));
  }

  @Test
  void dmsetupTableGivesSizeAndBackingNumberPerMapping() {
    assertEquals(
        List.of(
            new LuksParser.Table("crypt0", 131072L * 512, "254:0"),
            new LuksParser.Table("strata-pg", 262144L * 512, "147:1001")),
        LuksParser.table(fixture("constructed/dmsetup-table-crypt.out")));
    assertEquals(List.of(), LuksParser.table("No devices found\n"));
    // two targets (a reencryption in progress): sizes add up, the backing is not one device
    assertEquals(
        List.of(new LuksParser.Table("x", 200L * 512, null)),
        LuksParser.table(
            "x: 0 100 crypt aes-xts-plain64 :64:logon:k 0 254:0 32768\n"
                + "x: 100 100 crypt aes-xts-plain64 :64:logon:k 0 254:9 32768\n"));
    assertThrows(ObservationException.class, () -> LuksParser.table("x: 0 100 linear 7:0 2048"));
    assertThrows(
        ObservationException.class,
        () -> LuksParser.table("x: 0 lots crypt aes-xts-plain64 :64:logon:k 0 254:0 32768"));
  }

  @Test
  void dmsetupLs() {
    // dmsetup ls prints "<name>\t(<major>:<minor>)" per line; dmsetup(8)
    assertEquals(
        List.of("strata-pg-data", "vg0-lv0"),
        LuksParser.mappings("strata-pg-data\t(254:5)\nvg0-lv0\t(254:0)\n"));
    assertEquals(List.of(), LuksParser.mappings("No devices found\n"));
  }

  @Test
  void formatArgvKeepsTheKeyOffTheCommandLine() {
    byte[] key = "pass".getBytes();
    var c =
        LuksCommands.format(
            "/dev/vg0/pg_00000", "strata-pg", "aes-xts-plain64", 512, Pbkdf.DEFAULT, key);
    assertEquals(
        List.of(
            "cryptsetup",
            "luksFormat",
            "--type",
            "luks2",
            "--batch-mode",
            "--key-file",
            "-",
            "--cipher",
            "aes-xts-plain64",
            "--key-size",
            "512",
            "--pbkdf",
            "argon2id",
            "--pbkdf-memory",
            "262144",
            "--label",
            "strata-pg",
            "--subsystem",
            "strata",
            "/dev/vg0/pg_00000"),
        c.argv());
    assertEquals("pass", new String(c.stdin()));
    assertEquals(true, c.secretStdin());
    assertEquals(false, c.toString().contains("pass"));
    assertEquals(
        List.of("cryptsetup", "open", "--type", "luks2", "--key-file", "-", "/dev/x", "strata-pg"),
        LuksCommands.open("/dev/x", "strata-pg", key).argv());
    assertEquals(
        List.of("cryptsetup", "resize", "--key-file", "-", "strata-pg"),
        LuksCommands.resize("strata-pg", key).argv());
    assertEquals(47, LuksCommands.label("strata-" + "a".repeat(47)).length());
  }
}
