package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.ports.contract.TestFiles;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The owner routes as Dwolla's users call them; every request and answer follows the OpenAPI description. */
class OwnerRoutesTest {

    private DwollaTestServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        client = new TestClient(server);
        client.login();
    }

    @AfterEach
    void stop() {
        assertThat(server.openApiViolations()).as("every request and answer follows Dwolla's OpenAPI").isEmpty();
        server.close();
    }

    private TestClient.Answer post(String path, String json) {
        return client.send(client.authorized(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String created(TestClient.Answer answer, String collection) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        assertThat(location).startsWith(server.baseUrl() + "/" + collection + "/");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aPersonalCustomerNamedDocumentIsInDocumentStatusWithDwollasDocumentLinksAndMayUpload() {
        String id = created(post("/customers", DwollaBodies.personal("document")), "customers");

        TestClient.Answer read = client.get("/customers/" + id);

        assertThat(read.status()).isEqualTo(200);
        JsonNode customer = read.json();
        assertThat(customer.path("id").asText()).isEqualTo(id);
        assertThat(customer.path("status").asText()).isEqualTo("document");
        assertThat(customer.path("type").asText()).isEqualTo("personal");
        assertThat(customer.path("email").asText()).isEqualTo("jane@example.com");
        assertThat(customer.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        String documents = server.baseUrl() + "/customers/" + id + "/documents";
        assertThat(customer.path("_links").path("verify-with-document").path("href").asText()).isEqualTo(documents);
        assertThat(customer.path("_links").path("document-form").path("href").asText()).isEqualTo(documents);
        assertThat(customer.path("_links").path("self").path("href").asText())
                .isEqualTo(server.baseUrl() + "/customers/" + id);
        assertThat(Seeds.join(server.sandbox().owner(new CustomerId(id))).status()).isEqualTo(CustomerStatus.DOCUMENT);
        assertThat(client.upload("/customers/" + id + "/documents", "passport", "p.png", TestFiles.png()).status())
                .isEqualTo(201);
    }

    @Test
    void otherNamesGiveTheTestingGuidesStatusesAndAVerifiedCustomerHasNoDocumentLinks() {
        String verified = created(post("/customers", DwollaBodies.personal("Jane")), "customers");
        String retry = created(post("/customers", DwollaBodies.personal("retry")), "customers");
        String unverified = created(post("/customers",
                "{\"firstName\":\"document\",\"lastName\":\"Doe\",\"email\":\"u@example.com\"}"), "customers");

        JsonNode v = client.get("/customers/" + verified).json();
        assertThat(v.path("status").asText()).isEqualTo("verified");
        assertThat(v.path("_links").has("verify-with-document")).isFalse();
        assertThat(client.get("/customers/" + retry).json().path("status").asText()).isEqualTo("retry");
        JsonNode u = client.get("/customers/" + unverified).json();
        assertThat(u.path("type").asText()).isEqualTo("unverified");
        assertThat(u.path("status").asText()).isEqualTo("unverified");
    }

    @Test
    void aBusinessWhoseControllerIsNamedDocumentNeedsDocumentsAndItsBeneficialOwnerTooByName() {
        String business = created(post("/customers", DwollaBodies.business("document")), "customers");
        JsonNode customer = client.get("/customers/" + business).json();
        assertThat(customer.path("status").asText()).isEqualTo("document");
        assertThat(customer.path("_links").has("verify-with-document")).isTrue();

        String owner = created(post("/customers/" + business + "/beneficial-owners",
                DwollaBodies.owner("document")), "beneficial-owners");
        TestClient.Answer read = client.get("/beneficial-owners/" + owner);

        assertThat(read.status()).isEqualTo(200);
        JsonNode o = read.json();
        assertThat(o.path("verificationStatus").asText()).isEqualTo("document");
        assertThat(o.path("firstName").asText()).isEqualTo("document");
        assertThat(o.path("address").path("city").asText()).isEqualTo("Des Moines");
        assertThat(o.path("_links").path("verify-with-document").path("href").asText())
                .isEqualTo(server.baseUrl() + "/beneficial-owners/" + owner + "/documents");
        assertThat(Seeds.join(server.sandbox().owner(new BeneficialOwnerId(owner))).status())
                .isEqualTo(BeneficialOwnerStatus.DOCUMENT);
        assertThat(client.upload("/beneficial-owners/" + owner.toUpperCase(java.util.Locale.ROOT) + "/documents",
                "license", "l.png", TestFiles.png()).status()).isEqualTo(201);
        String verifiedOwner = created(post("/customers/" + business + "/beneficial-owners",
                DwollaBodies.owner("John")), "beneficial-owners");
        assertThat(client.get("/beneficial-owners/" + verifiedOwner).json().path("verificationStatus").asText())
                .isEqualTo("verified");
    }

    @Test
    void missingFieldsAreAValidationErrorNamingEachPath() {
        TestClient.Answer answer = post("/customers", "{\"firstName\":\"document\",\"type\":\"personal\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("ValidationError");
        assertThat(answer.json().path("_embedded").path("errors").findValuesAsText("path"))
                .contains("/lastName", "/email", "/address1", "/city", "/state", "/postalCode", "/dateOfBirth");
        assertThat(answer.json().path("_embedded").path("errors").get(0).path("message").asText())
                .isEqualTo("LastName required.");
        server.clearOpenApiViolations(); // the refused request broke the description, as it should

        TestClient.Answer owner = post("/customers/" + created(post("/customers", DwollaBodies.business("x")),
                "customers") + "/beneficial-owners", "{\"firstName\":\"document\",\"lastName\":\"Owner\"," 
                + "\"address\":{\"address1\":\"1 St\"}}");
        assertThat(owner.status()).isEqualTo(400);
        assertThat(owner.json().path("_embedded").path("errors").findValuesAsText("path"))
                .containsExactly("/address/city", "/address/stateProvinceRegion", "/address/country");
        server.clearOpenApiViolations();
        assertThat(post("/customers", "{\"firstName\":\"a\",\"lastName\":\"b\",\"email\":\"e\",\"type\":\"other\"}")
                .json().path("_embedded").path("errors").findValuesAsText("path")).containsExactly("/type");
        server.clearOpenApiViolations();
    }

    @Test
    void brokenJsonIsABadRequestAndNothingIsCreated() {
        TestClient.Answer answer = post("/customers", "{\"firstName\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("BadRequest");
        server.clearOpenApiViolations();
    }

    @Test
    void unknownOwnersAreNotFoundAndATokenIsRequired() {
        TestClient.Answer customer = client.get("/customers/11fe0bab-39bd-42ee-bb39-275afcc050d0");
        TestClient.Answer owner = client.get("/beneficial-owners/nobody");
        TestClient.Answer create = post("/customers/nobody/beneficial-owners", DwollaBodies.owner("document"));
        for (TestClient.Answer answer : new TestClient.Answer[] {customer, owner, create}) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("NotFound");
            assertThat(answer.json().path("message").asText()).isEqualTo("The requested resource was not found.");
        }
        client.useToken(null);
        TestClient.Answer anonymous = post("/customers", DwollaBodies.personal("document"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("InvalidCredentials");
        assertThat(server.journal().of(Route.CREATE_CUSTOMER)).hasSize(1);
        server.clearOpenApiViolations(); // the anonymous request broke the description (bearerAuth)
    }

    @Test
    void theOwnerRoutesAreJournaledAndFaultedLikeTheOthers() {
        server.faults().on(Route.CREATE_CUSTOMER, Fault.status(503), 1);

        TestClient.Answer faulted = post("/customers", DwollaBodies.personal("document"));
        TestClient.Answer next = post("/customers", DwollaBodies.personal("document"));

        assertThat(faulted.status()).isEqualTo(503);
        assertThat(next.status()).isEqualTo(201);
        assertThat(server.journal().of(Route.CREATE_CUSTOMER)).extracting(RecordedRequest::status)
                .containsExactly(503, 201);
        assertThat(client.get(next.header("Location").substring(server.baseUrl().length())).status()).isEqualTo(200);
        assertThat(server.journal().of(Route.GET_CUSTOMER)).hasSize(1);
    }

    @Test
    void aCustomerSeededThroughTheSandboxIsReadableToo() {
        String id = Seeds.customerAwaitingDocuments(server);

        JsonNode customer = client.get("/customers/" + id).json();

        assertThat(customer.path("status").asText()).isEqualTo("document");
        assertThat(customer.path("_links").has("verify-with-document")).isTrue();
    }
}
