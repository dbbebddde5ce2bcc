package dev.udfshim.maven.linkage;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Everything a class file names that must exist for it to link and for Flink to read it: its
 * supertypes, the classes, methods and fields its code uses (method handles of lambdas and method
 * references included), the types of its members and their generic signatures, and its annotations'
 * types, attributes, enum constants and class values.
 */
final class References {
  /** One reference and where the class makes it ({@code eval}, {@code its annotations}). */
  record Use(Member member, String where) {}

  private References() {}

  static List<Use> of(byte[] classFile) {
    List<Use> uses = new ArrayList<>();
    new ClassReader(classFile).accept(new Collector(uses), ClassReader.SKIP_FRAMES);
    return uses;
  }

  private static final class Collector extends ClassVisitor {
    private final List<Use> uses;

    Collector(List<Use> uses) {
      super(Opcodes.ASM9);
      this.uses = uses;
    }

    private void type(Type type, String where) {
      switch (type.getSort()) {
        case Type.ARRAY -> type(type.getElementType(), where);
        case Type.OBJECT -> uses.add(new Use(Member.ofClass(type.getInternalName()), where));
        case Type.METHOD -> {
          for (Type argument : type.getArgumentTypes()) {
            type(argument, where);
          }
          type(type.getReturnType(), where);
        }
        default -> {
          // primitives name nothing
        }
      }
    }

    private void internalName(String name, String where) {
      if (name != null) {
        type(name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name), where);
      }
    }

    private void signature(String signature, String where) {
      if (signature == null) {
        return;
      }
      new SignatureReader(signature)
          .accept(
              new SignatureVisitor(Opcodes.ASM9) {
                @Override
                public void visitClassType(String name) {
                  internalName(name, where);
                }
              });
    }

    private void member(Member.Kind kind, String owner, String name, String desc, String where) {
      if (owner.startsWith("[")) {
        type(Type.getType(owner), where);
        return;
      }
      internalName(owner, where);
      uses.add(new Use(new Member(kind, owner, name, desc), where));
      type(kind == Member.Kind.METHOD ? Type.getMethodType(desc) : Type.getType(desc), where);
    }

    private void handle(Handle handle, String where) {
      boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
      member(
          field ? Member.Kind.FIELD : Member.Kind.METHOD,
          handle.getOwner(),
          handle.getName(),
          handle.getDesc(),
          where);
    }

    private void constant(Object value, String where) {
      if (value instanceof Type type) {
        type(type, where);
      } else if (value instanceof Handle handle) {
        handle(handle, where);
      }
    }

    private AnnotationVisitor annotation(String descriptor, String where) {
      type(Type.getType(descriptor), where);
      String owner = Type.getType(descriptor).getInternalName();
      return new AnnotationVisitor(Opcodes.ASM9) {
        private void attribute(String name) {
          if (name != null) {
            uses.add(new Use(new Member(Member.Kind.ANNOTATION_ATTRIBUTE, owner, name, ""), where));
          }
        }

        @Override
        public void visit(String name, Object value) {
          attribute(name);
          constant(value, where);
        }

        @Override
        public void visitEnum(String name, String enumDescriptor, String value) {
          attribute(name);
          Type type = Type.getType(enumDescriptor);
          internalName(type.getInternalName(), where);
          uses.add(
              new Use(
                  new Member(
                      Member.Kind.ENUM_CONSTANT, type.getInternalName(), value, enumDescriptor),
                  where));
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String nested) {
          attribute(name);
          return annotation(nested, where);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
          attribute(name);
          AnnotationVisitor self = this;
          return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String ignored, Object value) {
              constant(value, where);
            }

            @Override
            public void visitEnum(String ignored, String enumDescriptor, String value) {
              self.visitEnum(null, enumDescriptor, value);
            }

            @Override
            public AnnotationVisitor visitAnnotation(String ignored, String nested) {
              return annotation(nested, where);
            }
          };
        }
      };
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      internalName(superName, "its declaration");
      if (interfaces != null) {
        for (String i : interfaces) {
          internalName(i, "its declaration");
        }
      }
      signature(signature, "its declaration");
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return annotation(descriptor, "its annotations");
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(
        int typeRef, TypePath typePath, String descriptor, boolean visible) {
      return annotation(descriptor, "its annotations");
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      String where = "field " + name;
      type(Type.getType(descriptor), where);
      signature(signature, where);
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return annotation(annotation, where);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String annotation, boolean visible) {
          return annotation(annotation, where);
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      String where =
          name.equals("<init>")
              ? "its constructor"
              : name.equals("<clinit>") ? "its static initializer" : name;
      type(Type.getMethodType(descriptor), where);
      signature(signature, where);
      if (exceptions != null) {
        for (String exception : exceptions) {
          internalName(exception, where);
        }
      }
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotationDefault() {
          return annotation("Ljava/lang/Object;", where);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return annotation(annotation, where);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String annotation, boolean visible) {
          return annotation(annotation, where);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(
            int parameter, String annotation, boolean visible) {
          return annotation(annotation, where);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          internalName(type, where);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
          member(Member.Kind.FIELD, owner, field, desc, where);
        }

        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String desc, boolean isInterface) {
          member(Member.Kind.METHOD, owner, method, desc, where);
        }

        @Override
        public void visitInvokeDynamicInsn(
            String method, String desc, Handle bootstrap, Object... arguments) {
          type(Type.getMethodType(desc), where);
          handle(bootstrap, where);
          for (Object argument : arguments) {
            constant(argument, where);
          }
        }

        @Override
        public void visitLdcInsn(Object value) {
          constant(value, where);
        }

        @Override
        public void visitMultiANewArrayInsn(String desc, int dimensions) {
          type(Type.getType(desc), where);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
          internalName(type, where);
        }
      };
    }
  }
}
