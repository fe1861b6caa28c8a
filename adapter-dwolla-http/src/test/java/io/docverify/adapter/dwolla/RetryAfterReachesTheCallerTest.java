package io.docverify.adapter.dwolla;

import static io.docverify.adapter.dwolla.FaultMatrixTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.dwollaserver.Fault;
import io.docverify.dwollaserver.Route;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dwolla's {@code Retry-After} travels on the caller's {@link io.docverify.domain.error.DocumentError}. */
class RetryAfterReachesTheCallerTest {
    private Harness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void a429sRetryAfterIsTheErrorsRetryDelay() {
        harness = Harness.start(b -> b.maxAttempts(1)).warm();
        CustomerId customer = harness.customer();
        harness.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.tooManyRequests(Duration.ofSeconds(2)), 1);

        DocumentException refusal = refusal(harness.provider.list(customer));

        assertThat(refusal.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(refusal.error().retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanACallMayWaitIsPassedOnAsDwollaSaidIt() {
        harness = Harness.start().warm(); // maxRetryAfter 3 s: the adapter gives up at once
        CustomerId customer = harness.customer();
        harness.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.tooManyRequests(Duration.ofSeconds(300)), 1);

        DocumentException refusal = refusal(harness.provider.list(customer));

        assertThat(refusal.error().retryAfter()).contains(Duration.ofSeconds(300));
        assertThat(harness.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(1);
    }

    @Test
    void anErrorWithoutRetryAfterHasNoRetryDelay() {
        harness = Harness.start(b -> b.maxAttempts(1)).warm();
        CustomerId customer = harness.customer();
        harness.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.status(500), 1);

        DocumentException refusal = refusal(harness.provider.list(customer));

        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(refusal.error().retryAfter()).isEmpty();
    }
}
