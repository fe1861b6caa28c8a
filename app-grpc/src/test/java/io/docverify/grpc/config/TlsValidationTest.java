package io.docverify.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.grpc.TestServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS material that cannot work is a configuration error naming its setting, found before the server starts: a
 * key that does not belong to the certificate, a PKCS#1 key, files that are not PEM. The good material is the
 * test-only set in src/test/resources/tls; the bad variants are made from it here.
 */
class TlsValidationTest {
    @TempDir
    Path dir;

    private static Path tls(String name) {
        try {
            return Path.of(TlsValidationTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> settings(Path cert, Path key) {
        var s = TestServer.settings();
        s.put("DOCVERIFY_TLS_CERT_FILE", cert.toString());
        s.put("DOCVERIFY_TLS_KEY_FILE", key.toString());
        return s;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PEM key, as 'BEGIN RSA PRIVATE KEY' PEM. */
    static String pkcs1(Path pkcs8Pem) throws IOException {
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(pkcs8Pem)
                .replaceAll("-----[A-Z ]+-----", ""));
        // PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm SEQUENCE, privateKey OCTET STRING }
        int[] at = {0};
        header(der, at); // outer SEQUENCE: step inside
        at[0] += skip(der, at[0]); // version
        at[0] += skip(der, at[0]); // algorithm
        int length = header(der, at); // OCTET STRING
        byte[] inner = Arrays.copyOfRange(der, at[0], at[0] + length);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(inner) + "\n-----END RSA PRIVATE KEY-----\n";
    }

    /** Reads a DER tag and length at at[0], leaves at[0] at the content; returns the content's length. */
    private static int header(byte[] der, int[] at) {
        int i = at[0] + 1;
        int first = der[i++] & 0xff;
        int length = first;
        if (first > 0x80) {
            length = 0;
            for (int n = first - 0x80; n > 0; n--) {
                length = (length << 8) | (der[i++] & 0xff);
            }
        }
        at[0] = i;
        return length;
    }

    private static int skip(byte[] der, int from) {
        int[] at = {from};
        int length = header(der, at);
        return at[0] - from + length;
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedNamingTheKeySetting() {
        assertThatThrownBy(() -> ConfigReader.read(settings(tls("server.pem"), tls("stranger.key"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_TLS_KEY_FILE")
                .hasMessageContaining("does not match the certificate");
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws IOException {
        Path key = write("server-pkcs1.key", pkcs1(tls("server.key")));
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThatThrownBy(() -> ConfigReader.read(settings(tls("server.pem"), key)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_TLS_KEY_FILE")
                .hasMessageContaining("PKCS#1")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aKeyFileThatIsNotPemIsRefusedNamingItsSetting() throws IOException {
        Path garbage = write("garbage.key", "this is not a key\n");
        Path badBase64 = write("bad.key", "-----BEGIN PRIVATE KEY-----\nnot*base64!\n-----END PRIVATE KEY-----\n");
        Path badDer = write("bad-der.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        for (Path key : new Path[] {garbage, badBase64, badDer}) {
            assertThatThrownBy(() -> ConfigReader.read(settings(tls("server.pem"), key))).as(key.toString())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("DOCVERIFY_TLS_KEY_FILE");
        }
    }

    @Test
    void aCertificateFileThatIsNotPemIsRefusedNamingItsSetting() throws IOException {
        Path garbage = write("garbage.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Path keyAsCert = tls("server.key");

        for (Path cert : new Path[] {garbage, keyAsCert}) {
            assertThatThrownBy(() -> ConfigReader.read(settings(cert, tls("server.key")))).as(cert.toString())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("DOCVERIFY_TLS_CERT_FILE");
        }
    }

    @Test
    void aClientCaFileThatIsNotPemIsRefusedNamingItsSetting() throws IOException {
        var s = settings(tls("server.pem"), tls("server.key"));
        s.put("DOCVERIFY_TLS_CLIENT_CA_FILE", write("ca.txt", "no certificate here\n").toString());

        assertThatThrownBy(() -> ConfigReader.read(s)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_TLS_CLIENT_CA_FILE");
    }

    @Test
    void matchingMaterialIsAccepted() {
        var s = settings(tls("server.pem"), tls("server.key"));
        s.put("DOCVERIFY_TLS_CLIENT_CA_FILE", tls("ca.pem").toString());

        assertThat(ConfigReader.read(s).tls()).hasValueSatisfying(t -> assertThat(t.mutual()).isTrue());
    }
}
