package io.docverify.grpc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.grpc.service.UploadRefusal.Reason;
import org.junit.jupiter.api.Test;

class UploadAdmissionTest {

    private static UploadAdmission.Permit granted(UploadAdmission.Outcome outcome) {
        assertThat(outcome).isInstanceOf(UploadAdmission.Permit.class);
        return (UploadAdmission.Permit) outcome;
    }

    private static Reason refusal(UploadAdmission.Outcome outcome) {
        assertThat(outcome).isInstanceOf(UploadAdmission.Refused.class);
        return ((UploadAdmission.Refused) outcome).refusal().reason();
    }

    @Test
    void aCallerMayHoldItsShareAndNoMoreWhileOthersStillGetSlots() {
        var admission = new UploadAdmission(4, 2);
        var first = granted(admission.admit("greedy"));
        granted(admission.admit("greedy"));
        assertThat(refusal(admission.admit("greedy"))).isEqualTo(Reason.KEY_SHARE);
        granted(admission.admit("other"));
        granted(admission.admit("other"));
        assertThat(refusal(admission.admit("third"))).isEqualTo(Reason.SLOTS_FULL);

        first.release();
        first.release();
        assertThat(admission.inUse()).isEqualTo(3);
        assertThat(admission.heldBy("greedy")).isEqualTo(1);
        granted(admission.admit("third"));
        assertThat(refusal(admission.admit("greedy"))).isEqualTo(Reason.SLOTS_FULL);
    }

    @Test
    void theDefaultShareIsEverySlotForOneKeyAndHalfForMore() {
        assertThat(UploadAdmission.defaultShare(64, 1)).isEqualTo(64);
        assertThat(UploadAdmission.defaultShare(64, 2)).isEqualTo(32);
        assertThat(UploadAdmission.defaultShare(5, 3)).isEqualTo(3);
        assertThat(UploadAdmission.defaultShare(1, 3)).isEqualTo(1);
    }

    @Test
    void aShareOutsideOneToTheSlotsIsABug() {
        assertThatThrownBy(() -> new UploadAdmission(4, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadAdmission(4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
