package io.strata.reconciler.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a webhook body says, as far as the daemon cares: which ref was pushed (GitHub, Gitea and
 * GitLab push payloads all carry {@code "ref": "refs/heads/main"}), or nothing (a bare POST or a
 * payload of another shape, which simply triggers a fetch).
 */
public record PushEvent(String ref) {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  public static PushEvent parse(byte[] body) {
    if (body.length == 0) {
      return new PushEvent(null);
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      JsonNode ref = n == null ? null : n.get("ref");
      return new PushEvent(ref != null && ref.isString() ? ref.asString() : null);
    } catch (JacksonException e) {
      return new PushEvent(null);
    }
  }

  /** Whether this push may change what the daemon reads from {@code branch}. */
  public boolean concerns(String branch) {
    return ref == null || ref.equals("refs/heads/" + branch) || ref.equals(branch);
  }
}
