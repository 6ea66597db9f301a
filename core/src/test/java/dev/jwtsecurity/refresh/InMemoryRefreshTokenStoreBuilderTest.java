package dev.jwtsecurity.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryRefreshTokenStoreBuilderTest {

  @Test
  void setters_outOfRange_throwIllegalArgument() {
    InMemoryRefreshTokenStore.Builder b = InMemoryRefreshTokenStore.builder();
    assertThatThrownBy(() -> b.maxFamilies(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxFamiliesPerUser(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxTokensPerFamily(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxTokensPerFamily(1001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> InMemoryRefreshTokenStore.builder().maxFamilies(5).maxFamiliesPerUser(6).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxFamiliesPerUser");
  }

  @Test
  void build_defaults_givesEmptyStore() {
    InMemoryRefreshTokenStore store = InMemoryRefreshTokenStore.builder().build();

    assertThat(store.familyCount()).isZero();
    assertThat(store.findByLookupId("anything")).isEmpty();
  }
}
