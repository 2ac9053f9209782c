package io.strata.schema.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1",
        "255.255.255.255",
        "0.0.0.0",
        "::1",
        "::",
        "fd00::11",
        "2001:db8::22",
        "1:2:3:4:5:6:7:8",
        "::ffff:192.0.2.1",
        "fe80::1%eth0",
        "alpha",
        "store-3.example.net",
        "a.b.c.",
        "x1"
      })
  void accepts(String a) {
    assertTrue(Addresses.valid(a), a);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "10.0.0.256", "10.0.0", "10.0.0.1.2", "01.2.3.4", "1::2::3", "1:2:3:4:5:6:7:8:9",
        "12345::1", "bad_host", "-alpha", "alpha-", "a..b", "fe80::1%", "10.0.0.1/24",
        "host name", "1.2.3"
      })
  void refuses(String a) {
    assertFalse(Addresses.valid(a), a);
  }
}
