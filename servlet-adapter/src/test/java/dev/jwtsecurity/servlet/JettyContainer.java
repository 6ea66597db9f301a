package dev.jwtsecurity.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Embedded Jetty 12 (ee10, Servlet 6.0). */
final class JettyContainer implements EmbeddedContainer {

  private final Server server;
  private final ServerConnector http;
  private final ServerConnector https;

  private JettyContainer(Server server, ServerConnector http, ServerConnector https) {
    this.server = server;
    this.http = http;
    this.https = https;
  }

  static EmbeddedContainer start(List<FilterMapping> filters, Servlet servlet) throws Exception {
    Server server = new Server();
    ServerConnector http =
        new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
    http.setHost("127.0.0.1");
    http.setPort(0);

    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(TestCertificate.keystore().toString());
    ssl.setKeyStorePassword(TestCertificate.PASSWORD);
    ssl.setKeyStoreType("PKCS12");
    HttpConfiguration httpsConfig = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    httpsConfig.addCustomizer(secure);
    ServerConnector https =
        new ServerConnector(
            server,
            new SslConnectionFactory(ssl, "http/1.1"),
            new HttpConnectionFactory(httpsConfig));
    https.setHost("127.0.0.1");
    https.setPort(0);
    server.addConnector(http);
    server.addConnector(https);

    ServletContextHandler context = new ServletContextHandler("/");
    for (FilterMapping f : filters) {
      FilterHolder holder = new FilterHolder(f.filter());
      holder.setName(f.name());
      org.eclipse.jetty.ee10.servlet.FilterMapping mapping =
          new org.eclipse.jetty.ee10.servlet.FilterMapping();
      mapping.setFilterName(f.name());
      mapping.setPathSpecs(f.urlPatterns().toArray(String[]::new));
      mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
      context.getServletHandler().addFilter(holder, mapping);
    }
    context.addServlet(new ServletHolder("app", servlet), "/*");
    server.setHandler(context);
    server.start();
    return new JettyContainer(server, http, https);
  }

  @Override
  public int httpPort() {
    return http.getLocalPort();
  }

  @Override
  public int httpsPort() {
    return https.getLocalPort();
  }

  @Override
  public String name() {
    return "jetty";
  }

  @Override
  public void stop() throws Exception {
    server.stop();
  }
}
