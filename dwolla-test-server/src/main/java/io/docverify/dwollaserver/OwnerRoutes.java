package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Owners made the way Dwolla's users make them: {@code POST /customers} (Dwolla's request body; the testing guide's
 * names choose the status, e.g. {@code firstName} {@code document}), {@code GET /customers/{id}},
 * {@code POST /customers/{id}/beneficial-owners}, {@code GET /beneficial-owners/{id}}. Only the fields the documents
 * flow needs are checked and echoed; every refusal is in Dwolla's error shape ({@code ValidationError} with
 * {@code _embedded.errors[].path}, {@code 400 BadRequest}, {@code 404 NotFound}).
 */
final class OwnerRoutes {
    /** How long a JSON request body may be. */
    static final int MAX_JSON_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> ECHOED_CUSTOMER_FIELDS = List.of("firstName", "lastName", "email",
            "businessName", "businessType", "address1", "address2", "city", "state", "postalCode", "phone");
    private static final List<String> ADDRESS_FIELDS = List.of("address1", "city", "stateProvinceRegion", "country");

    private final Handlers handlers;
    private final InMemoryDwolla backend;
    private final DwollaJson json;
    private final OwnerProfiles profiles;
    private final java.util.function.Supplier<String> baseUrl;

    OwnerRoutes(Handlers handlers, InMemoryDwolla backend, DwollaJson json, OwnerProfiles profiles,
            java.util.function.Supplier<String> baseUrl) {
        this.handlers = handlers;
        this.backend = backend;
        this.json = json;
        this.profiles = profiles;
        this.baseUrl = baseUrl;
    }

    // ------------------------------------------------------------------ customers

    void createCustomer(RoutingContext ctx) {
        withJsonBody(ctx, (ex, body) -> {
            List<FieldError> errors = new ArrayList<>();
            require(body, List.of("firstName", "lastName", "email"), "", errors);
            Optional<CustomerType> type = customerType(body, errors);
            type.filter(t -> t == CustomerType.PERSONAL).ifPresent(t -> require(body,
                    List.of("address1", "city", "state", "postalCode", "dateOfBirth"), "", errors));
            type.filter(t -> t == CustomerType.BUSINESS).ifPresent(t -> require(body,
                    List.of("businessName", "address1", "city", "state", "postalCode"), "", errors));
            if (!errors.isEmpty() || type.isEmpty()) {
                ex.error(json, validation(errors));
                return;
            }
            String controllerName = text(body.path("controller"), "firstName").orElse(text(body, "firstName")
                    .orElse(""));
            var request = new NewCustomer(Optional.empty(), type.get(), controllerName, text(body, "lastName")
                    .orElse(""), text(body, "businessName"), Optional.empty());
            answer(ex, backend.createCustomer(request), customer -> {
                boolean businessNamed = customer.status() == CustomerStatus.DOCUMENT
                        && !"document".equalsIgnoreCase(controllerName.trim());
                profiles.put(customer.id().value(), echoed(body, ECHOED_CUSTOMER_FIELDS), businessNamed);
                ex.respond(201, null, "", Map.of("Location", baseUrl.get() + "/customers/" + customer.id().value()));
            });
        });
    }

    void getCustomer(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (!handlers.admitted(ex)) {
            return;
        }
        Optional<OwnerId> id = ownerId(ctx, CustomerId::new);
        if (id.isEmpty()) {
            ex.error(json, Handlers.resourceNotFound());
            return;
        }
        answer(ex, backend.owner(id.get()), owner -> ex.respond(200, DwollaJson.HAL_JSON, OwnerJson.customer(
                baseUrl.get(), (Customer) owner, profiles.get(id.get().value(), OwnerJson::placeholderCustomer)),
                Map.of()));
    }

    // ------------------------------------------------------------------ beneficial owners

    void createBeneficialOwner(RoutingContext ctx) {
        withJsonBody(ctx, (ex, body) -> {
            Optional<OwnerId> customer = ownerId(ctx, CustomerId::new);
            if (customer.isEmpty()) {
                ex.error(json, Handlers.resourceNotFound());
                return;
            }
            answer(ex, backend.owner(customer.get()), found -> {
                List<FieldError> errors = new ArrayList<>();
                require(body, List.of("firstName", "lastName"), "", errors);
                if (!body.path("address").isObject()) {
                    errors.add(new FieldError(FieldError.REQUIRED, "Address required.", "/address"));
                } else {
                    require(body.path("address"), ADDRESS_FIELDS, "/address", errors);
                }
                if (!errors.isEmpty()) {
                    ex.error(json, validation(errors));
                    return;
                }
                var request = new NewBeneficialOwner(Optional.empty(), text(body, "firstName").orElse(""),
                        text(body, "lastName").orElse(""), Optional.empty());
                answer(ex, backend.createBeneficialOwner(request), owner -> {
                    ObjectNode fields = echoed(body, List.of("firstName", "lastName"));
                    fields.set("address", echoed(body.path("address"), List.of("address1", "address2", "address3",
                            "city", "postalCode", "stateProvinceRegion", "country")));
                    profiles.put(owner.id().value(), fields, false);
                    ex.respond(201, null, "", Map.of("Location",
                            baseUrl.get() + "/beneficial-owners/" + owner.id().value()));
                });
            });
        });
    }

    void getBeneficialOwner(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (!handlers.admitted(ex)) {
            return;
        }
        Optional<OwnerId> id = ownerId(ctx, BeneficialOwnerId::new);
        if (id.isEmpty()) {
            ex.error(json, Handlers.resourceNotFound());
            return;
        }
        answer(ex, backend.owner(id.get()), owner -> ex.respond(200, DwollaJson.HAL_JSON, OwnerJson.beneficialOwner(
                baseUrl.get(), (BeneficialOwner) owner,
                profiles.get(id.get().value(), OwnerJson::placeholderBeneficialOwner)), Map.of()));
    }

    // ------------------------------------------------------------------ shared

    /** Reads a JSON object body of at most {@link #MAX_JSON_BYTES} (see {@link JsonObjectBody}), then hands it on. */
    private void withJsonBody(RoutingContext ctx, java.util.function.BiConsumer<Exchange, JsonNode> then) {
        JsonObjectBody.read(ctx, handlers, json, MAX_JSON_BYTES, then);
    }

    private <T> void answer(Exchange ex, CompletionStage<T> stage, Consumer<T> onSuccess) {
        stage.whenComplete((value, failure) -> Handlers.onContext(ex, () -> {
            if (failure == null) {
                onSuccess.accept(value);
                return;
            }
            DocumentError error = Handlers.errorOf(failure);
            ex.error(json, error.code() == ErrorCode.NOT_FOUND ? Handlers.resourceNotFound() : error);
        }));
    }

    private static Optional<OwnerId> ownerId(RoutingContext ctx, java.util.function.Function<String, OwnerId> of) {
        try {
            return Optional.of(of.apply(SandboxIds.canonical(ctx.pathParam("id"))));
        } catch (DocumentException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<CustomerType> customerType(JsonNode body, List<FieldError> errors) {
        JsonNode type = body.path("type");
        if (type.isMissingNode() || type.isNull()) {
            return Optional.of(CustomerType.UNVERIFIED);
        }
        String wire = type.isTextual() ? type.asText().trim().toLowerCase(Locale.ROOT) : "";
        for (CustomerType candidate : CustomerType.values()) {
            if (candidate.wire().equals(wire)) {
                return Optional.of(candidate);
            }
        }
        errors.add(new FieldError(FieldError.INVALID, "Type is invalid.", "/type"));
        return Optional.empty();
    }

    /** Dwolla's words: {@code {"code":"Required","message":"FirstName required.","path":"/firstName"}}. */
    private static void require(JsonNode body, List<String> names, String prefix, List<FieldError> errors) {
        for (String name : names) {
            JsonNode value = body.path(name);
            String label = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                errors.add(new FieldError(FieldError.REQUIRED, label + " required.", prefix + "/" + name));
            } else if (!value.isTextual()) {
                errors.add(new FieldError(FieldError.INVALID, label + " is invalid.", prefix + "/" + name));
            }
        }
    }

    private static DocumentError validation(List<FieldError> errors) {
        return new DocumentError(ErrorCode.VALIDATION_ERROR, ErrorCode.VALIDATION_ERROR.wire(),
                "Validation error(s) present. See embedded errors list for more details.", errors, Optional.empty());
    }

    private static Optional<String> text(JsonNode body, String name) {
        JsonNode value = body.path(name);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static ObjectNode echoed(JsonNode body, List<String> names) {
        ObjectNode out = MAPPER.createObjectNode();
        for (String name : names) {
            text(body, name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }
}
