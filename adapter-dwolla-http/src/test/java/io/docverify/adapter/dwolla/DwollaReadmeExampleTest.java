package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.application.DocumentService;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentStatus;
import io.docverify.domain.DocumentType;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.sandbox.NewCustomer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Dwolla adapter: configuration and guarantees" example, against the test server. */
class DwollaReadmeExampleTest {

    @Test
    void theReadmeExampleUploadsAScanFromDisk(@TempDir Path dir) throws Exception {
        try (Harness harness = Harness.start()) {
            DwollaTestServer server = harness.server;
            Path scan = Files.write(dir.resolve("passport.jpg"), TestFiles.jpeg());
            String customerId = server.sandbox()
                    .createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))
                    .toCompletableFuture().join().id().value();
            var meterRegistry = new SimpleMeterRegistry();

            // As in the README, with the test server's URL for the sandbox (test only).
            DwollaConfig config = DwollaConfig.builder()
                    .baseUrl(server.baseUrl())
                    .key(Harness.KEY)
                    .secret(Harness.SECRET)
                    .maxAttempts(5)
                    .build();
            DwollaConfig fromEnvironment = DwollaConfig.fromEnvironment(Map.of("DWOLLA_BASE_URL", server.baseUrl(),
                    "DWOLLA_KEY", Harness.KEY, "DWOLLA_SECRET", Harness.SECRET));
            assertThat(fromEnvironment).isEqualTo(config);

            Document uploaded;
            try (var dwolla = DwollaDocumentProvider.create(config, meterRegistry)) {
                var documents = new DocumentService(dwolla);
                uploaded = documents.upload(UploadDocumentCommand
                        .of(new CustomerId(customerId), DocumentType.PASSPORT, FileUpload.ofPath("passport.jpg", scan)))
                        .toCompletableFuture().join();
            }

            assertThat(uploaded.status()).isEqualTo(DocumentStatus.PENDING);
            assertThat(uploaded.owner()).contains(new CustomerId(customerId));
            assertThat(server.backend().get(uploaded.id()).toCompletableFuture().join().type())
                    .isEqualTo(DocumentType.PASSPORT);
            assertThat(meterRegistry.get(DwollaMetrics.CALLS).tags("operation", "create", "outcome", "success")
                    .timer().count()).isEqualTo(1);
            assertThat(server.openApiViolations()).isEmpty();
        }
    }
}
