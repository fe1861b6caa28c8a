package io.docverify.adapter.inmemory.properties;

import io.docverify.adapter.inmemory.properties.Action.Decision;
import io.docverify.adapter.inmemory.properties.ModelState.DocRef;
import io.docverify.adapter.inmemory.properties.ModelState.Doc;
import io.docverify.adapter.inmemory.properties.OwnerRef.OwnerKind;
import java.util.List;
import java.util.Set;

/**
 * An independent model of Dwolla's document rules, written from {@code shared/dwolla/FACTS.md} and the
 * readings docverify documents where Dwolla is vague. It deliberately uses none of the domain's classes (no
 * {@code UploadRules}, {@code ReviewEffects}, {@code FileKind}): if it did, the properties would only check the
 * code against itself.
 *
 * <p>The rules, in the order a request meets them:
 * <ol>
 *   <li>an unknown document type is a {@code ValidationError} (the request is malformed before anything else);
 *   <li>an owner that does not exist is {@code notFound};
 *   <li>only a verified customer (personal or business) or a beneficial owner in {@code document} status may
 *       upload, otherwise {@code invalidResourceState} (FACTS "Rules");
 *   <li>an empty file is a {@code ValidationError};
 *   <li>JPEG or PNG; PDF only for a business document (type {@code other}) of a business customer; otherwise
 *       {@code invalidFileType};
 *   <li>larger than the limit: {@code fileTooLarge} (docverify checks the bytes before the owner's counts);
 *   <li>four documents awaiting review: {@code maximumNumberOfResources} (docverify counts pending documents,
 *       FACTS "most likely");
 *   <li>the same file already uploaded for this owner: {@code DuplicateResource}.
 * </ol>
 * A review: a document that does not exist is {@code notFound}; a reviewed one is final
 * ({@code invalidResourceState}). What a review does to an owner still in {@code document} (FACTS failure-reason
 * table, with docverify's documented reading): accepted verifies a customer or beneficial owner; a customer
 * rejected for ScanFailedOther (possible fraud) is suspended, else for a name/DOB/business mismatch moves to
 * {@code retry}, else stays; a rejected beneficial owner stays. Dwolla's sandbox images review themselves on
 * upload: the success image is accepted, the fail image rejected with ScanNotUploaded (docverify's choice;
 * Dwolla does not publish the reason).
 */
final class DwollaModel {
    static final String NOT_FOUND = "notFound";
    static final String VALIDATION_ERROR = "ValidationError";
    static final String INVALID_RESOURCE_STATE = "invalidResourceState";
    static final String INVALID_FILE_TYPE = "invalidFileType";
    static final String FILE_TOO_LARGE = "fileTooLarge";
    static final String MAXIMUM_NUMBER_OF_RESOURCES = "maximumNumberOfResources";
    static final String DUPLICATE_RESOURCE = "DuplicateResource";

    static final List<String> DOCUMENT_TYPES = List.of("passport", "license", "idCard", "other");
    static final List<String> CUSTOMER_STATUSES =
            List.of("unverified", "retry", "kba", "document", "verified", "suspended", "deactivated");
    static final List<String> BENEFICIAL_OWNER_STATUSES = List.of("incomplete", "document", "verified");
    /** Dwolla's twelve failure reasons (FACTS). */
    static final List<String> KNOWN_REASONS = List.of("BusinessDocNotSupported", "BusinessNameMismatch",
            "BusinessTypeMismatch", "ForeignPassportNotAllowed", "ScanDobMismatch", "ScanFailedOther",
            "ScanIdExpired", "ScanIdTypeNotSupported", "ScanIdUnrecognized", "ScanNameMismatch", "ScanNotReadable",
            "ScanNotUploaded");
    private static final Set<String> MISMATCH_REASONS =
            Set.of("ScanDobMismatch", "ScanNameMismatch", "BusinessNameMismatch", "BusinessTypeMismatch");
    private static final String FRAUD_REASON = "ScanFailedOther";
    private static final int MAX_PENDING = 4;

    private DwollaModel() {
    }

    /** The state after {@code action} ran as step {@code step}. */
    static ModelState next(ModelState state, int step, Action action) {
        if (action instanceof Action.Upload upload) {
            return upload(state.draft(step), upload);
        }
        if (action instanceof Action.Review review) {
            return review(state.draft(step), review);
        }
        return move(state.draft(step), (Action.Move) action);
    }

    private static ModelState upload(ModelState.Draft s, Action.Upload upload) {
        OwnerRef owner = upload.owner();
        TestFile file = upload.file();
        if (!DOCUMENT_TYPES.contains(upload.type())) {
            return s.answer(VALIDATION_ERROR);
        }
        if (!s.owners().containsKey(owner)) {
            return s.answer(NOT_FOUND);
        }
        boolean verifiedType = owner.kind() != OwnerKind.RECEIVE_ONLY_CUSTOMER;
        if (!verifiedType || !"document".equals(s.owners().get(owner))) {
            return s.answer(INVALID_RESOURCE_STATE);
        }
        if (file.size() == 0) {
            return s.answer(VALIDATION_ERROR);
        }
        if (!kindAllowed(file.kind(), upload.type(), owner.kind())) {
            return s.answer(INVALID_FILE_TYPE);
        }
        if (file.size() > TestFile.SIZE_LIMIT) {
            return s.answer(FILE_TOO_LARGE);
        }
        if (s.pendingOf(owner) >= MAX_PENDING) {
            return s.answer(MAXIMUM_NUMBER_OF_RESOURCES);
        }
        var ref = new DocRef(owner, file);
        if (s.documents().containsKey(ref)) {
            return s.answer(DUPLICATE_RESOURCE);
        }
        s.documents().put(ref, Doc.pending(upload.type()));
        s.events().add("uploaded " + ref);
        if (file.isSandboxSuccess()) {
            decide(s, ref, Decision.accept());
        } else if (file.isSandboxFail()) {
            decide(s, ref, new Decision(List.of("ScanNotUploaded")));
        }
        return s.answer(ModelState.OK);
    }

    private static boolean kindAllowed(TestFile.Kind kind, String type, OwnerKind owner) {
        switch (kind) {
            case PNG:
            case JPEG:
                return true;
            case PDF:
                return "other".equals(type) && owner == OwnerKind.BUSINESS_CUSTOMER;
            default:
                return false;
        }
    }

    private static ModelState review(ModelState.Draft s, Action.Review review) {
        var ref = new DocRef(review.owner(), review.file());
        Doc doc = s.documents().get(ref);
        if (doc == null) {
            return s.answer(NOT_FOUND);
        }
        if (!doc.isPending()) {
            return s.answer(INVALID_RESOURCE_STATE);
        }
        decide(s, ref, review.decision());
        return s.answer(ModelState.OK);
    }

    private static void decide(ModelState.Draft s, DocRef ref, Decision decision) {
        Doc doc = s.documents().get(ref);
        OwnerRef owner = ref.owner();
        if (decision.accepts()) {
            s.documents().put(ref, new Doc(doc.type(), Doc.ACCEPTED, List.of()));
            s.events().add("approved " + ref);
        } else {
            s.documents().put(ref, new Doc(doc.type(), Doc.REJECTED, decision.rejectReasons()));
            s.events().add("failed " + ref + " " + decision.rejectReasons());
        }
        String status = s.owners().get(owner);
        if (!"document".equals(status)) {
            return; // an owner who already left document status is not moved by a review
        }
        String next = status;
        if (decision.accepts()) {
            next = "verified";
        } else if (owner.kind().isCustomer()) {
            if (decision.rejectReasons().contains(FRAUD_REASON)) {
                next = "suspended";
            } else if (decision.rejectReasons().stream().anyMatch(MISMATCH_REASONS::contains)) {
                next = "retry";
            }
        }
        changeStatus(s, owner, next);
    }

    private static ModelState move(ModelState.Draft s, Action.Move move) {
        OwnerRef owner = move.owner();
        if (move.status().ofCustomer() != owner.kind().isCustomer()) {
            return s.answer(VALIDATION_ERROR);
        }
        if (!s.owners().containsKey(owner)) {
            return s.answer(NOT_FOUND);
        }
        changeStatus(s, owner, move.status().wire());
        return s.answer(ModelState.OK);
    }

    private static void changeStatus(ModelState.Draft s, OwnerRef owner, String next) {
        String current = s.owners().get(owner);
        if (!current.equals(next)) {
            s.owners().put(owner, next);
            s.events().add("status " + owner + " " + current + "->" + next);
        }
    }
}
