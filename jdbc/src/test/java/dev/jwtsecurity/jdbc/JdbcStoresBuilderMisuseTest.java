package dev.jwtsecurity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Misuse of {@link JdbcStores.Builder}: every mistake fails at once with a message that says what
 * to do.
 */
class JdbcStoresBuilderMisuseTest {

  @Test
  void build_withoutDataSource_throwsIllegalState() {
    assertThatThrownBy(() -> JdbcStores.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataSource is required");
  }

  @Test
  void dataSource_null_throwsNullPointer() {
    assertThatThrownBy(() -> JdbcStores.builder().dataSource(null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Jwt_",
        "1jwt",
        "_jwt",
        "jwt-",
        "jwt ",
        "jwt;",
        "jwt_; DROP TABLE users; --",
        "jwt'",
        "jwt\"",
        "jwt.x",
        "abcdefghijklmnopqrstuv",
        "jwt_\u00e9",
        "jwt\n",
        "JWT"
      })
  void tablePrefix_invalid_throwsIllegalArgumentNamingThePattern(String prefix) {
    assertThatThrownBy(() -> JdbcStores.builder().tablePrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[a-z][a-z0-9_]{0,20}")
        .hasMessageNotContaining(prefix.isEmpty() ? "\u0000" : prefix);
  }

  @Test
  void tablePrefix_null_throwsNullPointer() {
    assertThatThrownBy(() -> JdbcStores.builder().tablePrefix(null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "jwt_", "myapp_jwt_", "abcdefghijklmnopqrstu", "a1_"})
  void tablePrefix_valid_isAccepted(String prefix) {
    JdbcStores.builder().tablePrefix(prefix);
  }

  @Test
  void tablePrefix_anyString_acceptedExactlyWhenItMatchesThePattern() {
    qt().withExamples(2000)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 24))
        .checkAssert(
            s -> {
              boolean valid = s.matches("[a-z][a-z0-9_]{0,20}");
              try {
                JdbcStores.builder().tablePrefix(s);
                assertThat(valid).as("accepted %s", s).isTrue();
              } catch (IllegalArgumentException e) {
                assertThat(valid).as("refused %s", s).isFalse();
              }
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 21, Integer.MAX_VALUE})
  void maxAttempts_outOfRange_throwsIllegalArgument(int n) {
    assertThatThrownBy(() -> JdbcStores.builder().maxAttempts(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 20");
  }

  @Test
  void build_unsupportedDatabase_throwsIllegalStateNamingIt() {
    DataSource mysql = dataSourceOf("MySQL");
    assertThatThrownBy(() -> JdbcStores.builder().dataSource(mysql).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("supports PostgreSQL and H2")
        .hasMessageContaining("MySQL");
  }

  @Test
  void schemaStatements_customPrefix_replaceEveryIdentifierAndNothingElse() {
    List<String> statements = Schema.statements(new Tables("app_"));
    assertThat(statements).hasSize(13);
    assertThat(String.join("\n", statements)).doesNotContain("jwt_").contains("app_refresh_family");
  }

  private static DataSource dataSourceOf(String product) {
    DatabaseMetaData meta =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDatabaseProductName") ? product : null);
    Connection connection =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, m, a) -> m.getName().equals("getMetaData") ? meta : null);
    return new DataSource() {
      @Override
      public Connection getConnection() {
        return connection;
      }

      @Override
      public Connection getConnection(String u, String pw) {
        return connection;
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
      }

      @Override
      public <T> T unwrap(Class<T> iface) {
        return null;
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }
}
