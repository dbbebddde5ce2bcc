package dev.udfshim.maven.linkage;

/**
 * A Flink class or member a project class uses that the runtime's Flink lacks.
 *
 * @param userClass the project class, as Java names it
 * @param member what is missing
 * @param where where the class uses it first ({@code eval}, {@code its annotations})
 */
public record Missing(String userClass, Member member, String where) {}
