package io.strata.reconciler.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates push webhooks. With no secret configured every request is refused, unless the
 * operator said {@code http.allowUnauthenticatedWebhook: true} (a hook can only trigger a cycle,
 * but an open one lets anyone make the daemon fetch and plan at will). With a secret, GitHub and
 * Gitea send {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body)>}, GitLab sends the secret
 * itself in {@code X-Gitlab-Token}; both are compared in constant time. Anything else is refused.
 */
public final class WebhookAuth {
  /** Why a request was accepted or refused (never containing the secret). */
  public sealed interface Verdict {
    record Accepted(String how) implements Verdict {}

    record Refused(String why) implements Verdict {}
  }

  private final byte[] secret;
  private final boolean allowUnauthenticated;

  /** {@code secret} may be null: then every request is refused. */
  public WebhookAuth(String secret) {
    this(secret, false);
  }

  /** {@code allowUnauthenticated}: with no secret, accept every request. */
  public WebhookAuth(String secret, boolean allowUnauthenticated) {
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.allowUnauthenticated = allowUnauthenticated;
  }

  public Verdict check(String hubSignature256, String gitlabToken, byte[] body) {
    if (secret == null) {
      return allowUnauthenticated
          ? new Verdict.Accepted("http.allowUnauthenticatedWebhook: true")
          : new Verdict.Refused(
              "no git.webhookSecret is configured: set one (env: or file:), or"
                  + " http.allowUnauthenticatedWebhook: true to accept unsigned hooks");
    }
    if (hubSignature256 != null) {
      String sig = hubSignature256.strip();
      if (!sig.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
        return new Verdict.Refused("X-Hub-Signature-256 is not of the form sha256=<hex>");
      }
      byte[] expected = HexFormat.of().formatHex(hmac(body)).getBytes(StandardCharsets.US_ASCII);
      byte[] given = sig.substring(7).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, given)
          ? new Verdict.Accepted("X-Hub-Signature-256")
          : new Verdict.Refused("X-Hub-Signature-256 does not match the body");
    }
    if (gitlabToken != null) {
      return MessageDigest.isEqual(secret, gitlabToken.getBytes(StandardCharsets.UTF_8))
          ? new Verdict.Accepted("X-Gitlab-Token")
          : new Verdict.Refused("X-Gitlab-Token does not match");
    }
    return new Verdict.Refused("no X-Hub-Signature-256 or X-Gitlab-Token header");
  }

  /** HMAC-SHA256 of {@code body} with the secret, as GitHub computes it. */
  byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** {@code sha256=<hex>} for {@code body} under {@code secret} (for clients and tests). */
  public static String sign(String secret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(new WebhookAuth(secret).hmac(body));
  }
}
