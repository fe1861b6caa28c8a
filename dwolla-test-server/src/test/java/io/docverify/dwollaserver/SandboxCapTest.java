package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.ports.contract.TestFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sandbox's one cap on owners and documents over HTTP (3 owners, 2 documents here): the owner or document beyond
 * it is {@code 400 MaxNumberOfResources} in Dwolla's error shape, nothing is stored, the others still work.
 */
class SandboxCapTest {
    private static final String PERSONAL = """
            {"firstName":"document","lastName":"Doe","email":"jane@example.com","type":"personal",
             "address1":"99-99 33rd St","city":"Some City","state":"NY","postalCode":"11101",
             "dateOfBirth":"1970-01-01","ssn":"1234"}""";
    private static final String OWNER = """
            {"firstName":"document","lastName":"Owner","ssn":"123-54-6789","dateOfBirth":"1963-11-11",
             "address":{"address1":"123 Corrected St.","city":"Des Moines","stateProvinceRegion":"IA",
             "country":"US","postalCode":"50309"}}""";

    @RegisterExtension
    final RunningServer running = new RunningServer(b -> b.backend(InMemoryConfig.DEFAULTS.withMaxOwners(3)
            .withMaxDocuments(2)));

    private String created(TestClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void assertCapRefusal(TestClient.Answer answer, String what) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("MaxNumberOfResources");
        assertThat(answer.json().path("message").asText()).contains(what);
    }

    @Test
    void theFourthOwnerIsRefusedWhetherCustomerOrBeneficialOwnerAndNothingIsStored() {
        String first = created(running.post("/customers", PERSONAL));
        created(running.post("/customers", PERSONAL));
        created(running.post("/customers/" + first + "/beneficial-owners", OWNER));

        assertCapRefusal(running.post("/customers", PERSONAL), "owners");
        assertCapRefusal(running.post("/customers/" + first + "/beneficial-owners", OWNER), "owners");

        assertThat(running.server().control().owners()).hasSize(3);
        // The owners already there still work.
        TestClient.Answer read = running.get("/customers/" + first);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("status").asText()).isEqualTo("document");
        assertThat(running.client().upload("/customers/" + first + "/documents", "passport", "id.png",
                TestFiles.png()).status()).isEqualTo(201);
    }

    @Test
    void theThirdDocumentIsRefusedAndTheFirstTwoStayReadable() {
        String customer = created(running.post("/customers", PERSONAL));
        TestClient client = running.client();
        String one = created(client.upload("/customers/" + customer + "/documents", "passport", "a.png",
                TestFiles.png(2000)));
        created(client.upload("/customers/" + customer + "/documents", "license", "b.png", TestFiles.png(2001)));

        assertCapRefusal(client.upload("/customers/" + customer + "/documents", "idCard", "c.png",
                TestFiles.png(2002)), "documents");

        assertThat(Seeds.customerDocuments(running.server(), customer)).isEqualTo(2);
        assertThat(running.get("/documents/" + one).status()).isEqualTo(200);
        assertThat(running.get("/customers/" + customer + "/documents").json().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void seedingBeyondTheCapRefusesToStart() {
        assertThatThrownBy(() -> DwollaServerMain.start(new String[] {"--no-openapi", "--max-owners", "1",
                "--customer", "c-1", "--customer", "c-2"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot seed owners")
                .hasMessageContaining("MaxNumberOfResources");
    }

    @Test
    void theCapsComeFromFlagsOverVariables() {
        var options = SandboxOptions.parse(new String[] {"--max-owners", "7"}, Map.of(
                "DWOLLA_SANDBOX_MAX_OWNERS", "5", "DWOLLA_SANDBOX_MAX_DOCUMENTS", "9"));
        assertThat(options.config().backend().maxOwners()).isEqualTo(7);
        assertThat(options.config().backend().maxDocuments()).isEqualTo(9);
        assertThat(SandboxOptions.parse(new String[0], Map.of()).config().backend())
                .extracting(InMemoryConfig::maxOwners, InMemoryConfig::maxDocuments).containsExactly(250_000, 1_000_000);
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--max-documents", "0"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-documents");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[0], Map.of("DWOLLA_SANDBOX_MAX_OWNERS", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DWOLLA_SANDBOX_MAX_OWNERS");
    }
}
