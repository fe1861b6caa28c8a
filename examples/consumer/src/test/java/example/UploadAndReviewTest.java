package example;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.ports.contract.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Using the library from Java" (this project's UploadAndReview), run as a user would, its claims checked. */
class UploadAndReviewTest {

    @Test
    void theReadmeExampleRunsAsDescribed(@TempDir Path dir) throws Exception {
        Path scan = Files.write(dir.resolve("passport.jpg"), TestFiles.jpeg());

        List<String> printed = printedBy(() -> UploadAndReview.main(new String[] {scan.toString()}));

        assertThat(printed).hasSize(5);
        assertThat(printed.subList(0, 3)).extracting(line -> line.split(" ")[0]).containsExactly(
                "customer_verification_document_uploaded", "customer_verification_document_failed",
                "customer_reverification_needed");
        assertThat(printed.subList(3, 5)).containsExactly("reviewed rejected ScanDobMismatch", "retry");
    }

    private static List<String> printedBy(Runnable run) {
        PrintStream original = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
