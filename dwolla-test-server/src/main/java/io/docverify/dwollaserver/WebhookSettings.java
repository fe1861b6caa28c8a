package io.docverify.dwollaserver;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the test server delivers webhooks; {@link #DWOLLA} is what Dwolla documents.
 *
 * @param timeout              how long a receiver has to answer 2xx (Dwolla: 10 s); later is a failure
 * @param retrySchedule        when a failed webhook is tried again, counted from its first attempt (Dwolla: 15 min,
 *                             1 h, 3 h, 6 h, 12 h, 24 h, 48 h, 72 h), on the server's clock
 * @param checkEvery           how often (real time) the server looks for retries that are due on its clock
 * @param maxInFlight          deliveries at once per subscription (Dwolla: 10); the rest wait their turn
 * @param pauseAfterFailures   consecutive failures after which a subscription is paused (Dwolla: 400) ...
 * @param pauseWithoutSuccess  ... once it has also had no success for this long (Dwolla: 24 h)
 * @param maxResponseBodyBytes how much of a receiver's answer is kept in the attempt (the rest is dropped unread)
 */
public record WebhookSettings(Duration timeout, List<Duration> retrySchedule, Duration checkEvery, int maxInFlight,
        int pauseAfterFailures, Duration pauseWithoutSuccess, int maxResponseBodyBytes) {
    /** Dwolla's documented delivery, checked for due retries every 200 ms. */
    public static final WebhookSettings DWOLLA = new WebhookSettings(Duration.ofSeconds(10),
            List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
                    Duration.ofHours(12), Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(72)),
            Duration.ofMillis(200), 10, 400, Duration.ofHours(24), 4 * 1024);

    public WebhookSettings {
        Objects.requireNonNull(timeout, "timeout");
        retrySchedule = List.copyOf(retrySchedule);
        Objects.requireNonNull(checkEvery, "checkEvery");
        Objects.requireNonNull(pauseWithoutSuccess, "pauseWithoutSuccess");
        if (timeout.toMillis() < 1 || checkEvery.toMillis() < 1 || maxInFlight < 1 || pauseAfterFailures < 1
                || pauseWithoutSuccess.isNegative() || maxResponseBodyBytes < 0) {
            throw new IllegalArgumentException("webhook settings out of range");
        }
        for (int i = 0; i < retrySchedule.size(); i++) {
            Duration retry = retrySchedule.get(i);
            if (retry.isNegative() || i > 0 && retry.compareTo(retrySchedule.get(i - 1)) < 0) {
                throw new IllegalArgumentException("the retry schedule must be non-negative and ascending");
            }
        }
    }

    public WebhookSettings withTimeout(Duration value) {
        return new WebhookSettings(value, retrySchedule, checkEvery, maxInFlight, pauseAfterFailures,
                pauseWithoutSuccess, maxResponseBodyBytes);
    }

    public WebhookSettings withCheckEvery(Duration value) {
        return new WebhookSettings(timeout, retrySchedule, value, maxInFlight, pauseAfterFailures,
                pauseWithoutSuccess, maxResponseBodyBytes);
    }

    /** Pause after {@code failures} consecutive failures and {@code withoutSuccess} without a success. */
    public WebhookSettings withPause(int failures, Duration withoutSuccess) {
        return new WebhookSettings(timeout, retrySchedule, checkEvery, maxInFlight, failures, withoutSuccess,
                maxResponseBodyBytes);
    }
}
