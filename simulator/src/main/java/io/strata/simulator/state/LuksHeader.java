package io.strata.simulator.state;

import java.util.ArrayList;
import java.util.List;

/** A LUKS2 header. Keys are kept only as salted SHA-256 hashes, never in clear. */
public final class LuksHeader {
  public String uuid;
  public String label;
  public String subsystem;
  public String cipher = "aes-xts-plain64";
  public int keyBits = 512;
  public String pbkdf = "argon2id";
  public int sectorSize = 4096;
  public int version = 2;
  public String salt;
  public List<String> keyHashes = new ArrayList<>();

  /** The decrypted payload: what the mapping device shows. */
  public Content inner;
}
