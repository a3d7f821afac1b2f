package dev.backchannel.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The station's Ed25519 signing key (DESIGN 5.4), kept beside the store, owner-only. */
public final class SigningKeys {
  private SigningKeys() {}

  /** A fresh Ed25519 key pair from the JDK. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide Ed25519", e);
    }
  }

  /** The public key as base64 of its X.509 encoding. */
  public static String publicKeyText(KeyPair keys) {
    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  /**
   * Writes the private key as PKCS#8 PEM to a new file readable and writable by its owner only.
   *
   * @throws FileAlreadyExistsException if the file exists: a key is never overwritten
   */
  public static void writePrivateKey(KeyPair keys, Path file) throws IOException {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
