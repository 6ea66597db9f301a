package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredHashTest {

  private static final String VALID =
      "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA";

  private final CountingEngine engine = new CountingEngine();
  private final PasswordHasher hasher = TestHashers.cheap().engine(engine).build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "$argon2id",
        "$argon2id$",
        "$argon2id$v=19",
        "$argon2id$v=19$m=64,t=1,p=4",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$",
        "$argon2id$v=19$m=64,t=1,p=4$$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA$",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA$extra",
        "$argon2id$v=18$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=019$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=+19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$V=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$t=1,m=64,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=064,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=-64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=0,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1,p=0$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=16,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=99999999999,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1,p=4,keyid=abc$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64 ,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5==$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA==",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlz-Wx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoB",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdA$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec",
        "$argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA\n",
        "$2b$12$short",
        "$2b$1x$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234",
        "$2b$03$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234",
        "$2b$12$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz0123!",
      })
  void verify_malformedHashes_malformedWithoutComputing(String stored) {
    assertThat(hasher.verify("pw", stored).status())
        .isEqualTo(PasswordVerification.Status.MALFORMED_HASH);
    assertThat(engine.total()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pw",
        "$5$rounds=5000$salt$hash",
        "$6$salt$hash",
        "$2x$10$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234",
        "$argon2ID$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$argon2x$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
        "$pbkdf2-sha256$29000$salt$hash",
        " $argon2id$v=19$m=64,t=1,p=4$c2FsdHlzYWx0eXNhbHR5$Pq7BiIec2pkZHwaqBn5hoA",
      })
  void verify_otherSchemes_unsupportedWithoutComputing(String stored) {
    assertThat(hasher.verify("pw", stored).status())
        .isEqualTo(PasswordVerification.Status.UNSUPPORTED_SCHEME);
    assertThat(engine.total()).isZero();
  }

  @Test
  void verify_nullAndHugeStoredHash_malformed() {
    assertThat(hasher.verify("pw", null).status())
        .isEqualTo(PasswordVerification.Status.MALFORMED_HASH);
    assertThat(hasher.verify("pw", "$argon2id$" + "A".repeat(100_000)).status())
        .isEqualTo(PasswordVerification.Status.MALFORMED_HASH);
  }

  @Test
  void verify_validVector_matches() {
    assertThat(hasher.verify("x", VALID).matches()).isTrue();
  }

  @Test
  void verify_mutatedValidHash_neverThrowsNeverMatches() {
    // Generated shapes: replace, insert or delete one character of a valid PHC string.
    Set<PasswordVerification.Status> allowed =
        EnumSet.of(
            PasswordVerification.Status.MISMATCH,
            PasswordVerification.Status.MALFORMED_HASH,
            PasswordVerification.Status.UNSUPPORTED_SCHEME,
            PasswordVerification.Status.PARAMETERS_EXCEED_LIMITS);
    qt().withExamples(300)
        .forAll(
            integers().between(0, VALID.length() - 1),
            integers().between(0, 2),
            strings().ascii().ofLength(1))
        .check(
            (pos, op, ch) -> {
              String mutated =
                  switch (op) {
                    case 0 -> VALID.substring(0, pos) + ch + VALID.substring(pos + 1);
                    case 1 -> VALID.substring(0, pos) + ch + VALID.substring(pos);
                    default -> VALID.substring(0, pos) + VALID.substring(pos + 1);
                  };
              PasswordVerification.Status s = hasher.verify("x", mutated).status();
              return mutated.equals(VALID)
                  ? s == PasswordVerification.Status.MATCH
                  : allowed.contains(s);
            });
  }

  @Test
  void verify_arbitraryText_neverThrows() {
    qt().withExamples(500)
        .forAll(strings().allPossible().ofLengthBetween(0, 120))
        .check(
            s ->
                !hasher.verify("x", "$argon2id$v=19$" + s).matches()
                    && !hasher.verify("x", s).matches());
  }
}
