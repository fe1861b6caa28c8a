package io.docverify.ports.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentException;
import io.docverify.domain.upload.FileKind;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.InspectedFile;
import org.junit.jupiter.api.Test;

class DeclaredDigestTest {
    private static final Fingerprint A = new Fingerprint("a".repeat(64));
    private static final Fingerprint B = new Fingerprint("b".repeat(64));

    @Test
    void nothingDeclaredChecksNothing() {
        assertThat(DeclaredDigest.none().check(A)).isEmpty();
        assertThat(DeclaredDigest.later("/finish/sha256").check(A)).isEmpty();
    }

    @Test
    void aDeclaredDigestPassesItsFileAndRefusesAnotherOnItsPath() {
        var declared = DeclaredDigest.later("/finish/sha256");
        declared.declare(A);

        assertThat(declared.check(A)).isEmpty();
        assertThat(declared.check(B)).hasValueSatisfying(e -> {
            assertThat(e.wireCode()).isEqualTo("ValidationError");
            assertThat(e.fieldErrors()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("/finish/sha256"));
        });
        var file = new InspectedFile(FileKind.PNG, 10, B);
        assertThatThrownBy(() -> declared.verify(file)).isInstanceOf(DocumentException.class);
        assertThat(DeclaredDigest.of(B, "/file/sha256").verify(file)).isSameAs(file);
    }

    @Test
    void aDigestIsDeclaredOnceAndNeverOnNone() {
        var declared = DeclaredDigest.later("/x");
        declared.declare(A);
        assertThatThrownBy(() -> declared.declare(A)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DeclaredDigest.none().declare(A)).isInstanceOf(IllegalStateException.class);
    }
}
