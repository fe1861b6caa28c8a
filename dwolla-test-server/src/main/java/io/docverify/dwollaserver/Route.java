package io.docverify.dwollaserver;

/** The routes the test server answers, as Dwolla names them. */
public enum Route {
    /** {@code POST /token}: OAuth 2 client credentials. */
    TOKEN("POST", "/token"),
    /** {@code GET /events}: the events, newest first. */
    LIST_EVENTS("GET", "/events"),
    /** {@code GET /events/{id}}. */
    GET_EVENT("GET", "/events/{id}"),
    /** {@code POST /webhook-subscriptions}. */
    CREATE_WEBHOOK_SUBSCRIPTION("POST", "/webhook-subscriptions"),
    /** {@code GET /webhook-subscriptions}. */
    LIST_WEBHOOK_SUBSCRIPTIONS("GET", "/webhook-subscriptions"),
    /** {@code GET /webhook-subscriptions/{id}}. */
    GET_WEBHOOK_SUBSCRIPTION("GET", "/webhook-subscriptions/{id}"),
    /** {@code POST /webhook-subscriptions/{id}}: pause or unpause. */
    UPDATE_WEBHOOK_SUBSCRIPTION("POST", "/webhook-subscriptions/{id}"),
    /** {@code DELETE /webhook-subscriptions/{id}}. */
    DELETE_WEBHOOK_SUBSCRIPTION("DELETE", "/webhook-subscriptions/{id}"),
    /** {@code GET /webhook-subscriptions/{id}/webhooks}. */
    LIST_WEBHOOKS("GET", "/webhook-subscriptions/{id}/webhooks"),
    /** {@code GET /webhooks/{id}}. */
    GET_WEBHOOK("GET", "/webhooks/{id}"),
    /** {@code GET /webhooks/{id}/retries}. */
    LIST_WEBHOOK_RETRIES("GET", "/webhooks/{id}/retries"),
    /** {@code POST /webhooks/{id}/retries}: send the webhook again. */
    RETRY_WEBHOOK("POST", "/webhooks/{id}/retries"),
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
    /** {@code POST /customers}: a customer, as Dwolla's users make one (the sandbox's owners). */
    CREATE_CUSTOMER("POST", "/customers"),
    /** {@code GET /customers/{id}}. */
    GET_CUSTOMER("GET", "/customers/{id}"),
    /** {@code POST /customers/{id}/beneficial-owners}. */
    CREATE_BENEFICIAL_OWNER("POST", "/customers/{id}/beneficial-owners"),
    /** {@code GET /beneficial-owners/{id}}. */
    GET_BENEFICIAL_OWNER("GET", "/beneficial-owners/{id}"),
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

    /** True for the routes whose form or JSON body is read before the request is checked against the description. */
    public boolean readsBodyFirst() {
        return this == TOKEN || this == CREATE_CUSTOMER || this == CREATE_BENEFICIAL_OWNER
                || this == CREATE_WEBHOOK_SUBSCRIPTION || this == UPDATE_WEBHOOK_SUBSCRIPTION;
    }

    /** True for the two multipart uploads. */
    public boolean isCreate() {
        return this == CREATE_CUSTOMER_DOCUMENT || this == CREATE_BENEFICIAL_OWNER_DOCUMENT;
    }
}
