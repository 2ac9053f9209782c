package io.strata.reconciler.http;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a webhook body says, as far as the daemon cares: which ref was pushed (GitHub, Gitea and
 * GitLab push payloads all carry {@code "ref": "refs/heads/main"}) and the commit it now points at
 * ({@code "after"}, in all three), or nothing (a bare POST or a payload of another shape, which
 * simply triggers a fetch).
 */
public record PushEvent(String ref, String after) {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  /** Only the ref (no {@code after}). */
  public PushEvent(String ref) {
    this(ref, null);
  }

  public static PushEvent parse(byte[] body) {
    if (body.length == 0) {
      return new PushEvent(null, null);
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      JsonNode ref = n == null ? null : n.get("ref");
      JsonNode after = n == null ? null : n.get("after");
      String commit = after != null && after.isString() ? after.asString() : null;
      return new PushEvent(
          ref != null && ref.isString() ? ref.asString() : null,
          commit != null && COMMIT.matcher(commit).matches() ? commit : null);
    } catch (JacksonException e) {
      return new PushEvent(null, null);
    }
  }

  /** Whether this push may change what the daemon reads from {@code branch}. */
  public boolean concerns(String branch) {
    return ref == null || ref.equals("refs/heads/" + branch) || ref.equals(branch);
  }
}
