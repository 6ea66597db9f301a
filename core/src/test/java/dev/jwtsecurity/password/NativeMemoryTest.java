package dev.jwtsecurity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {

  @Test
  void trim_afterNativeComputation_neverThrowsAndLeavesResultsIntact() {
    byte[] before =
        NativeHashEngine.INSTANCE.argon2(TestHashers.CHEAP, new byte[] {1, 2, 3}, new byte[16]);
    assertThatCode(NativeMemory::trim).doesNotThrowAnyException();
    byte[] after =
        NativeHashEngine.INSTANCE.argon2(TestHashers.CHEAP, new byte[] {1, 2, 3}, new byte[16]);
    assertThat(after).isEqualTo(before).hasSize(TestHashers.CHEAP.hashLength());
  }
}
