package io.cxengine.journey.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the architecture test cannot see in class files, read from the engine's main sources: where SQL text is
 * written. Each rule names the files that break it.
 */
class SqlPlacementTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A string literal or text block of Java source. */
    static final Pattern LITERAL = Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    /** SQL in a literal: a statement, or a fragment of one (a clause, a function, a literal, a named parameter). */
    static final Pattern SQL = Pattern.compile(
            "\\b(SELECT|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|WHERE|SET|COALESCE|TRUE|FALSE|NULL)\\b|[\\s(,=]:[a-zA-Z]\\w*");

    static Map<Path, String> sources;

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Stream.of("platform", "command-side", "query-side")
                .map(module -> ROOT.resolve(module).resolve("src/main/java"))
                .flatMap(SqlPlacementTest::walk)) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .collect(Collectors.toMap(ROOT::relativize, SqlPlacementTest::read));
        }
        assertThat(sources).as("the engine's sources were found").hasSizeGreaterThan(100);
    }

    @Test
    @DisplayName("projections never build SQL text: their tables hold it, in methods named for the facts")
    void projectionsWithoutSql() {
        assertThat(files(path -> path.getFileName().toString().endsWith("Projection.java")))
                .as("projections").isNotEmpty()
                .allSatisfy((path, text) -> assertThat(LITERAL.matcher(text).results().map(MatchResult::group)
                        .filter(literal -> SQL.matcher(literal).find())).as(path.toString()).isEmpty());
    }

    @Test
    @DisplayName("only the idempotency package reads or writes idempotency records")
    void idempotencyRecordsInOnePlace() {
        assertThat(files(path -> sources.get(path).contains("idempotency_record")).keySet())
                .allSatisfy(path -> assertThat(path.toString()).contains("/command/idempotency/"))
                .isNotEmpty();
    }

    static Map<Path, String> files(java.util.function.Predicate<Path> which) {
        return sources.keySet().stream().filter(which)
                .collect(Collectors.toMap(Function.identity(), sources::get));
    }

    static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
