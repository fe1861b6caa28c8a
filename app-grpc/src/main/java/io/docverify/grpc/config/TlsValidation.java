package io.docverify.grpc.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the TLS files before the server starts, so that material that cannot work is a configuration error
 * (exit 2) naming its setting, instead of a service that starts and then fails every handshake without a word (a
 * key that is not the certificate's) or a start-up failure that names nothing (a PKCS#1 key, a file that is not
 * PEM). With the JDK's own parsers: the certificate chain and the client CA must hold X.509 certificates, the key
 * must be an unencrypted PKCS#8 RSA, EC or DSA key, and the key must be the one the first certificate certifies
 * (a signature made with it verifies with the certificate's public key).
 */
final class TlsValidation {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final String CONVERT = "convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8`";

    private TlsValidation() {
    }

    /** Throws a {@link ConfigException} naming the setting whose file cannot serve TLS. */
    static void check(TlsSettings tls) {
        check(tls, "DOCVERIFY_TLS_CERT_FILE", "DOCVERIFY_TLS_KEY_FILE");
    }

    /** As {@link #check(TlsSettings)}, naming these settings (the webhook port's own TLS). */
    static void check(TlsSettings tls, String certSetting, String keySetting) {
        List<X509Certificate> chain = certificates(certSetting, tls.certChainFile());
        PrivateKey key = privateKey(keySetting, tls.privateKeyFile());
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new ConfigException(keySetting + " (" + tls.privateKeyFile() + ") does not match the "
                    + "certificate of " + certSetting + " (" + tls.certChainFile() + ", subject "
                    + chain.get(0).getSubjectX500Principal().getName() + "): every TLS handshake would fail");
        }
        tls.clientCaFile().ifPresent(ca -> certificates("DOCVERIFY_TLS_CLIENT_CA_FILE", ca));
    }

    private static List<X509Certificate> certificates(String setting, Path file) {
        List<byte[]> blocks = blocks(setting, file, "CERTIFICATE");
        var certificates = new ArrayList<X509Certificate>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new ConfigException(setting + " (" + file + ") holds a CERTIFICATE block that is not an X.509 "
                    + "certificate: " + e.getMessage(), e);
        }
        return certificates;
    }

    private static PrivateKey privateKey(String setting, Path file) {
        String text = read(setting, file);
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            throw new ConfigException(setting + " (" + file + ") is not a PEM private key (expected '-----BEGIN "
                    + "PRIVATE KEY-----', PKCS#8)");
        }
        String type = m.group(1);
        switch (type) {
            case "PRIVATE KEY" -> {
            }
            case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY" -> throw new ConfigException(setting + " ("
                    + file + ") holds a key in " + (type.startsWith("EC") ? "SEC1" : "PKCS#1") + " format ('BEGIN "
                    + type + "'); the service reads PKCS#8 ('BEGIN PRIVATE KEY') only: " + CONVERT);
            case "ENCRYPTED PRIVATE KEY" -> throw new ConfigException(setting + " (" + file + ") holds an "
                    + "encrypted key; the service needs it unencrypted: " + CONVERT);
            default -> throw new ConfigException(setting + " (" + file + ") holds a '" + type + "' block, not a "
                    + "PKCS#8 'PRIVATE KEY'");
        }
        byte[] der = base64(setting, file, m.group(2));
        var spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new ConfigException(setting + " (" + file + ") is not a readable PKCS#8 RSA, EC or DSA private key");
    }

    /** True if a signature made with {@code key} verifies with {@code certified}. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> throw new IllegalStateException("unexpected key algorithm " + key.getAlgorithm());
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<byte[]> blocks(String setting, Path file, String wanted) {
        String text = read(setting, file);
        var blocks = new ArrayList<byte[]>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(wanted)) {
                blocks.add(base64(setting, file, m.group(2)));
            }
        }
        if (blocks.isEmpty()) {
            throw new ConfigException(setting + " (" + file + ") holds no PEM '-----BEGIN " + wanted + "-----' "
                    + "block");
        }
        return blocks;
    }

    private static byte[] base64(String setting, Path file, String body) {
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + " (" + file + ") holds a PEM block that is not valid base64", e);
        }
    }

    private static String read(String setting, Path file) {
        try {
            if (Files.size(file) > 1024 * 1024) {
                throw new ConfigException(setting + " (" + file + ") is over 1 MiB: not a PEM file");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(setting + " names a file that cannot be read: " + file, e);
        }
    }
}
