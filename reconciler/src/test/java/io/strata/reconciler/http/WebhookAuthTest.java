package io.strata.reconciler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookAuthTest {
  static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void githubSignatureMatchesTheDocumentedExample() {
    // Example from GitHub's "Validating webhook deliveries" documentation.
    String sig = WebhookAuth.sign("It's a Secret to Everybody", "Hello, World!".getBytes());
    assertEquals("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", sig);
  }

  @Test
  void acceptsTheRightSignatureOrTokenAndRefusesEverythingElse() {
    WebhookAuth auth = new WebhookAuth("s3cret");
    String good = WebhookAuth.sign("s3cret", BODY);
    assertInstanceOf(WebhookAuth.Verdict.Accepted.class, auth.check(good, null, BODY));
    assertInstanceOf(
        WebhookAuth.Verdict.Accepted.class,
        auth.check(good.toUpperCase().replace("SHA256", "sha256"), null, BODY));
    assertInstanceOf(
        WebhookAuth.Verdict.Refused.class, auth.check(WebhookAuth.sign("other", BODY), null, BODY));
    assertInstanceOf(
        WebhookAuth.Verdict.Refused.class, auth.check(good, null, "tampered".getBytes()));
    assertInstanceOf(WebhookAuth.Verdict.Refused.class, auth.check("sha1=abc", null, BODY));
    assertInstanceOf(WebhookAuth.Verdict.Accepted.class, auth.check(null, "s3cret", BODY));
    assertInstanceOf(WebhookAuth.Verdict.Refused.class, auth.check(null, "s3cre", BODY));
    var none = auth.check(null, null, BODY);
    assertInstanceOf(WebhookAuth.Verdict.Refused.class, none);
    assertFalse(((WebhookAuth.Verdict.Refused) none).why().contains("s3cret"));
  }

  /** Issue 12: with no secret the hook was open to anyone; now only when the operator says so. */
  @Test
  void withoutASecretPushesAreRefusedUnlessExplicitlyAllowed() {
    var refused = new WebhookAuth(null).check(null, null, BODY);
    assertInstanceOf(WebhookAuth.Verdict.Refused.class, refused);
    assertTrue(
        ((WebhookAuth.Verdict.Refused) refused)
            .why()
            .contains("http.allowUnauthenticatedWebhook: true"));
    assertInstanceOf(
        WebhookAuth.Verdict.Accepted.class, new WebhookAuth(null, true).check(null, null, BODY));
  }

  @Test
  void pushEventsOfTheThreeForgesAndBarePosts() {
    assertTrue(PushEvent.parse(BODY).concerns("main"));
    assertFalse(
        PushEvent.parse("{\"ref\":\"refs/heads/strata/status\"}".getBytes()).concerns("main"));
    assertTrue(PushEvent.parse(new byte[0]).concerns("main"));
    assertTrue(PushEvent.parse("not json".getBytes()).concerns("main"));
    // GitLab: object_kind push with the same ref field.
    assertTrue(
        PushEvent.parse("{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}".getBytes())
            .concerns("main"));
  }

  @Test
  void theAfterCommitIsReadOnlyWhenItIsACommitName() {
    String sha = "3f2a" + "0".repeat(36);
    assertEquals(
        sha, PushEvent.parse(("{\"ref\":\"main\",\"after\":\"" + sha + "\"}").getBytes()).after());
    assertNull(PushEvent.parse("{\"after\":\"HEAD~1\"}".getBytes()).after());
    assertNull(PushEvent.parse("{\"after\":42}".getBytes()).after());
    assertNull(PushEvent.parse(BODY).after());
  }
}
