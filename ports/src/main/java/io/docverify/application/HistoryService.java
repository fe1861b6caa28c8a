package io.docverify.application;

import io.docverify.ports.in.HistoryRequest;
import io.docverify.ports.in.ListHistoryUseCase;
import io.docverify.ports.out.HistoryPage;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.Journal;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** The audit history over the {@link Journal}: each request is one {@link Journal#history} read. */
public final class HistoryService implements ListHistoryUseCase {
    private final Journal journal;

    public HistoryService(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public CompletionStage<HistoryPage> history(HistoryRequest request) {
        Objects.requireNonNull(request, "request");
        return journal.history(new HistoryQuery(request.subject(), request.after(), request.limit()));
    }
}
