package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.domain.UsesJackson;
import org.junit.jupiter.api.Test;

/** Vert.x, Jackson, gRPC/protobuf, Resilience4j, Micrometer and Netty stay out of the domain and the ports. */
class DomainAndPortsUseNoFrameworkTest {

    @Test
    void docverifysDomainAndPortsUseNoFramework() {
        Hexagon.DOCVERIFY.domainAndPortsUseNone(Hexagon.FRAMEWORKS).check(ImportedClasses.production());
    }

    @Test
    void aDomainClassThatUsesJacksonBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.domainAndPortsUseNone(Hexagon.FRAMEWORKS)
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesJackson.class.getName())
                .hasMessageContaining("com.fasterxml.jackson");
    }
}
