#!/bin/sh
# Writes a UDF project with N generated UDFs, for the build benchmark (bench/build-and-start.sh).
#   bench/generate-udfs.sh <folder> <N> [shim version]
# Class i follows one of the sample project's three shapes (shim-maven-plugin/src/it/udf-project-good):
#   i % 11 in 1, 4: two eval overloads using commons-codec (HexUpper), two signatures
#   i % 11 in 2, 7: a table function with a ROW output hint (SplitWords), one signature
#   otherwise:      one eval of two BIGINTs (AddOne), one signature
# So N=3 has the sample's 4 signatures, and N=550 has 650.
# The plugin sits in profile `shim`, active unless -DnoShim is given: the same project builds with
# and without it.
set -eu
dir=$1
count=$2
version=${3:-0.1.0-SNAPSHOT}
pkg=$dir/src/main/java/com/example/gen
mkdir -p "$pkg"

cat > "$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>generated-udfs-$count</artifactId>
  <version>1.0.0</version>

  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
  </properties>

  <dependencies>
    <dependency>
      <groupId>org.apache.flink</groupId>
      <artifactId>flink-table-common</artifactId>
      <version>2.0.1</version>
      <scope>provided</scope>
    </dependency>
    <dependency>
      <groupId>commons-codec</groupId>
      <artifactId>commons-codec</artifactId>
      <version>1.17.1</version>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
      <plugin>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.4.2</version>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.4</version>
      </plugin>
    </plugins>
  </build>

  <profiles>
    <profile>
      <id>shim</id>
      <activation>
        <property>
          <name>!noShim</name>
        </property>
      </activation>
      <build>
        <plugins>
          <plugin>
            <groupId>dev.udfshim</groupId>
            <artifactId>shim-maven-plugin</artifactId>
            <version>$version</version>
            <executions>
              <execution>
                <goals>
                  <goal>extract</goal>
                  <goal>gen-spec</goal>
                  <goal>package</goal>
                </goals>
              </execution>
            </executions>
          </plugin>
        </plugins>
      </build>
    </profile>
  </profiles>
</project>
POM

i=0
while [ "$i" -lt "$count" ]; do
  name=$(printf 'Udf%04d' "$i")
  case $((i % 11)) in
    1 | 4)
      cat > "$pkg/$name.java" <<JAVA
package com.example.gen;

import org.apache.commons.codec.binary.Hex;
import org.apache.flink.table.functions.ScalarFunction;

public class $name extends ScalarFunction {
  public String eval(String text) {
    return text == null ? null : Hex.encodeHexString((text + "$i").getBytes());
  }

  public String eval(String text, Integer repeat) {
    return text == null || repeat == null ? null : eval(text).repeat(repeat);
  }
}
JAVA
      ;;
    2 | 7)
      cat > "$pkg/$name.java" <<JAVA
package com.example.gen;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

@FunctionHint(output = @DataTypeHint("ROW<word STRING, length INT>"))
public class $name extends TableFunction<Row> {
  public void eval(String text) {
    if (text != null) {
      for (String word : text.split("\\\\s+")) {
        collect(Row.of(word, word.length() + $i));
      }
    }
  }
}
JAVA
      ;;
    *)
      cat > "$pkg/$name.java" <<JAVA
package com.example.gen;

import org.apache.flink.table.functions.ScalarFunction;

public class $name extends ScalarFunction {
  public Long eval(Long i, Long j) {
    return i == null || j == null ? null : i + j + $i;
  }
}
JAVA
      ;;
  esac
  i=$((i + 1))
done
echo "Wrote $dir: $count UDFs"
