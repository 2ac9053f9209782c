/**
 * Simulated LUKS2 and device-mapper: {@code cryptsetup} (luksFormat, open, close, status, resize,
 * isLuks, luksDump, luksUUID, erase, config) with cryptsetup 2.6's exit codes (1 parameters, 2
 * passphrase, 4 device, 5 busy), {@code dmsetup ls/table --target crypt}, and {@code blkid -p}
 * signature probing. Passphrases are kept only as salted hashes.
 */
package io.strata.simulator.luks;
