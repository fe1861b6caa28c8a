package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.ports.in.FindName;
import io.docverify.archfixture.ports.in.UsesAnApplicationService;
import org.junit.jupiter.api.Test;

/** The inbound ports ({@code io.docverify.ports.in}, {@code ports.sandbox}) know nothing of their implementations. */
class InboundPortsUseNoApplicationTest {

    @Test
    void docverifysInboundPortsUseNoApplicationService() {
        Hexagon.DOCVERIFY.inboundPortsUseNoApplication().check(ImportedClasses.production());
    }

    @Test
    void anInboundPortThatUsesAnApplicationServiceBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.inboundPortsUseNoApplication()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesAnApplicationService.class.getName())
                .hasMessageNotContaining(FindName.class.getName());
    }
}
