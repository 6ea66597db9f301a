package dev.jwtsecurity.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a module's compiled classes as sorted text: one block per type a user can reach
 * (modifiers, kind, type parameters, supertypes), then one line per public or protected field,
 * constructor and method (parameter types and {@code throws}, not parameter names).
 *
 * <pre>{@code
 * String listing = ApiListing.of(Path.of("target/classes"), getClass().getClassLoader());
 * }</pre>
 *
 * <p>The packages listed are the module's unqualified exports when the classes carry a {@code
 * module-info.class}, else every package except those with an {@code internal} segment. A type is
 * listed when it is public (or a protected member type) and so is every type around it. Only what
 * the compiler wrote is read: compiler-generated bridges and synthetic members are left out, and
 * mandated ones (an enum's {@code values()}, a record's accessors) are listed, because callers
 * compile against them.
 */
public final class ApiListing {

  private static final String INDENT = "  ";

  private ApiListing() {}

  /**
   * Lists the API of the classes under {@code classes}.
   *
   * @param classes a compiler output directory
   * @param loader a class loader that sees those classes and everything they refer to
   * @return the listing, one block per type separated by blank lines, ending with a newline
   * @throws IOException if the directory cannot be read
   * @throws IllegalStateException if a class cannot be loaded
   */
  public static String of(Path classes, ClassLoader loader) throws IOException {
    Set<String> exported = exportedPackages(classes);
    Map<String, List<String>> blocks = new TreeMap<>();
    for (String name : classNames(classes)) {
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + name + " to list its API", e);
      }
      if (exported.contains(type.getPackageName()) && isApi(type)) {
        List<String> lines = new ArrayList<>();
        lines.add(header(type));
        members(type).forEach(m -> lines.add(INDENT + m));
        blocks.put(type.getName(), lines);
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> block : blocks.values()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      for (String line : block) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Compares a listing with the committed one, type by type.
   *
   * @param expected the committed listing (comment lines starting with {@code #} are ignored)
   * @param actual the listing of the classes as compiled now
   * @return the differences, readable, empty if there are none: for each changed type its header,
   *     then {@code -} lines (gone) and {@code +} lines (new)
   */
  public static String diff(String expected, String actual) {
    Map<String, List<String>> before = parse(expected);
    Map<String, List<String>> after = parse(actual);
    Set<String> types = new TreeSet<>(before.keySet());
    types.addAll(after.keySet());
    StringBuilder out = new StringBuilder();
    for (String type : types) {
      List<String> was = before.get(type);
      List<String> now = after.get(type);
      if (was == null) {
        now.forEach(l -> out.append("+ ").append(l).append('\n'));
      } else if (now == null) {
        was.forEach(l -> out.append("- ").append(l).append('\n'));
      } else if (!was.equals(now)) {
        if (!was.get(0).equals(now.get(0))) {
          out.append("- ").append(was.get(0)).append('\n');
          out.append("+ ").append(now.get(0)).append('\n');
        } else {
          out.append("  ").append(now.get(0)).append('\n');
        }
        Set<String> gone = new TreeSet<>(was.subList(1, was.size()));
        gone.removeAll(now.subList(1, now.size()));
        Set<String> added = new TreeSet<>(now.subList(1, now.size()));
        added.removeAll(was.subList(1, was.size()));
        gone.forEach(l -> out.append("- ").append(l).append('\n'));
        added.forEach(l -> out.append("+ ").append(l).append('\n'));
      }
    }
    return out.toString();
  }

  /** Blocks by the type name in their header line. */
  private static Map<String, List<String>> parse(String listing) {
    Map<String, List<String>> blocks = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : listing.split("\n", -1)) {
      if (line.startsWith("#") || line.isBlank()) {
        current = null;
      } else if (!line.startsWith(INDENT)) {
        current = new ArrayList<>();
        current.add(line);
        blocks.put(typeName(line), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  /** The type name of a header line: the word after the kind keyword. */
  private static String typeName(String header) {
    List<String> words = Arrays.asList(header.split(" ", -1));
    for (int i = 0; i < words.size() - 1; i++) {
      if (Set.of("class", "interface", "enum", "record", "@interface").contains(words.get(i))) {
        String name = words.get(i + 1);
        int generic = name.indexOf('<');
        return generic < 0 ? name : name.substring(0, generic);
      }
    }
    return header;
  }

  static Set<String> exportedPackages(Path classes) throws IOException {
    Path descriptor = classes.resolve("module-info.class");
    if (Files.exists(descriptor)) {
      try (InputStream in = Files.newInputStream(descriptor)) {
        return ModuleDescriptor.read(in).exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
      }
    }
    Set<String> packages = new TreeSet<>();
    for (String name : classNames(classes)) {
      int dot = name.lastIndexOf('.');
      String pkg = dot < 0 ? "" : name.substring(0, dot);
      if (!Arrays.asList(pkg.split("\\.", -1)).contains("internal")) {
        packages.add(pkg);
      }
    }
    return packages;
  }

  private static List<String> classNames(Path classes) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .map(p -> classes.relativize(p).toString())
          .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    int mods = type.getModifiers();
    Class<?> outer = type.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(mods);
    }
    return (Modifier.isPublic(mods) || (Modifier.isProtected(mods) && !isFinal(outer)))
        && isApi(outer);
  }

  private static boolean isFinal(Class<?> type) {
    return Modifier.isFinal(type.getModifiers()) || type.isEnum() || type.isRecord();
  }

  private static String header(Class<?> type) {
    List<String> words = new ArrayList<>();
    deprecated(type).ifPresent(words::add);
    int mods = type.getModifiers() & (Modifier.classModifiers() | Modifier.PROTECTED);
    boolean nested = type.getDeclaringClass() != null;
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      mods &= ~(Modifier.ABSTRACT | Modifier.STATIC);
    } else if (type.isInterface()) {
      kind = "interface";
      mods &= ~(Modifier.ABSTRACT | Modifier.STATIC);
    } else if (type.isEnum()) {
      // Whether an enum is final depends on its constants having bodies: not the caller's concern.
      kind = "enum";
      mods &= ~(Modifier.FINAL | Modifier.STATIC | Modifier.ABSTRACT);
    } else if (type.isRecord()) {
      kind = "record";
      mods &= ~(Modifier.FINAL | Modifier.STATIC);
    } else {
      kind = "class";
    }
    if (!nested) {
      mods &= ~Modifier.STATIC;
    }
    if (mods != 0) {
      words.add(Modifier.toString(mods));
    }
    // An enum whose constants have bodies is sealed implicitly; its source does not say so.
    boolean sealed = type.isSealed() && !type.isEnum();
    if (sealed) {
      words.add("sealed");
    }
    words.add(kind);
    StringBuilder sb = new StringBuilder(String.join(" ", words));
    sb.append(' ').append(typeName(type)).append(typeParameters(type.getTypeParameters()));
    if (type.isRecord()) {
      sb.append(
          Arrays.stream(type.getRecordComponents())
              .map(c -> name(c.getGenericType()) + " " + c.getName())
              .collect(Collectors.joining(", ", "(", ")")));
    }
    Type superclass = type.getGenericSuperclass();
    if (kind.equals("class") && superclass != null && superclass != Object.class) {
      sb.append(" extends ").append(name(superclass));
    }
    List<String> interfaces =
        Arrays.stream(type.getGenericInterfaces())
            .map(ApiListing::name)
            .filter(n -> !type.isAnnotation())
            .collect(Collectors.toList());
    if (!interfaces.isEmpty()) {
      sb.append(type.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", interfaces));
    }
    if (sealed) {
      List<String> permitted =
          Arrays.stream(type.getPermittedSubclasses())
              .filter(ApiListing::isApi)
              .map(ApiListing::typeName)
              .sorted()
              .collect(Collectors.toList());
      if (!permitted.isEmpty()) {
        sb.append(" permits ").append(String.join(", ", permitted));
      }
    }
    return sb.toString();
  }

  /**
   * Members in a stable order that keeps a change readable: fields, constructors, then methods,
   * each sorted by name first, so a changed return type shows as two adjacent lines.
   */
  private static Collection<String> members(Class<?> type) {
    Map<String, String> fields = new TreeMap<>();
    for (Field f : type.getDeclaredFields()) {
      if (visible(type, f.getModifiers()) && !f.isSynthetic()) {
        fields.put(
            f.getName(),
            prefix(f)
                + modifiers(f.getModifiers() & Modifier.fieldModifiers())
                + name(f.getGenericType())
                + " "
                + f.getName());
      }
    }
    Set<String> constructors = new TreeSet<>();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(type, c.getModifiers()) && !c.isSynthetic()) {
        constructors.add(
            prefix(c)
                + modifiers(c.getModifiers() & Modifier.constructorModifiers())
                + typeParameters(c.getTypeParameters()).stripLeading()
                + (c.getTypeParameters().length > 0 ? " " : "")
                + type.getSimpleName()
                + parameters(c)
                + exceptions(c));
      }
    }
    Map<String, String> methods = new TreeMap<>();
    for (Method m : type.getDeclaredMethods()) {
      if (visible(type, m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        int mods = m.getModifiers() & Modifier.methodModifiers();
        // Synchronisation and native code are how a method is written, not what it offers.
        mods &= ~(Modifier.SYNCHRONIZED | Modifier.NATIVE | Modifier.STRICT);
        if (type.isInterface()) {
          mods &= ~Modifier.ABSTRACT;
        }
        String typeParameters = typeParameters(m.getTypeParameters());
        String parameters = parameters(m);
        methods.put(
            m.getName() + parameters,
            prefix(m)
                + modifiers(mods)
                + (m.isDefault() ? "default " : "")
                + (typeParameters.isEmpty() ? "" : typeParameters.stripLeading() + " ")
                + name(m.getGenericReturnType())
                + " "
                + m.getName()
                + parameters
                + exceptions(m));
      }
    }
    List<String> all = new ArrayList<>(fields.values());
    all.addAll(constructors);
    all.addAll(methods.values());
    return all;
  }

  private static boolean visible(Class<?> owner, int mods) {
    return Modifier.isPublic(mods) || (Modifier.isProtected(mods) && !isFinal(owner));
  }

  private static String prefix(AnnotatedElement element) {
    return deprecated(element).map(d -> d + " ").orElse("");
  }

  private static Optional<String> deprecated(AnnotatedElement element) {
    Deprecated d = element.getAnnotation(Deprecated.class);
    if (d == null) {
      return Optional.empty();
    }
    return Optional.of(d.forRemoval() ? "@Deprecated(forRemoval=true)" : "@Deprecated");
  }

  private static String modifiers(int mods) {
    String text = Modifier.toString(mods);
    return text.isEmpty() ? "" : text + " ";
  }

  private static String parameters(Executable e) {
    Type[] types = e.getGenericParameterTypes();
    Class<?> owner = e.getDeclaringClass();
    if (e instanceof Constructor<?>
        && owner.isMemberClass()
        && !Modifier.isStatic(owner.getModifiers())
        && types.length == e.getParameterCount()
        && types.length > 0) {
      // An inner class's constructor receives the enclosing instance first; the source does not
      // declare it, and the generic signature, when there is one, leaves it out already.
      types = Arrays.copyOfRange(types, 1, types.length);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      String n = name(types[i]);
      if (e.isVarArgs() && i == types.length - 1 && n.endsWith("[]")) {
        n = n.substring(0, n.length() - 2) + "...";
      }
      names.add(n);
    }
    return "(" + String.join(", ", names) + ")";
  }

  private static String exceptions(Executable e) {
    Type[] thrown = e.getGenericExceptionTypes();
    if (thrown.length == 0) {
      return "";
    }
    return " throws "
        + Arrays.stream(thrown).map(ApiListing::name).sorted().collect(Collectors.joining(", "));
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (TypeVariable<?> v : variables) {
      List<String> bounds =
          Arrays.stream(v.getBounds())
              .filter(b -> b != Object.class)
              .map(ApiListing::name)
              .collect(Collectors.toList());
      out.add(v.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
    }
    return "<" + String.join(", ", out) + ">";
  }

  private static String typeName(Class<?> c) {
    String canonical = c.getCanonicalName();
    return canonical == null ? c.getName() : canonical;
  }

  /** Source-like names: {@code java.util.Map<java.lang.String, ? extends Foo.Bar>}. */
  static String name(Type type) {
    if (type instanceof Class<?> c) {
      return c.isArray() ? name(c.getComponentType()) + "[]" : typeName(c);
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      String base =
          p.getOwnerType() instanceof ParameterizedType owner
              ? name(owner) + "." + raw.getSimpleName()
              : typeName(raw);
      return base
          + Arrays.stream(p.getActualTypeArguments())
              .map(ApiListing::name)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + name(w.getLowerBounds()[0]);
      }
      List<String> upper =
          Arrays.stream(w.getUpperBounds())
              .filter(b -> b != Object.class)
              .map(ApiListing::name)
              .collect(Collectors.toList());
      return upper.isEmpty() ? "?" : "? extends " + String.join(" & ", upper);
    }
    if (type instanceof GenericArrayType g) {
      return name(g.getGenericComponentType()) + "[]";
    }
    if (type instanceof TypeVariable<?> v) {
      return v.getName();
    }
    return type.getTypeName();
  }
}
