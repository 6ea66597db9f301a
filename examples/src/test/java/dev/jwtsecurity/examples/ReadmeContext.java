package dev.jwtsecurity.examples;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.AccessTokenDenylist;
import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.access.UserDirectory;
import dev.jwtsecurity.access.UserDirectory.UserStatus;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.TokenPair.IssuedRefreshToken;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.IssuedAccessToken;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

/**
 * What a README snippet may use without declaring it: the application's side of each example (its
 * user table, the current request, values it already has). Every {@code ```java} block of README.md
 * that is not a whole file is compiled inside a subclass (see {@link ReadmeSnippets}); nothing here
 * runs. Add a given here when a new snippet needs one, with the type a reader would expect.
 */
public abstract class ReadmeContext {

  // --- the application's own code -------------------------------------------------------------

  /** The application's user table: credentials for login, status for every request. */
  protected UserTable userTable;

  /** The application's documents, to show user isolation. */
  protected Documents documents;

  /** Whatever pages the operator. */
  protected Pager pager;

  /** The application's metrics registry. */
  protected Metrics metrics;

  /** The application's Micrometer registry (Spring Boot's, or a Prometheus one). */
  protected MeterRegistry meterRegistry;

  /** A slow event sink, such as a SIEM forwarder. */
  protected SecurityEventListener siemSink;

  protected ScheduledExecutorService scheduler;
  protected DataSource dataSource;

  /** The application's roles of a user. */
  protected Set<String> rolesOf(String userId) {
    return Set.of();
  }

  /** The application's status of a user. */
  protected UserStatus statusOf(String userId) {
    return UserStatus.notFound();
  }

  /** The application's way to keep a refresh token in the client. */
  protected void setRefreshCookie(IssuedRefreshToken token) {}

  // --- the current request --------------------------------------------------------------------

  protected HttpServletRequest request;
  protected HttpServletResponse response;
  protected ServletContext servletContext;
  protected ServletContextEvent sce;
  protected RequestContext ctx;
  protected String clientIp;
  protected String ip;
  protected String userAgent;
  protected String requestId;
  protected String username;
  protected String password;
  protected String newPassword;
  protected char[] passwordChars;
  protected char[] newPasswordChars;
  protected String bearerToken;
  protected String accessToken;
  protected String presentedRefreshToken;
  protected String refreshToken;
  protected String id;
  protected String userId;

  // --- values the application already has -----------------------------------------------------

  protected JwtSecurity security;
  protected JwtSettings settings;
  protected Clock clock;
  protected SecurityEventListener events;
  protected Authentication auth;
  protected AuthenticatedUser user;
  protected AuditTrail trail;
  protected AccessTokenIssuer accessTokenIssuer;
  protected AccessTokenValidator validator;
  protected AccessTokenDenylist denylist;
  protected IssuedAccessToken issued;
  protected String storedPhc;
  protected String token;
  protected String value;
  protected String jwksJson;

  /** A user table that serves both login and the per-request status check. */
  public interface UserTable extends UserCredentialsLookup, UserDirectory {
    /** The roles of a user, for the claims of its tokens. */
    Set<String> rolesOf(String userId);

    /** Whether a registered name has this confusable skeleton. */
    boolean skeletonExists(String skeleton);

    /** Stores a new user. */
    void insert(String username, String skeleton, String passwordHash);
  }

  /** An application resource owned by one user. */
  public record Document(String id, String ownerId, String title) {}

  /** The application's repository of documents. */
  public interface Documents {
    Optional<Document> findById(String id);

    Optional<Document> findByIdAndOwner(String id, String ownerId);
  }

  /** Pages the operator. */
  public interface Pager {
    void page(String message);
  }

  /** A store for another database, as someone writing one would have it. */
  public static final class MongoRefreshTokenStore {
    private MongoRefreshTokenStore() {}

    /** Connects a store of its own to {@code collection} (here: a stand-in that never runs). */
    public static RefreshTokenStore connect(String url, String collection) {
      return RefreshTokenStore.inMemory();
    }
  }

  /** Counts things by name. */
  public interface Metrics {
    void count(String name);
  }
}
