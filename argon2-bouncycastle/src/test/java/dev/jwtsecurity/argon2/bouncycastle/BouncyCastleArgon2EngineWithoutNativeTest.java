package dev.jwtsecurity.argon2.bouncycastle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordHashingException;
import dev.jwtsecurity.password.PasswordVerification;
import dev.jwtsecurity.testing.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * Runs with argon2-jvm and JNA excluded from the class path (a surefire execution of its own), as
 * an application that must avoid LGPL-3.0 or native code runs: the hasher finds this engine through
 * the service loader, with no code change.
 */
class BouncyCastleArgon2EngineWithoutNativeTest {

  @Test
  void classPath_withoutArgon2JvmOrJna_isReallyThatSetUp() {
    assertThatThrownBy(() -> Class.forName("de.mkammerer.argon2.Argon2Factory"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.sun.jna.Native"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void defaultHasher_withoutArgon2Jvm_usesThisEngineThroughTheServiceLoader()
      throws PasswordHashingException {
    PasswordHasher hasher = PasswordHasher.builder().build();
    // The reference tool's hash at the default parameters verifies, and new hashes round-trip.
    assertThat(
            hasher.verify(
                "correct horse",
                "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk"))
        .isEqualTo(new PasswordVerification(PasswordVerification.Status.MATCH, false));
    String phc = hasher.hash("pw");
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.verify("pw", phc).matches()).isTrue();
    assertThat(hasher.verifyDummy("pw").status()).isEqualTo(PasswordVerification.Status.MISMATCH);
  }

  @Test
  void facade_withoutArgon2Jvm_buildsAndHashesThroughThisEngine() throws PasswordHashingException {
    JwtSecurity security =
        JwtSecurity.builder(
                JwtSettings.builder().secret(Secret.ofUtf8(TestSecurity.SECRET)).build())
            .build();
    String phc = security.passwords().hash("pw");
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(security.passwords().verify("pw", phc).matches()).isTrue();
  }
}
