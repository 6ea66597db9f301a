package dev.jwtsecurity.password;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Chooses the engine of a hasher: the one given to the builder; else the native engine when
 * argon2-jvm and its native library load; else the one {@link Argon2Engine} service provider.
 */
final class HashEngines {
  private HashEngines() {}

  static HashEngine resolve(Argon2Engine chosen) {
    if (chosen != null) {
      return new ProvidedHashEngine(chosen);
    }
    String nativeFailure = argon2JvmPresent() ? NativeProbe.FAILURE : null;
    if (argon2JvmPresent() && nativeFailure == null) {
      return NativeHashEngine.INSTANCE;
    }
    List<Argon2Engine> providers = new ArrayList<>();
    for (Argon2Engine e :
        ServiceLoader.load(Argon2Engine.class, HashEngines.class.getClassLoader())) {
      providers.add(e);
    }
    if (providers.size() == 1) {
      return new ProvidedHashEngine(providers.get(0));
    }
    if (providers.isEmpty()) {
      throw new IllegalStateException(
          "no Argon2 engine: "
              + (nativeFailure == null
                  ? "argon2-jvm is not on the class path"
                  : "argon2-jvm's native library did not load (" + nativeFailure + ")")
              + " and no Argon2Engine service provider was found; add de.mkammerer:argon2-jvm or the"
              + " pure-Java dev.jwtsecurity:jwt-security-argon2-bouncycastle");
    }
    List<String> names = new ArrayList<>();
    for (Argon2Engine e : providers) {
      names.add(e.getClass().getName());
    }
    throw new IllegalStateException(
        "several Argon2Engine service providers were found "
            + names
            + "; choose one with PasswordHasher.builder().argon2Engine(...)");
  }

  /** Whether the native engine computes at all, found once per class loader with a tiny hash. */
  private static final class NativeProbe {
    /** Why the native engine does not work, or {@code null} when it does. */
    static final String FAILURE = probe();

    private static String probe() {
      try {
        Argon2Parameters tiny =
            new Argon2Parameters(Argon2Parameters.Variant.ARGON2ID, 0x13, 8, 1, 1, 8, 16);
        NativeHashEngine.INSTANCE.argon2(tiny, new byte[] {1}, new byte[8]);
        return null;
      } catch (LinkageError e) {
        // argon2-jvm is there but JNA or its native library is not (musl, an unsupported
        // platform): a pure-Java provider may still serve.
        return e.toString();
      }
    }
  }

  private static boolean argon2JvmPresent() {
    try {
      Class.forName("de.mkammerer.argon2.Argon2Factory", false, HashEngines.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
