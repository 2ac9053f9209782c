package io.strata.schema.yaml;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Origin;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a manifest file into text, refusing what is not a small UTF-8 text file: files
 * over {@link #MAX_BYTES}, binary content (NUL bytes), invalid UTF-8. A UTF-8 byte order mark is
 * dropped.
 */
public final class SourceDecoder {
  /** 4 MiB: far above any real manifest file, small enough that parsing it cannot hurt. */
  public static final long MAX_BYTES = 4L * 1024 * 1024;

  private SourceDecoder() {}

  /** The decoded text, or the reason the file is refused. */
  public sealed interface Decoded {
    record Text(String text) implements Decoded {}

    record Refused(Diagnostic diagnostic) implements Decoded {}
  }

  public static Decoded decode(String file, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return tooLarge(file, bytes.length);
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return refused(
            file,
            lineOf(bytes, i),
            "file is binary (NUL byte at offset " + i + ")",
            "manifests are UTF-8 text; remove the file or rename it so it does not end in .yaml");
      }
    }
    int start = startsWithBom(bytes) ? 3 : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      CharBuffer out = decoder.decode(in);
      return new Decoded.Text(out.toString());
    } catch (MalformedInputException e) {
      // decode() leaves the buffer's position at the first bad byte
      int offset = in.position();
      return refused(
          file,
          lineOf(bytes, offset),
          "file is not valid UTF-8 (bad byte 0x"
              + String.format("%02X", bytes[offset] & 0xff)
              + " at offset "
              + offset
              + ")",
          "save the file as UTF-8");
    } catch (CharacterCodingException e) {
      return refused(file, 1, "file is not valid UTF-8", "save the file as UTF-8");
    }
  }

  /** The refusal for a file whose size alone disqualifies it (checked before reading it). */
  public static Decoded tooLarge(String file, long size) {
    return refused(
        file,
        1,
        "file is " + size + " bytes, larger than the 4 MiB limit for a manifest file",
        "split it into several files");
  }

  private static boolean startsWithBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static Decoded refused(String file, int line, String what, String hint) {
    return new Decoded.Refused(Diagnostic.at(new Origin(file, line, 1), what, hint));
  }
}
