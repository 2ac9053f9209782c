package io.strata.simulator.luks;

import io.strata.simulator.state.LuksHeader;
import java.util.Base64;

/** {@code cryptsetup luksDump} in its text and {@code --dump-json-metadata} forms. */
final class LuksDump {
  private LuksDump() {}

  static String text(LuksHeader h) {
    StringBuilder sb = new StringBuilder();
    sb.append("LUKS header information\n")
        .append("Version:       \t")
        .append(h.version)
        .append('\n')
        .append("Epoch:         \t3\n")
        .append("Metadata area: \t16384 [bytes]\n")
        .append("Keyslots area: \t16744448 [bytes]\n")
        .append("UUID:          \t")
        .append(h.uuid)
        .append('\n')
        .append("Label:         \t")
        .append(h.label == null ? "(no label)" : h.label)
        .append('\n')
        .append("Subsystem:     \t")
        .append(h.subsystem == null ? "(no subsystem)" : h.subsystem)
        .append('\n')
        .append("Flags:       \t(no flags)\n\n")
        .append(
            "Data segments:\n  0: crypt\n\toffset: 16777216 [bytes]\n\tlength: (whole device)\n")
        .append("\tcipher: ")
        .append(h.cipher)
        .append("\n\tsector: ")
        .append(h.sectorSize)
        .append(" [bytes]\n\n")
        .append("Keyslots:\n");
    for (int i = 0; i < h.keyHashes.size(); i++) {
      sb.append("  ")
          .append(i)
          .append(": luks2\n\tKey:        ")
          .append(h.keyBits)
          .append(" bits\n")
          .append("\tPriority:   normal\n\tCipher:     ")
          .append(h.cipher)
          .append('\n')
          .append("\tCipher key: ")
          .append(h.keyBits)
          .append(" bits\n\tPBKDF:      ")
          .append(h.pbkdf)
          .append('\n')
          .append("\tArea offset:")
          .append(32768 + i * 258048)
          .append(" [bytes]\n\tArea length:258048 [bytes]\n")
          .append("\tDigest ID:  0\n");
    }
    sb.append("Tokens:\nDigests:\n  0: pbkdf2\n\tHash:       sha256\n\tIterations: 1000\n");
    return sb.toString();
  }

  static String json(LuksHeader h) {
    String salt = Base64.getEncoder().encodeToString(h.salt.getBytes());
    StringBuilder slots = new StringBuilder();
    for (int i = 0; i < h.keyHashes.size(); i++) {
      slots
          .append(i > 0 ? ",\n" : "")
          .append("    \"")
          .append(i)
          .append("\":{\n")
          .append("      \"type\":\"luks2\",\n      \"key_size\":")
          .append(h.keyBits / 8)
          .append(",\n")
          .append(
              "      \"af\":{\n        \"type\":\"luks1\",\n        \"stripes\":4000,\n        \"hash\":\"sha256\"\n      },\n")
          .append("      \"area\":{\n        \"type\":\"raw\",\n        \"offset\":\"")
          .append(32768 + i * 258048)
          .append("\",\n        \"size\":\"258048\",\n        \"encryption\":\"")
          .append(h.cipher)
          .append("\",\n        \"key_size\":")
          .append(h.keyBits / 8)
          .append("\n      },\n")
          .append("      \"kdf\":{\n        \"type\":\"")
          .append(h.pbkdf)
          .append("\",\n        \"salt\":\"")
          .append(salt)
          .append("\"\n      }\n    }");
    }
    return "{\n  \"keyslots\":{\n"
        + slots
        + (slots.length() > 0 ? "\n" : "")
        + "  },\n"
        + "  \"tokens\":{\n  },\n"
        + "  \"segments\":{\n    \"0\":{\n      \"type\":\"crypt\",\n      \"offset\":\"16777216\",\n"
        + "      \"size\":\"dynamic\",\n      \"iv_tweak\":\"0\",\n      \"encryption\":\""
        + h.cipher
        + "\",\n"
        + "      \"sector_size\":"
        + h.sectorSize
        + "\n    }\n  },\n"
        + "  \"digests\":{\n    \"0\":{\n      \"type\":\"pbkdf2\",\n      \"keyslots\":[\n        \"0\"\n      ],\n"
        + "      \"segments\":[\n        \"0\"\n      ],\n      \"hash\":\"sha256\",\n      \"iterations\":1000,\n"
        + "      \"salt\":\""
        + salt
        + "\",\n      \"digest\":\""
        + salt
        + "\"\n    }\n  },\n"
        + "  \"config\":{\n    \"json_size\":\"12288\",\n    \"keyslots_size\":\"16744448\""
        + (h.label != null || h.subsystem != null ? "" : "")
        + "\n  }\n}\n";
  }
}
