package io.docverify.application;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.OwnerStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Dwolla's topics of the changes the journal records, both ways: an owner status topic's status (to record a
 * webhook's status change) and a recorded change's topic (to log it for {@code WatchEvents} on another replica).
 */
final class ChangeTopics {
    private static final String BENEFICIAL_OWNER_PREFIX = "customer_beneficial_owner_";
    private static final Map<String, OwnerStatus> STATUS_BY_TOPIC = statusByTopic();

    private ChangeTopics() {
    }

    private static Map<String, OwnerStatus> statusByTopic() {
        var map = new HashMap<String, OwnerStatus>();
        var someCustomer = new CustomerId("00000000-0000-0000-0000-000000000000");
        var someOwner = new BeneficialOwnerId("00000000-0000-0000-0000-000000000000");
        for (CustomerStatus to : CustomerStatus.values()) {
            map.put(topic(someCustomer, to), to);
        }
        for (BeneficialOwnerStatus to : BeneficialOwnerStatus.values()) {
            map.put(topic(someOwner, to), to);
        }
        return Map.copyOf(map);
    }

    /** The topic of {@code owner}'s new status {@code to}, as {@link DocumentEvent.OwnerStatusChanged} names it. */
    static String topic(OwnerId owner, OwnerStatus to) {
        OwnerStatus from = to instanceof CustomerStatus c
                ? (c == CustomerStatus.UNVERIFIED ? CustomerStatus.RETRY : CustomerStatus.UNVERIFIED)
                : (to == BeneficialOwnerStatus.INCOMPLETE ? BeneficialOwnerStatus.DOCUMENT
                        : BeneficialOwnerStatus.INCOMPLETE);
        return new DocumentEvent.OwnerStatusChanged(owner, from, to, Instant.EPOCH).topic();
    }

    /** The topic of a review of a document of {@code owner}. */
    static String reviewTopic(OwnerId owner, boolean accepted) {
        return (owner instanceof CustomerId ? "customer_" : BENEFICIAL_OWNER_PREFIX) + "verification_document_"
                + (accepted ? "approved" : "failed");
    }

    /** The owner and new status an owner status topic announces about {@code resourceId}, if it is one. */
    static Optional<Map.Entry<OwnerId, OwnerStatus>> statusChange(String topic, String resourceId) {
        OwnerStatus status = STATUS_BY_TOPIC.get(topic);
        if (status == null) {
            return Optional.empty();
        }
        try {
            OwnerId owner = status instanceof CustomerStatus ? new CustomerId(resourceId)
                    : new BeneficialOwnerId(resourceId);
            return Optional.of(Map.entry(owner, status));
        } catch (DocumentException e) {
            return Optional.empty();
        }
    }
}
