package dev.jwtsecurity.examples;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.jdbc.JdbcStores;
import dev.jwtsecurity.servlet.JwtSecurityFilters;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Extracts the {@code ```java} blocks of a Markdown file and compiles each against the test
 * classpath (the published modules), so the documentation cannot drift from the API.
 *
 * <p>How a block gets its context:
 *
 * <ul>
 *   <li>A block with a {@code package} or {@code import} line, or a type declaration at the start
 *       of a line, is a whole source file; the {@linkplain #IMPORTS standard imports} are added
 *       when it has no {@code package} line.
 *   <li>A block whose first code line starts with {@code @} (an annotated method, such as a Spring
 *       {@code @Bean}) holds class members.
 *   <li>Any other block is the body of a method that may throw anything.
 * </ul>
 *
 * <p>Members and statements are compiled inside a class extending {@link ReadmeContext}, whose
 * fields and methods are the "given" values a snippet uses without declaring them (the user table,
 * the request, the security facade, ...), with the standard imports. Snippets are compiled, never
 * run.
 */
final class ReadmeSnippets {

  /**
   * The imports every snippet gets besides the published modules' API packages (every package of
   * core, servlet, jdbc, redis and micrometer but {@code internal} ones, found on the classpath):
   * common JDK packages, the Servlet API, Micrometer's registry types (where Micrometer is on the
   * classpath) and the givens' own types.
   */
  static final List<String> IMPORTS =
      List.of(
          "dev.jwtsecurity.examples.ReadmeContext",
          "dev.jwtsecurity.examples.ReadmeContext.*",
          "java.nio.file.*",
          "java.security.*",
          "java.time.*",
          "java.util.*",
          "java.util.concurrent.*",
          "java.util.function.*",
          "jakarta.servlet.*",
          "jakarta.servlet.http.*",
          "javax.sql.DataSource");

  /** Micrometer's types the metrics blocks use, imported where Micrometer is on the classpath. */
  private static final List<String> MICROMETER_IMPORTS =
      List.of("io.micrometer.core.instrument.MeterRegistry", "io.micrometer.core.instrument.Tags");

  /**
   * A class of each published module, to find its packages; the Spring Boot starter's only where it
   * is on the classpath (the Spring Boot demo's tests, which compile the Spring blocks).
   */
  private static final List<String> PUBLISHED =
      List.of(
          JwtSecurity.class.getName(),
          JwtSecurityFilters.class.getName(),
          JdbcStores.class.getName(),
          "dev.jwtsecurity.redis.RedisStores",
          "dev.jwtsecurity.micrometer.MicrometerSecurityMetrics",
          "dev.jwtsecurity.spring.JwtSecurityConfigurer");

  /** The published modules' API packages, as wildcard imports, then {@link #IMPORTS}. */
  static List<String> imports() {
    List<String> all = new ArrayList<>();
    for (String anchor : PUBLISHED) {
      try {
        apiPackages(Class.forName(anchor)).forEach(p -> all.add(p + ".*"));
      } catch (ClassNotFoundException e) {
        // That module is not on this classpath; its blocks are compiled where it is.
      }
    }
    all.addAll(IMPORTS);
    try {
      Class.forName(MICROMETER_IMPORTS.get(0));
      all.addAll(MICROMETER_IMPORTS);
    } catch (ClassNotFoundException e) {
      // No Micrometer on this classpath; the metrics blocks are compiled where it is.
    }
    return all;
  }

  private static Set<String> apiPackages(Class<?> anchor) {
    Set<String> packages = new TreeSet<>();
    try {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> classFiles = new ArrayList<>();
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          files
              .map(f -> location.relativize(f).toString().replace('\\', '/'))
              .forEach(classFiles::add);
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          jar.stream().map(JarEntry::getName).forEach(classFiles::add);
        }
      }
      for (String f : classFiles) {
        int slash = f.lastIndexOf('/');
        if (f.endsWith(".class") && slash > 0 && !f.startsWith("META-INF")) {
          String pkg = f.substring(0, slash).replace('/', '.');
          if (!Arrays.asList(pkg.split("\\.", -1)).contains("internal")) {
            packages.add(pkg);
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the packages of " + anchor.getName(), e);
    }
    return packages;
  }

  private static final String PACKAGE = "readme";
  private static final Pattern TYPE_NAME =
      Pattern.compile(
          "^(?:public |final |abstract |sealed )*(?:class|interface|record|enum) (\\w+)");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(public |final |abstract |sealed )*(class|interface|record|enum) \\w+.*",
          Pattern.DOTALL);

  /** How a block is compiled. */
  enum BlockKind {
    FILE,
    MEMBERS,
    STATEMENTS
  }

  /** One {@code ```java} block: its first code line in the file (1-based) and its text. */
  record Snippet(int line, String code) {

    /**
     * Whether the block is Spring Boot code (it imports Spring): compiled by the Spring Boot demo's
     * tests, which have Spring Boot 4 and the starter on their classpath, not by the examples'.
     */
    boolean needsSpringBoot() {
      return code.contains("import org.springframework.");
    }

    BlockKind kind() {
      for (String l : code.split("\n", -1)) {
        if (l.startsWith("package ")
            || l.startsWith("import ")
            || TYPE_DECLARATION.matcher(l).matches()) {
          return BlockKind.FILE;
        }
      }
      for (String l : code.split("\n", -1)) {
        String t = l.strip();
        if (t.isEmpty() || t.startsWith("//")) {
          continue;
        }
        return t.startsWith("@") ? BlockKind.MEMBERS : BlockKind.STATEMENTS;
      }
      return BlockKind.STATEMENTS;
    }

    String className() {
      return "Snippet_L" + line;
    }

    /**
     * The source file. The snippet's lines keep their text; one header line precedes them, so a
     * compiler line {@code n} is README line {@code line + n - 2}.
     */
    String source() {
      String imports =
          imports().stream()
              .map(i -> "import " + i + ";")
              .reduce("package " + PACKAGE + "; ", (a, b) -> a + " " + b);
      return switch (kind()) {
        case FILE ->
            code.contains("package ")
                ? code
                : imports.replace("package readme; ", "") + "\n" + code;
        case MEMBERS ->
            imports + " class " + className() + " extends ReadmeContext {\n" + code + "\n}\n";
        case STATEMENTS ->
            imports
                + " class "
                + className()
                + " extends ReadmeContext { void snippet() throws Exception {\n"
                + code
                + "\n}}\n";
      };
    }
  }

  private ReadmeSnippets() {}

  /** Every {@code ```java} block of {@code markdown}, in order. */
  static List<Snippet> extract(String markdown) {
    List<Snippet> out = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().equals("```java")) {
        int start = i + 1;
        StringBuilder code = new StringBuilder();
        int j = start;
        while (j < lines.length && !lines[j].strip().equals("```")) {
          code.append(lines[j]).append('\n');
          j++;
        }
        if (j == lines.length) {
          throw new IllegalArgumentException("```java block at line " + i + " is not closed");
        }
        out.add(new Snippet(start + 1, code.toString()));
        i = j;
      }
    }
    return out;
  }

  /**
   * Compiles the snippets of a Markdown file together and returns the errors, each as {@code
   * <file>:<line>: <message>} with the Markdown line; empty when everything compiles.
   */
  static List<String> compile(String fileName, String markdown, Path outputDir) throws IOException {
    return compile(fileName, markdown, outputDir, s -> !s.needsSpringBoot());
  }

  /** Compiles the snippets {@code which} selects; see {@link #compile(String, String, Path)}. */
  static List<String> compile(
      String fileName, String markdown, Path outputDir, Predicate<Snippet> which)
      throws IOException {
    List<Snippet> snippets = extract(markdown).stream().filter(which).toList();
    if (snippets.isEmpty()) {
      return List.of();
    }
    List<JavaFileObject> sources = new ArrayList<>();
    for (Snippet s : snippets) {
      String name = s.kind() == BlockKind.FILE ? fileClassName(s) : s.className();
      sources.add(new Source(name, s.source(), s));
    }
    Files.createDirectories(outputDir);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options =
        List.of(
            "-d",
            outputDir.toString(),
            "-classpath",
            System.getProperty("java.class.path"),
            "-proc:none",
            "--release",
            "17",
            "-Xlint:deprecation,removal,unchecked,rawtypes",
            "-Werror");
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      StringWriter out = new StringWriter();
      javac.getTask(out, files, diagnostics, options, null, sources).call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING) {
        continue;
      }
      String where = fileName;
      if (d.getSource() instanceof Source src) {
        long line = src.snippet.line() + d.getLineNumber() - 2;
        where =
            fileName + ":" + line + " (" + src.snippet.kind().name().toLowerCase(Locale.ROOT) + ")";
      }
      errors.add(where + ": " + d.getMessage(Locale.ROOT));
    }
    return errors;
  }

  private static String fileClassName(Snippet s) {
    for (String l : s.code().split("\n", -1)) {
      Matcher m = TYPE_NAME.matcher(l);
      if (m.find()) {
        return m.group(1);
      }
    }
    return s.className();
  }

  /** A snippet's source, in memory, remembering where it came from. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;
    private final Snippet snippet;

    Source(String className, String text, Snippet snippet) {
      super(
          URI.create("string:///" + PACKAGE + "/" + className + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.text = text;
      this.snippet = snippet;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
