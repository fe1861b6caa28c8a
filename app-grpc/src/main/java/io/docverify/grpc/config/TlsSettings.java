package io.docverify.grpc.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for the gRPC port, from PEM files.
 *
 * @param certChainFile the server's certificate chain (PEM)
 * @param privateKeyFile the server's private key (PEM, PKCS#8)
 * @param clientCaFile  if present, mutual TLS: clients must present a certificate signed by this CA (PEM)
 */
public record TlsSettings(Path certChainFile, Path privateKeyFile, Optional<Path> clientCaFile) {
    public TlsSettings {
        Objects.requireNonNull(certChainFile, "certChainFile");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(clientCaFile, "clientCaFile");
    }

    /** True if clients must authenticate with a certificate. */
    public boolean mutual() {
        return clientCaFile.isPresent();
    }
}
