package io.docverify.dwollaserver;

/**
 * The JSON bodies of {@code POST /customers} and {@code POST /customers/{id}/beneficial-owners} that the owner tests
 * send, after Dwolla's own samples. The first name picks the sandbox status the owner gets ({@code document},
 * {@code retry}, any other name: verified).
 */
final class DwollaBodies {
    private static final String PERSONAL = """
            {"firstName":"%s","lastName":"Doe","email":"jane@example.com","type":"personal","address1":"99-99 33rd St",
             "city":"Some City","state":"NY","postalCode":"11101","dateOfBirth":"1970-01-01","ssn":"1234"}""";
    private static final String BUSINESS = """
            {"firstName":"Account","lastName":"Admin","email":"admin@example.com","type":"business",
             "businessName":"Jane Corp","businessType":"llc",
             "businessClassification":"9ed3f670-7d6f-11e3-b1ce-5404a6144203",
             "ein":"00-0000000","address1":"99-99 33rd St","city":"Some City","state":"NY","postalCode":"11101",
             "controller":{"firstName":"%s","lastName":"Controller","title":"CEO","dateOfBirth":"1980-01-31",
             "ssn":"1234","address":{"address1":"1749 18th st","city":"Des Moines","stateProvinceRegion":"IA",
             "postalCode":"50266","country":"US"}}}""";
    private static final String OWNER = """
            {"firstName":"%s","lastName":"Owner","ssn":"123-54-6789","dateOfBirth":"1963-11-11",
             "address":{"address1":"123 Corrected St.","city":"Des Moines","stateProvinceRegion":"IA",
             "country":"US","postalCode":"50309"}}""";

    private DwollaBodies() {
    }

    /** A personal customer, Jane Doe, with this first name. */
    static String personal(String firstName) {
        return PERSONAL.formatted(firstName);
    }

    /** A business customer (an LLC) whose controller has this first name. */
    static String business(String controllerFirstName) {
        return BUSINESS.formatted(controllerFirstName);
    }

    /** A beneficial owner with this first name. */
    static String owner(String firstName) {
        return OWNER.formatted(firstName);
    }
}
