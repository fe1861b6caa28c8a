package io.docverify.grpc.hostile;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.docverify.grpc.hostile.HostileUpload.BadCustomerId;
import io.docverify.grpc.hostile.HostileUpload.BadIdempotencyKey;
import io.docverify.grpc.hostile.HostileUpload.CancelMidUpload;
import io.docverify.grpc.hostile.HostileUpload.ChunkFirst;
import io.docverify.grpc.hostile.HostileUpload.DeclaredSize;
import io.docverify.grpc.hostile.HostileUpload.EmptyMessage;
import io.docverify.grpc.hostile.HostileUpload.HalfCloseWithoutFinish;
import io.docverify.grpc.hostile.HostileUpload.MessageAfterFinish;
import io.docverify.grpc.hostile.HostileUpload.MetadataTwice;
import io.docverify.grpc.hostile.HostileUpload.NoMetadata;
import io.docverify.grpc.hostile.HostileUpload.OverTransportLimit;
import io.docverify.grpc.hostile.HostileUpload.OversizedChunk;
import io.docverify.grpc.hostile.HostileUpload.PdfNamedPng;
import io.docverify.grpc.hostile.HostileUpload.RandomChunks;
import io.docverify.grpc.hostile.HostileUpload.TooLarge;
import io.docverify.grpc.hostile.HostileUpload.TruncatedSignature;
import io.docverify.grpc.hostile.HostileUpload.UnknownCustomer;
import io.docverify.grpc.hostile.HostileUpload.UnknownDocumentType;
import io.docverify.grpc.hostile.HostileUpload.UnknownOwnerField;
import io.docverify.grpc.hostile.HostileUpload.WrongFinishSize;
import io.docverify.grpc.hostile.HostileUpload.WrongSha256;
import java.util.List;
import java.util.UUID;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories generators of hostile requests, small enough that a property runs in seconds. */
final class HostileGenerators {
    private static final int MIB = HostileUpload.MIB;

    private HostileGenerators() {
    }

    /** Every kind of hostile upload; the 10 MiB ones are rarer, as each costs a 10 MiB transfer. */
    static Gen<HostileUpload> uploads() {
        return Generate.frequency(List.of(
                weight(4, randomChunks()),
                weight(2, integers().between(64, 4096).zip(booleans().all(), ChunkFirst::new)),
                weight(2, integers().between(0, 3).map(MetadataTwice::new)),
                weight(1, Generate.constant(NoMetadata::new)),
                weight(2, booleans().all().map(EmptyMessage::new)),
                weight(3, integers().between(5, 1_000_000).map(UnknownDocumentType::new)),
                weight(3, integers().between(6, 18_999).map(UnknownOwnerField::new)),
                weight(3, badIds().map(BadCustomerId::new)),
                weight(1, Generate.constant(() -> new UnknownCustomer(UUID.randomUUID().toString()))),
                weight(2, badIdempotencyKeys().map(BadIdempotencyKey::new)),
                weight(1, Generate.frequency(Pair.of(3, Generate.constant(1)),
                        Pair.of(1, integers().between(2, 64 * 1024))).zip(integers().between(256 * 1024, MIB),
                        booleans().all(), TooLarge::new)),
                weight(1, integers().between(MIB + 1, MIB + 1000).map(OversizedChunk::new)),
                weight(1, integers().between(MIB + 1100, MIB + 64 * 1024).map(OverTransportLimit::new)),
                weight(2, integers().between(64, 8192).map(PdfNamedPng::new)),
                weight(2, integers().between(1, 7).map(TruncatedSignature::new)),
                weight(3, integers().between(0, 4).zip(integers().between(1, 16 * 1024),
                        integers().between(0, 20), CancelMidUpload::new)),
                weight(3, integers().between(64, 64 * 1024).zip(integers().between(1, 16 * 1024),
                        HalfCloseWithoutFinish::new)),
                weight(3, integers().between(64, 8192).zip(integers().between(-8, 8).map(d -> d >= 0 ? d + 1 : d),
                        WrongFinishSize::new)),
                weight(2, integers().between(64, 8192).zip(booleans().all(), WrongSha256::new)),
                weight(2, integers().between(0, 2).map(MessageAfterFinish::new)),
                weight(1, Generate.longRange(-1_000_000, -1).mix(Generate.longRange(10L * MIB + 1, Long.MAX_VALUE))
                        .map(DeclaredSize::new))));
    }

    /** Random bytes as 0 to 5 chunks of up to 2 KiB; the first byte never starts a JPEG or PNG signature. */
    private static Gen<HostileUpload> randomChunks() {
        Gen<byte[]> chunk = Generate.byteArrays(integers().between(0, 2048),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        return lists().of(chunk).ofSizeBetween(0, 5).map(chunks -> {
            chunks.stream().filter(c -> c.length > 0).findFirst().ifPresent(first -> {
                if (first[0] == (byte) 0x89 || first[0] == (byte) 0xff) {
                    first[0] = 0x42;
                }
                LeakMarker.mark(first, 8);
            });
            return new RandomChunks(chunks);
        });
    }

    /** Ids the service must refuse as malformed: empty, over 64 characters, or with characters ids never have. */
    static Gen<String> badIds() {
        return Generate.frequency(List.of(
                text(1, Generate.constant("")),
                text(2, strings().betweenCodePoints('a', 'z').ofLengthBetween(65, 600)),
                text(2, strings().basicLatinAlphabet().ofLengthBetween(1, 40)
                        .map(s -> "id" + s + " /\u00e9")),
                text(1, strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 20).map(s -> "-" + s))));
    }

    private static Gen<String> badIdempotencyKeys() {
        return Generate.frequency(List.of(
                text(2, strings().betweenCodePoints('a', 'z').ofLengthBetween(256, 2000)),
                text(2, strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 20).map(s -> s + " key")),
                text(1, strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 20).map(s -> s + "\u00fc"))));
    }

    private static Pair<Integer, Gen<HostileUpload>> weight(int weight, Gen<? extends HostileUpload> gen) {
        return Pair.of(weight, gen.map(t -> (HostileUpload) t));
    }

    private static Pair<Integer, Gen<String>> text(int weight, Gen<String> gen) {
        return Pair.of(weight, gen);
    }
}
