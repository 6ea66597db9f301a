package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API listing and its check, on small libraries compiled here: an unreviewed change to a public
 * signature fails the check with a readable diff and the command that accepts it; changes no user
 * can see do not.
 */
class ApiListingTest {

  private static final String COMMAND = PublicApiCheck.dumpCommand("lib", "PublicApiTest");

  @TempDir Path dir;

  private int compilations;

  @Test
  void check_publicMethodAdded_failsWithTheNewSignatureAndTheCommand() throws IOException {
    String committed =
        committed(Map.of("p/Api.java", "package p; public class Api { public void a() {} }"));
    String now =
        listing(
            Map.of(
                "p/Api.java",
                "package p; public class Api { public void a() {}"
                    + " public <T extends Comparable<T>> java.util.List<T> added(T... xs) { return null; } }"));

    String failure = PublicApiCheck.compare("lib", Path.of("api/lib.api"), committed, now, COMMAND);

    assertThat(failure)
        .contains("differs from its committed listing")
        .contains("  public class p.Api\n")
        .contains("+   public <T extends java.lang.Comparable<T>> java.util.List<T> added(T...)\n")
        .doesNotContain("\n- ")
        .endsWith("\n  " + COMMAND);
  }

  @Test
  void check_signatureChangedOrTypeRemoved_failsWithBothSides() throws IOException {
    String committed =
        committed(
            Map.of(
                "p/Api.java", "package p; public class Api { public void a(String s) {} }",
                "p/Gone.java", "package p; public interface Gone { int size(); }"));
    String now =
        listing(
            Map.of(
                "p/Api.java", "package p; public class Api { public void a(CharSequence s) {} }"));

    String failure = PublicApiCheck.compare("lib", Path.of("api/lib.api"), committed, now, COMMAND);

    assertThat(failure)
        .contains("-   public void a(java.lang.String)\n")
        .contains("+   public void a(java.lang.CharSequence)\n")
        .contains("- public interface p.Gone\n")
        .contains("-   public int size()\n");
  }

  @Test
  void check_modifierOrSupertypeChanged_failsOnTheHeader() throws IOException {
    String committed = committed(Map.of("p/Api.java", "package p; public class Api {}"));
    String now =
        listing(
            Map.of(
                "p/Api.java",
                "package p; public final class Api implements Runnable { public void run() {} }"));

    String failure = PublicApiCheck.compare("lib", Path.of("api/lib.api"), committed, now, COMMAND);

    assertThat(failure)
        .contains("- public class p.Api\n")
        .contains("+ public final class p.Api implements java.lang.Runnable\n");
  }

  @Test
  void check_noListingYet_failsWithTheCommandThatCreatesIt() throws IOException {
    String now = listing(Map.of("p/Api.java", "package p; public class Api {}"));

    String failure = PublicApiCheck.compare("lib", Path.of("api/lib.api"), null, now, COMMAND);

    assertThat(failure).contains("No public API listing for lib").contains(COMMAND);
  }

  @Test
  void check_changesNoUserCanSee_pass() throws IOException {
    String committed =
        committed(
            Map.of(
                "p/Api.java",
                "package p; public class Api { public void a() {} void helper() {} private int x; }",
                "p/Hidden.java",
                "package p; final class Hidden { public void b() {} }",
                "p/internal/Impl.java",
                "package p.internal; public class Impl { public void c() {} }"));
    String now =
        listing(
            Map.of(
                "p/Api.java",
                "package p; public class Api { public void a() { helper2(); }"
                    + " void helper2() {} private long y; private static class Nested { public void n() {} } }",
                "p/Hidden.java",
                "package p; final class Hidden { public void b2() {} }",
                "p/internal/Impl.java",
                "package p.internal; public class Impl { public void c2() {} }"));

    assertThat(PublicApiCheck.compare("lib", Path.of("api/lib.api"), committed, now, COMMAND))
        .isNull();
  }

  @Test
  void check_headerCommentsEdited_pass() throws IOException {
    String now = listing(Map.of("p/Api.java", "package p; public class Api {}"));
    String committed = "# another comment\n\n" + now.substring(now.indexOf("public class"));

    assertThat(PublicApiCheck.compare("lib", Path.of("api/lib.api"), committed, now, COMMAND))
        .isNull();
  }

  @Test
  void listing_fixture_rendersEveryKindOfDeclaration() throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "p/Shapes.java",
        """
        package p;
        import java.util.*;
        public final class Shapes {
          public static final String NAME = "n";
          protected int notVisibleInFinalClass;
          private Shapes() {}
          @Deprecated public static <K, V extends Comparable<? super V>> Map<K, List<V>> group(
              Map<? extends K, V[]> in, String... more) throws java.io.IOException { return null; }
          public sealed interface Shape permits Circle, Square, Secret {
            double area();
            default String label() { return "s"; }
            static Shape unit() { return new Circle(1); }
          }
          public record Circle(double radius) implements Shape {
            public double area() { return radius * radius * Math.PI; }
          }
          public record Square(double side) implements Shape {
            public double area() { return side * side; }
          }
          record Secret() implements Shape { public double area() { return 0; } }
          public enum Kind { ROUND, ANGULAR { @Override public String toString() { return "a"; } } }
          public abstract static class Base<T> implements Comparable<Base<T>> {
            protected Base() {}
            protected abstract T value();
            public final int compareTo(Base<T> o) { return 0; }
            public class Inner { public Inner(int size) {} }
            public class GenericInner<U> { public GenericInner(U u) {} }
          }
          public @interface Marker { String value() default ""; }
        }
        """);

    String listing = listing(sources);

    assertThat(listing)
        .isEqualTo(
            """
            public final class p.Shapes
              public static final java.lang.String NAME
              @Deprecated public static <K, V extends java.lang.Comparable<? super V>> \
            java.util.Map<K, java.util.List<V>> group(java.util.Map<? extends K, V[]>, \
            java.lang.String...) throws java.io.IOException

            public abstract static class p.Shapes.Base<T> implements java.lang.Comparable<p.Shapes.Base<T>>
              protected Base()
              public final int compareTo(p.Shapes.Base<T>)
              protected abstract T value()

            public class p.Shapes.Base.GenericInner<U>
              public GenericInner(U)

            public class p.Shapes.Base.Inner
              public Inner(int)

            public record p.Shapes.Circle(double radius) implements p.Shapes.Shape
              public Circle(double)
              public double area()
              public final boolean equals(java.lang.Object)
              public final int hashCode()
              public double radius()
              public final java.lang.String toString()

            public enum p.Shapes.Kind
              public static final p.Shapes.Kind ANGULAR
              public static final p.Shapes.Kind ROUND
              public static p.Shapes.Kind valueOf(java.lang.String)
              public static p.Shapes.Kind[] values()

            public @interface p.Shapes.Marker
              public java.lang.String value()

            public sealed interface p.Shapes.Shape permits p.Shapes.Circle, p.Shapes.Square
              public double area()
              public default java.lang.String label()
              public static p.Shapes.Shape unit()

            public record p.Shapes.Square(double side) implements p.Shapes.Shape
              public Square(double)
              public double area()
              public final boolean equals(java.lang.Object)
              public final int hashCode()
              public double side()
              public final java.lang.String toString()
            """);
  }

  @Test
  void listing_moduleDescriptor_listsOnlyUnqualifiedExports() throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("module-info.java", "module lib { exports p; exports q to java.base; }");
    sources.put("p/A.java", "package p; public class A {}");
    sources.put("q/B.java", "package q; public class B {}");
    sources.put("r/C.java", "package r; public class C {}");

    assertThat(listing(sources)).isEqualTo("public class p.A\n  public A()\n");
  }

  @Test
  void listing_sameClassesTwice_isIdentical() throws IOException {
    Map<String, String> sources =
        Map.of(
            "p/A.java",
                "package p; public class A { public void b() {} public void a() {} public int c; }",
            "p/B.java", "package p; public interface B { void z(); void y(); }");

    assertThat(listing(sources)).isEqualTo(listing(sources));
  }

  static Stream<Long> seeds() {
    long first = new Random().nextLong();
    return Stream.of(first, first + 1, first + 2);
  }

  /**
   * Over generated classes: every public member, and every protected member of an extensible class,
   * is listed exactly once; nothing package-private or private is.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void listing_generatedMembers_listsExactlyTheVisibleOnes(long seed) throws IOException {
    System.out.println("ApiListingTest seed " + seed);
    Random random = new Random(seed);
    boolean finalClass = random.nextBoolean();
    List<String> expected = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    StringBuilder source =
        new StringBuilder("package p; public " + (finalClass ? "final " : "") + "class G {\n");
    String[] access = {"public ", "protected ", "", "private "};
    String[] types = {"int", "java.lang.String", "java.util.List<java.lang.Long>", "byte[]"};
    for (int i = 0; i < 1 + random.nextInt(12); i++) {
      String a = access[random.nextInt(access.length)];
      String t = types[random.nextInt(types.length)];
      boolean field = random.nextBoolean();
      String name = (field ? "f" : "m") + i;
      source.append("  ").append(a).append(t).append(' ').append(name);
      source.append(
          field ? ";\n" : "(" + t + " x) { return null; }\n".replace("return null;", returnFor(t)));
      String line = a + t + " " + name + (field ? "" : "(" + t + ")");
      boolean visible = a.equals("public ") || (a.equals("protected ") && !finalClass);
      (visible ? expected : hidden).add("  " + line);
    }
    source.append("}\n");

    String listing = listing(Map.of("p/G.java", source.toString()));

    List<String> members =
        listing
            .lines()
            .filter(l -> l.startsWith("  ") && !l.contains(" G("))
            .collect(Collectors.toList());
    assertThat(members).as(source.toString()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(listing)
        .as(source.toString())
        .startsWith("public " + (finalClass ? "final " : "") + "class p.G\n");
    for (String h : hidden) {
      assertThat(members).doesNotContain(h);
    }
  }

  private static String returnFor(String type) {
    return type.equals("int") ? "return 0;" : "return null;";
  }

  private String committed(Map<String, String> sources) throws IOException {
    return PublicApiCheck.header("lib", COMMAND) + listing(sources);
  }

  private String listing(Map<String, String> sources) throws IOException {
    Path src = dir.resolve("src" + compilations);
    Path out = dir.resolve("out" + compilations);
    compilations++;
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none", "-nowarn"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertThat(status).as("fixture compiles: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      return ApiListing.of(out, loader);
    }
  }
}
