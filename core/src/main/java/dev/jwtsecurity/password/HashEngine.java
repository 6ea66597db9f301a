package dev.jwtsecurity.password;

/** The primitive computations, behind an interface so tests can count and block them. Not API. */
interface HashEngine {

  /**
   * Computes a raw Argon2 tag. Must not keep references to {@code password}.
   *
   * @param p the parameters (variant, version, m, t, p, hash length; salt length is {@code
   *     salt.length})
   * @param password the password bytes
   * @param salt the salt
   * @return the tag, {@code p.hashLength()} bytes
   */
  byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt);

  /**
   * Verifies a password against a well-formed bcrypt hash ({@code $2a$}, {@code $2b$} or {@code
   * $2y$}).
   *
   * @param password the password bytes
   * @param bcryptHash the 60-character hash
   * @return whether it matches
   */
  boolean bcrypt(byte[] password, String bcryptHash);
}
