package io.docverify.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README's "Using the library from Java" shows examples/consumer's UploadAndReview, verbatim. That project is a
 * user's build (it imports docverify-bom); ./test.sh builds it against this checkout's deployed artifacts and
 * runs the example there ({@code UploadAndReviewTest} checks what it prints).
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE =
            Path.of("..", "examples", "consumer", "src", "main", "java", "example", "UploadAndReview.java");

    @Test
    void theReadmeJavaExampleIsTheConsumerProjectsClassVerbatim() throws IOException {
        assertThat(javaBlockOfSection(Files.readString(README), "## Using the library from Java"))
                .isEqualTo(Files.readString(EXAMPLE));
    }

    @Test
    void theExampleIsTheFirstJavaBlockOfItsSectionOnly() {
        String readme = "# t\n```java\nZ\n```\n## Using the library from Java\n\n```xml\n<x/>\n```\n"
                + "```java\nclass A {}\n```\n\n## Next\n```java\nB\n```\n";
        assertThat(javaBlockOfSection(readme, "## Using the library from Java")).isEqualTo("class A {}\n");
    }

    /** The first ```java block of the section with this heading, with its final newline. */
    static String javaBlockOfSection(String markdown, String heading) {
        int section = markdown.indexOf("\n" + heading + "\n");
        assertThat(section).as("README has the section %s", heading).isNotNegative();
        int end = markdown.indexOf("\n## ", section + 1);
        String body = markdown.substring(section, end < 0 ? markdown.length() : end);
        int open = body.indexOf("\n```java\n");
        assertThat(open).as("the section %s has a ```java block", heading).isNotNegative();
        int start = open + "\n```java\n".length();
        int close = body.indexOf("\n```\n", start - 1);
        return body.substring(start, close + 1);
    }
}
