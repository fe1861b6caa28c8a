package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.ports.out.NameStore;
import io.docverify.archfixture.ports.out.UsesAnInboundPort;
import org.junit.jupiter.api.Test;

/**
 * The outbound ports ({@code io.docverify.ports.out}) are stated in their own types: they use no inbound-port type
 * and no application service.
 */
class OutboundPortsUseNoInboundPortTest {

    @Test
    void docverifysOutboundPortsUseNoInboundPortAndNoApplicationService() {
        Hexagon.DOCVERIFY.outboundPortsUseNoInboundPortOrApplication().check(ImportedClasses.production());
    }

    @Test
    void anOutboundPortStatedInAnInboundPortsTypesBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.outboundPortsUseNoInboundPortOrApplication()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesAnInboundPort.class.getName())
                .hasMessageNotContaining(NameStore.class.getName());
    }
}
