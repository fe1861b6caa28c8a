package io.docverify.domain;

/** The id of a beneficial owner of a business customer ({@code /beneficial-owners/{id}}). */
public record BeneficialOwnerId(String value) implements OwnerId {
    public BeneficialOwnerId {
        IdFormat.requireValid(value, "/beneficialOwnerId");
    }

    @Override
    public String kind() {
        return "beneficial-owner";
    }

    @Override
    public String toString() {
        return "beneficial owner " + value;
    }
}
