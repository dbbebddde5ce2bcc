package dev.udfshim.maven.linkage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What linking needs of a class: its supertypes and the members it declares (name and descriptor).
 */
record ClassShape(
    String name,
    String superName,
    List<String> interfaces,
    boolean isInterface,
    Set<String> methods,
    Set<String> methodNames,
    Set<String> fields) {

  static ClassShape read(byte[] classFile) {
    Set<String> methods = new HashSet<>();
    Set<String> methodNames = new HashSet<>();
    Set<String> fields = new HashSet<>();
    List<String> header = new ArrayList<>();
    boolean[] isInterface = new boolean[1];
    List<String> interfaces = new ArrayList<>();
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public void visit(
                  int version,
                  int access,
                  String name,
                  String signature,
                  String superName,
                  String[] superInterfaces) {
                header.add(name);
                header.add(superName);
                isInterface[0] = (access & Opcodes.ACC_INTERFACE) != 0;
                if (superInterfaces != null) {
                  interfaces.addAll(List.of(superInterfaces));
                }
              }

              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                methods.add(name + descriptor);
                methodNames.add(name);
                return null;
              }

              @Override
              public FieldVisitor visitField(
                  int access, String name, String descriptor, String signature, Object value) {
                fields.add(name + ":" + descriptor);
                return null;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new ClassShape(
        header.get(0),
        header.get(1),
        List.copyOf(interfaces),
        isInterface[0],
        Set.copyOf(methods),
        Set.copyOf(methodNames),
        Set.copyOf(fields));
  }
}
