package io.strata.reconciler.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a signed webhook delivery seen before (issue 12). GitHub's HMAC covers the body only, so
 * a captured request stays valid forever; replaying it can only queue a cycle, but an endless
 * stream of replays would keep the daemon fetching and planning. A delivery is remembered by its id
 * ({@code X-GitHub-Delivery}, {@code X-Gitea-Delivery}, {@code X-Gitlab-Event-UUID}) and by the
 * digest of its signed body (an attacker can change a header, not the signed body) for {@link
 * #WINDOW}; at most {@link #CAPACITY} deliveries are kept, oldest evicted first. Only deliveries
 * authenticated by a body signature are checked: a bare unauthenticated POST (allowed only with
 * {@code http.allowUnauthenticatedWebhook}) may repeat at will.
 */
public final class ReplayGuard {
  public static final Duration WINDOW = Duration.ofHours(1);
  public static final int CAPACITY = 10_000;

  private final Clock clock;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  public ReplayGuard(Clock clock) {
    this.clock = clock;
  }

  /**
   * Whether this delivery is new; if so it is remembered. {@code deliveryId} may be null (a forge
   * that sends none): then the body digest alone decides.
   */
  public synchronized boolean firstSeen(String deliveryId, byte[] signedBody) {
    Instant now = clock.instant();
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      if (!it.next().plus(WINDOW).isAfter(now)) {
        it.remove();
      } else {
        break; // insertion order is time order
      }
    }
    List<String> keys =
        deliveryId == null || deliveryId.isBlank()
            ? List.of("body:" + sha256(signedBody))
            : List.of("body:" + sha256(signedBody), "id:" + deliveryId.strip());
    if (keys.stream().anyMatch(seen::containsKey)) {
      return false;
    }
    keys.forEach(k -> seen.put(k, now));
    while (seen.size() > 2 * CAPACITY) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
