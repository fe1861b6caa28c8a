package io.docverify.grpc.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README shows the service config the jar ships, not another one. */
class PublishedServiceConfigTest {

    @Test
    void theReadmesServiceConfigIsTheShippedOne() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        var block = Pattern.compile("```json\\n(\\{\\s*\"methodConfig\".*?)```", Pattern.DOTALL).matcher(readme);

        assertThat(block.find()).as("a json block with methodConfig in README.md").isTrue();
        assertThat(new Gson().fromJson(block.group(1), Map.class))
                .isEqualTo(ServiceConfigRetryTest.publishedServiceConfig());
    }
}
