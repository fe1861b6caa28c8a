package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTimeoutTest {

    @Test
    void theTimeoutTypesTheLibrariesRaiseAreTimeouts() {
        assertThat(Failures.isTimeout(new TimeoutException("resilience4j time limiter"))).isTrue();
        assertThat(Failures.isTimeout(new NoStackTraceTimeoutException("vert.x request timeout"))).isTrue();
        assertThat(Failures.isTimeout(new SocketTimeoutException("jdk"))).isTrue();
        assertThat(Failures.isTimeout(new ConnectTimeoutException("netty connect"))).isTrue();
        assertThat(Failures.isTimeout(ReadTimeoutException.INSTANCE)).isTrue();
        assertThat(Failures.isTimeout(WriteTimeoutException.INSTANCE)).isTrue();
    }

    @Test
    void aClassNamedLikeATimeoutIsNotATimeoutByName() {
        class FakeTimeoutException extends RuntimeException {
        }
        assertThat(Failures.isTimeout(new FakeTimeoutException())).isFalse();
        assertThat(Failures.isTimeout(new ConnectException("refused"))).isFalse();
    }
}
