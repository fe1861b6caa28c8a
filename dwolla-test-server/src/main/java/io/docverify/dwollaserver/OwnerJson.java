package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The HAL bodies of a customer and a beneficial owner, as Dwolla's guides show them: {@code _links.self}, and in
 * {@code document} status the links that say documents are needed ({@code verify-with-document}, or for a business
 * whose business name asked for them {@code verify-business-with-document}, and {@code document-form} on a
 * customer), all pointing at the owner's {@code /documents}.
 */
final class OwnerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String HAL_FORMS =
            DwollaJson.HAL_JSON + "; profile=\"https://github.com/dwolla/hal-forms\"";

    private OwnerJson() {
    }

    static String customer(String baseUrl, Customer customer, OwnerProfiles.Profile profile) {
        String self = baseUrl + "/customers/" + customer.id().value();
        ObjectNode links = MAPPER.createObjectNode();
        links.set("self", link(self, DwollaJson.HAL_JSON, "customer"));
        if (customer.status() == CustomerStatus.DOCUMENT && customer.type().isVerifiedType()) {
            links.set("document-form", link(self + "/documents", HAL_FORMS, "document"));
            links.set(customer.type() == CustomerType.BUSINESS && profile.businessNamed()
                    ? "verify-business-with-document" : "verify-with-document",
                    link(self + "/documents", DwollaJson.HAL_JSON, "document"));
        }
        if (customer.type() == CustomerType.BUSINESS) {
            links.set("beneficial-owners", link(self + "/beneficial-owners", DwollaJson.HAL_JSON, "beneficial-owner"));
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.set("_links", links);
        root.put("id", customer.id().value());
        root.setAll(profile.fields());
        root.put("type", customer.type().wire());
        root.put("status", customer.status().wire());
        root.put("created", CREATED.format(profile.created()));
        return root.toString();
    }

    static String beneficialOwner(String baseUrl, BeneficialOwner owner, OwnerProfiles.Profile profile) {
        String self = baseUrl + "/beneficial-owners/" + owner.id().value();
        ObjectNode links = MAPPER.createObjectNode();
        links.set("self", link(self, DwollaJson.HAL_JSON, "beneficial-owner"));
        if (owner.status() == BeneficialOwnerStatus.DOCUMENT) {
            links.set("verify-with-document", link(self + "/documents", DwollaJson.HAL_JSON, "document"));
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.set("_links", links);
        root.put("id", owner.id().value());
        root.setAll(profile.fields());
        root.put("verificationStatus", owner.status().wire());
        root.put("created", CREATED.format(profile.created()));
        return root.toString();
    }

    static ObjectNode placeholderCustomer() {
        return MAPPER.createObjectNode().put("firstName", "Jane").put("lastName", "Doe")
                .put("email", "jane.doe@example.com");
    }

    static ObjectNode placeholderBeneficialOwner() {
        ObjectNode node = MAPPER.createObjectNode().put("firstName", "John").put("lastName", "Doe");
        node.putObject("address").put("address1", "462 Main Street").put("city", "Des Moines")
                .put("stateProvinceRegion", "IA").put("country", "US");
        return node;
    }

    private static ObjectNode link(String href, String type, String resourceType) {
        return MAPPER.createObjectNode().put("href", href).put("type", type).put("resource-type", resourceType);
    }
}
