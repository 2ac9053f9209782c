package io.strata.reconciler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes what a webhook caller controls (issue 12): the body, the signature header and the token.
 * Nothing throws; a request is accepted only with the exact HMAC of its body (or the exact token);
 * any one-character change of a good signature is refused; a signed delivery is accepted once.
 */
class WebhookFuzzProperties {
  static final String SECRET = "fuzz-secret";
  final WebhookAuth auth = new WebhookAuth(SECRET);

  @Provide
  Arbitrary<String> headers() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().withChars("sha256=0123456789abcdefABCDEF ").ofMaxLength(80),
        Arbitraries.just(null));
  }

  @Fuzz(tries = 500)
  void onlyTheExactSignatureOrTokenIsAccepted(
      @ForAll byte[] body, @ForAll("headers") String sig, @ForAll("headers") String token) {
    WebhookAuth.Verdict v = auth.check(sig, token, body);
    PushEvent.parse(body).concerns("main"); // never throws on any body
    boolean exact =
        sig != null
            ? sig.strip().equalsIgnoreCase(WebhookAuth.sign(SECRET, body))
            : SECRET.equals(token);
    assertEquals(exact, v instanceof WebhookAuth.Verdict.Accepted, String.valueOf(v));
    if (v instanceof WebhookAuth.Verdict.Refused r) {
      assertTrue(!r.why().contains(SECRET), "the reason never echoes the secret");
    }
  }

  @Fuzz(tries = 300)
  void aGoodSignatureWithOneCharacterChangedIsRefused(
      @ForAll byte[] body, @ForAll @IntRange(min = 7, max = 70) int at, @ForAll char c) {
    String good = WebhookAuth.sign(SECRET, body);
    if (Character.toLowerCase(good.charAt(at)) == Character.toLowerCase(c)) {
      return;
    }
    String bad = good.substring(0, at) + c + good.substring(at + 1);
    assertInstanceOf(WebhookAuth.Verdict.Refused.class, auth.check(bad, null, body));
  }

  @Fuzz(tries = 200)
  void aSignedDeliveryIsAcceptedOnceWithinTheWindow(
      @ForAll byte[] body, @ForAll("headers") String id, @ForAll("headers") String otherId) {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    MutableClock clock = new MutableClock(t0);
    ReplayGuard guard = new ReplayGuard(clock);
    assertTrue(guard.firstSeen(id, body));
    assertTrue(!guard.firstSeen(id, body), "the same delivery again");
    assertTrue(!guard.firstSeen(otherId, body), "the same signed body under another id");
    clock.now = t0.plus(ReplayGuard.WINDOW).plusSeconds(1);
    assertTrue(guard.firstSeen(id, body), "forgotten after the window");
    byte[] other = (new String(body, StandardCharsets.ISO_8859_1) + "x").getBytes();
    assertEquals(
        id == null || id.isBlank(), guard.firstSeen(id, other), "a new body under a seen id");
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
