package io.docverify.domain;

/** The id of a Dwolla customer ({@code /customers/{id}}). */
public record CustomerId(String value) implements OwnerId {
    public CustomerId {
        IdFormat.requireValid(value, "/customerId");
    }

    @Override
    public String kind() {
        return "customer";
    }

    @Override
    public String toString() {
        return "customer " + value;
    }
}
