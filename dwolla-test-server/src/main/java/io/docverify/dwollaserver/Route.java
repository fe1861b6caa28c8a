package io.docverify.dwollaserver;

/** The routes the test server answers, as Dwolla names them. */
public enum Route {
    /** {@code POST /token}: OAuth 2 client credentials. */
    TOKEN("POST", "/token"),
    /** {@code POST /customers/{id}/documents}. */
    CREATE_CUSTOMER_DOCUMENT("POST", "/customers/{id}/documents"),
    /** {@code POST /beneficial-owners/{id}/documents}. */
    CREATE_BENEFICIAL_OWNER_DOCUMENT("POST", "/beneficial-owners/{id}/documents"),
    /** {@code GET /customers/{id}/documents}. */
    LIST_CUSTOMER_DOCUMENTS("GET", "/customers/{id}/documents"),
    /** {@code GET /beneficial-owners/{id}/documents}. */
    LIST_BENEFICIAL_OWNER_DOCUMENTS("GET", "/beneficial-owners/{id}/documents"),
    /** {@code GET /documents/{id}}. */
    GET_DOCUMENT("GET", "/documents/{id}"),
    /** {@code GET /events}: the events, newest first. */
    LIST_EVENTS("GET", "/events"),
    /** {@code GET /events/{id}}. */
    GET_EVENT("GET", "/events/{id}"),
    /** Any other method or path (answered 404 or 405 like Dwolla); journaled, never faulted. */
    OTHER("*", "*");

    private final String method;
    private final String template;

    Route(String method, String template) {
        this.method = method;
        this.template = template;
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The path template as the OpenAPI description writes it. */
    public String template() {
        return template;
    }

    /** True for the two multipart uploads. */
    public boolean isCreate() {
        return this == CREATE_CUSTOMER_DOCUMENT || this == CREATE_BENEFICIAL_OWNER_DOCUMENT;
    }
}
