package io.docverify.grpc.service;

import io.docverify.grpc.config.UploadGuardSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What guards the service's uploads, shared by every call: the slots and each key's share
 * ({@link UploadAdmission}), the limits of each call's clocks ({@link UploadPacing}), the one shared timer they run
 * on, and the counter of refusals ({@code docverify.uploads.refused}, tagged {@code reason} and {@code caller}, the
 * API key's name). {@link #open} gives each call its {@link UploadGuard}.
 */
public final class UploadGuards {
    /** The counter of refused or cut uploads. */
    public static final String REFUSED_METRIC = "docverify.uploads.refused";

    private final UploadAdmission admission;
    private final UploadPacing.Limits limits;
    private final ScheduledExecutorService timer;
    private final MeterRegistry registry;

    /**
     * @param timer         the shared timer the calls' clocks run on
     * @param uploadTimeout how long an upload may take from its start to its answer; zero: no limit
     * @param slots         uploads in progress at once
     * @param keys          how many API keys may upload (for the default share of one key)
     * @param settings      the other limits
     * @param registry      where refusals are counted
     */
    public UploadGuards(ScheduledExecutorService timer, Duration uploadTimeout, int slots, int keys,
            UploadGuardSettings settings, MeterRegistry registry) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.admission = new UploadAdmission(slots,
                settings.maxUploadsPerKey().orElse(UploadAdmission.defaultShare(slots, keys)));
        this.limits = new UploadPacing.Limits(settings.firstMessageTimeout(), settings.idleTimeout(),
                settings.minBytesPerSecond(), settings.minRateGrace(), settings.maxMessages(), uploadTimeout);
    }

    /** Uploads holding a slot now. */
    public int inProgress() {
        return admission.inUse();
    }

    /** Upload slots in all. */
    public int slots() {
        return admission.slots();
    }

    /** Slots one key may hold at once. */
    public int share() {
        return admission.share();
    }

    /**
     * The guard of a call that starts now, its clocks running; {@code onCut} runs (on the timer's thread) when a
     * time limit ends the call.
     */
    UploadGuard open(String caller, Consumer<UploadRefusal> onCut) {
        return new UploadGuard(this, caller, onCut);
    }

    UploadAdmission admission() {
        return admission;
    }

    UploadPacing pacing(Consumer<UploadRefusal> onCut) {
        return new UploadPacing(limits, timer, System::nanoTime, onCut);
    }

    void count(UploadRefusal refusal, String caller) {
        Counter.builder(REFUSED_METRIC)
                .description("Uploads refused or ended by an upload guard (slots, key share, time limits, rate, "
                        + "message bound)")
                .tag("reason", refusal.reason().tag()).tag("caller", caller)
                .register(registry).increment();
    }
}
