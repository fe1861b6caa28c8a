package io.docverify.adapter.inmemory;

import static io.docverify.adapter.inmemory.Stages.await;
import static io.docverify.adapter.inmemory.Stages.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dwolla's sandbox naming conventions ("Testing: customers"): the status word in the first name. */
class SandboxConventionsTest {
    private final InMemoryDwolla dwolla = new InMemoryDwolla();

    @AfterEach
    void close() {
        dwolla.close();
    }

    private CustomerStatus personalNamed(String firstName) {
        return await(dwolla.createCustomer(NewCustomer.named(CustomerType.PERSONAL, firstName, "Doe"))).status();
    }

    private CustomerStatus business(String controllerFirstName, String businessName) {
        var request = new NewCustomer(Optional.empty(), CustomerType.BUSINESS, controllerFirstName, "Doe",
                Optional.ofNullable(businessName), Optional.empty());
        return await(dwolla.createCustomer(request)).status();
    }

    private BeneficialOwnerStatus beneficialOwnerNamed(String firstName) {
        return await(dwolla.createBeneficialOwner(new NewBeneficialOwner(Optional.empty(), firstName, "Doe",
                Optional.empty()))).status();
    }

    @ParameterizedTest
    @CsvSource({
        "verified, VERIFIED", "retry, RETRY", "kba, KBA", "document, DOCUMENT", "suspended, SUSPENDED",
        "Document, DOCUMENT", "DOCUMENT, DOCUMENT", "Retry, RETRY", "KBA, KBA", "SUSPENDED, SUSPENDED",
    })
    void aPersonalCustomerNamedAfterAStatusGetsThatStatusInAnyCase(String firstName, CustomerStatus expected) {
        assertThat(personalNamed(firstName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane", "", "deactivated", "unverified", "documents", "incomplete"})
    void aPersonalCustomerWithAnyOtherFirstNameIsVerified(String firstName) {
        assertThat(personalNamed(firstName)).isEqualTo(CustomerStatus.VERIFIED);
    }

    @Test
    void aBusinessWhoseControllerIsNamedDocumentNeedsDocuments() {
        assertThat(business("document", "Acme Inc")).isEqualTo(CustomerStatus.DOCUMENT);
        assertThat(business("Document", null)).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aBusinessNamedDocumentNeedsDocuments() {
        assertThat(business("Jane", "document")).isEqualTo(CustomerStatus.DOCUMENT);
        assertThat(business("Jane", "DOCUMENT")).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aBusinessNamedDocumentNeedsDocumentsEvenIfItsControllerIsNamedVerified() {
        assertThat(business("verified", "document")).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aBusinessControllerNamedRetryOrSuspendedGivesThatStatus() {
        assertThat(business("retry", "Acme Inc")).isEqualTo(CustomerStatus.RETRY);
        assertThat(business("suspended", "Acme Inc")).isEqualTo(CustomerStatus.SUSPENDED);
    }

    @Test
    void aBusinessNamedRetryIsInRetry() {
        assertThat(business("Jane", "retry")).isEqualTo(CustomerStatus.RETRY);
        assertThat(business("Jane", "suspended")).as("only the controller's name suspends")
                .isEqualTo(CustomerStatus.VERIFIED);
    }

    @Test
    void whenBothNamesCarryAStatusWordTheControllersWins() {
        assertThat(business("document", "retry")).isEqualTo(CustomerStatus.DOCUMENT);
        assertThat(business("suspended", "document")).isEqualTo(CustomerStatus.SUSPENDED);
    }

    @Test
    void aBusinessHasNoKbaStatusSoAControllerNamedKbaIsJustAName() {
        assertThat(business("kba", "Acme Inc")).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(business("kba", "document")).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aBusinessWithOrdinaryNamesIsVerified() {
        assertThat(business("Jane", "Acme Inc")).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(business("Jane", null)).isEqualTo(CustomerStatus.VERIFIED);
    }

    @ParameterizedTest
    @EnumSource(value = CustomerType.class, names = {"UNVERIFIED", "RECEIVE_ONLY"})
    void anUnverifiedOrReceiveOnlyCustomerIsUnverifiedWhateverItsName(CustomerType type) {
        assertThat(await(dwolla.createCustomer(NewCustomer.named(type, "document", "Doe"))).status())
                .isEqualTo(CustomerStatus.UNVERIFIED);
    }

    @ParameterizedTest
    @CsvSource({"incomplete, INCOMPLETE", "document, DOCUMENT", "Document, DOCUMENT", "INCOMPLETE, INCOMPLETE",
        "verified, VERIFIED", "John, VERIFIED", "retry, VERIFIED", "'', VERIFIED"})
    void aBeneficialOwnerNamedIncompleteOrDocumentGetsThatStatusAndOtherwiseIsVerified(String firstName,
            BeneficialOwnerStatus expected) {
        assertThat(beneficialOwnerNamed(firstName)).isEqualTo(expected);
    }

    @Test
    void anExplicitStatusWinsOverTheName() {
        var customer = new NewCustomer(Optional.empty(), CustomerType.PERSONAL, "document", "Doe", Optional.empty(),
                Optional.of(CustomerStatus.KBA));
        var owner = new NewBeneficialOwner(Optional.empty(), "incomplete", "Doe",
                Optional.of(BeneficialOwnerStatus.DOCUMENT));

        assertThat(await(dwolla.createCustomer(customer)).status()).isEqualTo(CustomerStatus.KBA);
        assertThat(await(dwolla.createBeneficialOwner(owner)).status()).isEqualTo(BeneficialOwnerStatus.DOCUMENT);
    }

    @Test
    void aChosenIdIsKeptAndTheOwnerCanBeReadBack() {
        var id = new CustomerId("my-customer-1");
        await(dwolla.createCustomer(new NewCustomer(Optional.of(id), CustomerType.PERSONAL, "document", "Doe",
                Optional.empty(), Optional.empty())));

        assertThat(await(dwolla.owner(id)).id()).isEqualTo(id);
        assertThat(await(dwolla.owner(id)).status()).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aTakenIdIsRefusedAndTheFirstOwnerIsKept() {
        var id = new CustomerId("taken");
        await(dwolla.createCustomer(new NewCustomer(Optional.of(id), CustomerType.PERSONAL, "document", "Doe",
                Optional.empty(), Optional.empty())));

        DocumentException second = refusal(dwolla.createCustomer(new NewCustomer(Optional.of(id),
                CustomerType.BUSINESS, "verified", "Doe", Optional.empty(), Optional.empty())));

        assertThat(second.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(second.error().fieldErrors()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("/id"));
        assertThat(await(dwolla.owner(id)).status()).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aTakenBeneficialOwnerIdIsRefusedButCustomersAndBeneficialOwnersAreSeparateIdSpaces() {
        var id = new BeneficialOwnerId("same-id");
        await(dwolla.createBeneficialOwner(new NewBeneficialOwner(Optional.of(id), "document", "Doe",
                Optional.empty())));

        assertThat(refusal(dwolla.createBeneficialOwner(new NewBeneficialOwner(Optional.of(id), "document", "Doe",
                Optional.empty()))).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(await(dwolla.createCustomer(new NewCustomer(Optional.of(new CustomerId("same-id")),
                CustomerType.PERSONAL, "document", "Doe", Optional.empty(), Optional.empty()))).id().value())
                .isEqualTo("same-id");
    }

    @Test
    void anUnknownOwnerIsNotFound() {
        assertThat(refusal(dwolla.owner(new CustomerId("nobody"))).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(dwolla.owner(new BeneficialOwnerId("nobody"))).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
