package dev.udfshim.maven.linkage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Checks that every class, method, field, enum constant and annotation attribute of a package
 * prefix (Flink's, {@code org/apache/flink/}) that some classes name exists in a class path, as the
 * JVM resolves them: a member the classes call on their own subclass of a Flink class counts as the
 * Flink class's. What it finds is what would fail at run time as {@code NoClassDefFoundError},
 * {@code NoSuchMethodError}, {@code NoSuchFieldError} or {@code EnumConstantNotPresentException}.
 */
public final class LinkageCheck implements AutoCloseable {
  public static final String FLINK = "org/apache/flink/";

  private final ClassFiles checked;
  private final ClassPool pool;
  private final String prefix;

  /**
   * @param checked the class folders and jars whose classes are checked
   * @param classPath what they run with, in class path order (the checked classes are looked up
   *     first); the JDK's classes are added
   * @param prefix the internal-name prefix of the classes whose members are checked
   */
  public LinkageCheck(List<Path> checked, List<Path> classPath, String prefix) {
    this.checked = new ClassFiles(checked);
    List<Path> all = new ArrayList<>(checked);
    all.addAll(classPath);
    this.pool = new ClassPool(new ClassFiles(all));
    this.prefix = prefix;
  }

  /** What the checked classes use and the class path lacks, once per class and member. */
  public List<Missing> missing() {
    Map<String, Missing> found = new LinkedHashMap<>();
    List<String> names = checked.names();
    Set<String> own = Set.copyOf(names);
    for (String name : names) {
      String userClass = Type.getObjectType(name).getClassName();
      Set<String> missingClasses = new HashSet<>();
      List<References.Use> uses = References.of(checked.bytes(name).orElseThrow());
      // Classes first, so a missing class is said once, not again for each of its members.
      for (References.Use use : uses) {
        Member member = use.member();
        if (member.kind() == Member.Kind.CLASS
            && member.owner().startsWith(prefix)
            && !pool.exists(member.owner())) {
          missingClasses.add(member.owner());
          found.putIfAbsent(
              userClass + " " + member.owner(), new Missing(userClass, member, use.where()));
        }
      }
      for (References.Use use : uses) {
        Member member = use.member();
        if (member.kind() == Member.Kind.CLASS || missingClasses.contains(member.owner())) {
          continue;
        }
        flinkMember(member, own)
            .filter(m -> m.in(pool) == ClassPool.Found.NO)
            .ifPresent(
                m ->
                    found.putIfAbsent(userClass + " " + m, new Missing(userClass, m, use.where())));
      }
    }
    return List.copyOf(found.values());
  }

  /**
   * The member as a member of the prefix's classes: itself when its owner is one, else (a member
   * named on a checked class, e.g. {@code this.getTypeInference(...)} in a UDF) the same member of
   * the owner's first superclass of the prefix, when the owner's own hierarchy does not have it.
   * Members of other classes (the JDK's, libraries') are not looked at.
   */
  private Optional<Member> flinkMember(Member member, Set<String> own) {
    if (member.owner().startsWith(prefix)) {
      return Optional.of(member);
    }
    if (!own.contains(member.owner())
        || member.kind() == Member.Kind.ANNOTATION_ATTRIBUTE
        || member.in(pool) != ClassPool.Found.NO) {
      return Optional.empty();
    }
    return pool.firstAncestor(member.owner(), prefix)
        .map(owner -> new Member(member.kind(), owner, member.name(), member.descriptor()));
  }

  /** The members, each looked up in one more class path: which of them it has. */
  public static Set<Member> presentIn(List<Member> members, List<Path> classPath)
      throws IOException {
    Set<Member> present = new HashSet<>();
    try (ClassPool other = new ClassPool(new ClassFiles(classPath))) {
      for (Member member : members) {
        if (member.in(other) == ClassPool.Found.YES) {
          present.add(member);
        }
      }
    }
    return present;
  }

  @Override
  public void close() throws IOException {
    try {
      checked.close();
    } finally {
      pool.close();
    }
  }
}
