package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InterleavedTest {

    @Test
    void slicesAlternateABBASoThatALinearDriftFavoursNeitherSide() {
        List<Impl> sides = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sides.add(Interleaved.sideOf(i, Impl.BARE));
        }
        assertThat(sides).containsExactly(Impl.BARE, Impl.DOCVERIFY, Impl.DOCVERIFY, Impl.BARE,
                Impl.BARE, Impl.DOCVERIFY, Impl.DOCVERIFY, Impl.BARE);
        assertThat(Interleaved.sideOf(0, Impl.DOCVERIFY)).isEqualTo(Impl.DOCVERIFY);
        assertThat(Interleaved.sideOf(1, Impl.DOCVERIFY)).isEqualTo(Impl.BARE);
    }

    @Test
    void everyCallIsCountedForTheSideItRanOn() throws Exception {
        AtomicLong bare = new AtomicLong();
        AtomicLong docverify = new AtomicLong();
        var result = new Interleaved().run(side -> {
            (side == Impl.BARE ? bare : docverify).incrementAndGet();
            Thread.sleep(1);
        }, 2, 30, 0, 4, Impl.BARE);
        // No warm-up slice: every call was measured, on the side that made it.
        assertThat(result.get(Impl.BARE).calls()).isEqualTo(bare.get()).isPositive();
        assertThat(result.get(Impl.DOCVERIFY).calls()).isEqualTo(docverify.get()).isPositive();
        assertThat(result.get(Impl.BARE).nanos()).isPositive();
        assertThat(result.get(Impl.DOCVERIFY).nanos()).isPositive();
    }

    @Test
    void warmUpSlicesAreNotCounted() throws Exception {
        AtomicLong all = new AtomicLong();
        var result = new Interleaved().run(side -> {
            all.incrementAndGet();
            Thread.sleep(1);
        }, 1, 30, 2, 2, Impl.BARE);
        long measured = result.get(Impl.BARE).calls() + result.get(Impl.DOCVERIFY).calls();
        assertThat(measured).isPositive().isLessThan(all.get());
    }

    @Test
    void aFailingCallFailsTheRun() {
        assertThatThrownBy(() -> new Interleaved().run(side -> {
            throw new IllegalStateException("boom");
        }, 1, 10, 0, 2, Impl.BARE)).hasMessageContaining("calls failed");
    }
}
