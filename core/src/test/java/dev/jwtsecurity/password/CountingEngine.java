package dev.jwtsecurity.password;

import java.util.concurrent.atomic.AtomicInteger;

/** Delegates to the native engine and counts computations. */
final class CountingEngine implements HashEngine {
  final AtomicInteger argon2 = new AtomicInteger();
  final AtomicInteger bcrypt = new AtomicInteger();

  @Override
  public byte[] argon2(Argon2Parameters p, byte[] password, byte[] salt) {
    argon2.incrementAndGet();
    return NativeHashEngine.INSTANCE.argon2(p, password, salt);
  }

  @Override
  public boolean bcrypt(byte[] password, String bcryptHash) {
    bcrypt.incrementAndGet();
    return NativeHashEngine.INSTANCE.bcrypt(password, bcryptHash);
  }

  int total() {
    return argon2.get() + bcrypt.get();
  }
}
