package io.docverify.ports.in;

import io.docverify.ports.out.HistoryPage;
import java.util.concurrent.CompletionStage;

/**
 * Read the audit history of one document or one owner, oldest first, a page at a time: every upload attempt and
 * every review or owner status change the journal holds for it. A document or owner it holds nothing of has an
 * empty history (not {@code notFound}: the journal may not have recorded it yet, or may have pruned it).
 */
public interface ListHistoryUseCase {
    /**
     * One page; its {@code next} is the {@code after} of the next page's request. Fails with
     * {@code StoreUnavailableException} when the journal cannot be read now (retry).
     */
    CompletionStage<HistoryPage> history(HistoryRequest request);
}
