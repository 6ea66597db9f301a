package dev.jwtsecurity.password;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * argon2-jvm (the reference C implementation through JNA) and at.favre.lib:bcrypt. Loaded only when
 * chosen, so core works with argon2-jvm and JNA excluded (see {@link HashEngines}).
 */
final class NativeHashEngine implements HashEngine {

  static final NativeHashEngine INSTANCE = new NativeHashEngine();

  // One instance per variant, explicitly: argon2-jvm's own default is Argon2i.
  private final Argon2Advanced argon2d =
      Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2d);
  private final Argon2Advanced argon2i =
      Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2i);
  private final Argon2Advanced argon2id =
      Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);

  private NativeHashEngine() {}

  @Override
  public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
    Argon2Advanced impl =
        switch (p.variant()) {
          case ARGON2D -> argon2d;
          case ARGON2I -> argon2i;
          case ARGON2ID -> argon2id;
        };
    Argon2Version version =
        p.version() == Argon2Parameters.VERSION_19 ? Argon2Version.V13 : Argon2Version.V10;
    try {
      return impl.rawHashAdvanced(
          p.iterations(),
          p.memoryKiB(),
          p.parallelism(),
          password,
          salt,
          null,
          null,
          p.hashLength(),
          version);
    } finally {
      NativeMemory.trim(); // give the freed m KiB block back to the OS now, not at glibc's leisure
    }
  }

  @Override
  public boolean bcrypt(byte[] password, String bcryptHash) {
    return BcryptVerifier.verify(password, bcryptHash);
  }
}
