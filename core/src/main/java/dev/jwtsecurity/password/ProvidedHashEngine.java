package dev.jwtsecurity.password;

/** An {@link Argon2Engine} given to the builder or found by the service loader, plus bcrypt. */
record ProvidedHashEngine(Argon2Engine argon2) implements HashEngine {

  @Override
  public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
    byte[] tag = argon2.rawHash(p, password, salt);
    if (tag == null || tag.length != p.hashLength()) {
      // A broken engine must fail loudly, never produce a short tag that compares as a match.
      throw new IllegalStateException(
          argon2.getClass().getName() + " returned a tag of the wrong length");
    }
    return tag;
  }

  @Override
  public boolean bcrypt(byte[] password, String bcryptHash) {
    return BcryptVerifier.verify(password, bcryptHash);
  }
}
