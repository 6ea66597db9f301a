package dev.jwtsecurity.servlet;

import jakarta.servlet.Servlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/** Embedded Tomcat 11 (Servlet 6.1). */
final class TomcatContainer implements EmbeddedContainer {

  private final Tomcat tomcat;
  private final Connector http;
  private final Connector https;

  private TomcatContainer(Tomcat tomcat, Connector http, Connector https) {
    this.tomcat = tomcat;
    this.http = http;
    this.https = https;
  }

  static EmbeddedContainer start(List<FilterMapping> filters, Servlet servlet) throws Exception {
    Path base = Files.createTempDirectory("jwt-security-tomcat");
    base.toFile().deleteOnExit();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());

    Connector http = new Connector();
    http.setPort(0);
    http.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(http);
    tomcat.setConnector(http);

    Connector https = new Connector();
    https.setPort(0);
    https.setProperty("address", "127.0.0.1");
    https.setSecure(true);
    https.setScheme("https");
    https.setProperty("SSLEnabled", "true");
    SSLHostConfig sslHost = new SSLHostConfig();
    SSLHostConfigCertificate cert =
        new SSLHostConfigCertificate(sslHost, SSLHostConfigCertificate.Type.UNDEFINED);
    cert.setCertificateKeystoreFile(TestCertificate.keystore().toString());
    cert.setCertificateKeystorePassword(TestCertificate.PASSWORD);
    cert.setCertificateKeystoreType("PKCS12");
    sslHost.addCertificate(cert);
    https.addSslHostConfig(sslHost);
    tomcat.getService().addConnector(https);

    // Tomcat's default error report echoes the offending header line (a token!) and a stack trace
    // when it refuses a
    // malformed request before any filter runs. The README tells Tomcat users to configure exactly
    // this.
    ErrorReportValve errorReport = new ErrorReportValve();
    errorReport.setShowReport(false);
    errorReport.setShowServerInfo(false);
    tomcat.getHost().getPipeline().addValve(errorReport);

    Context context = tomcat.addContext("", null);
    for (FilterMapping f : filters) {
      FilterDef def = new FilterDef();
      def.setFilterName(f.name());
      def.setFilter(f.filter());
      context.addFilterDef(def);
      FilterMap map = new FilterMap();
      map.setFilterName(f.name());
      for (String pattern : f.urlPatterns()) {
        map.addURLPattern(pattern);
      }
      context.addFilterMap(map);
    }
    Tomcat.addServlet(context, "app", servlet);
    context.addServletMapping("/*", "app");
    tomcat.start();
    return new TomcatContainer(tomcat, http, https);
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
    return "tomcat";
  }

  @Override
  public void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
