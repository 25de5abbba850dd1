package org.recourse.intake;

import java.util.List;

import org.recourse.shared.Problem;

/** Why an intake request was refused before any row was read. */
public final class IntakeProblem extends Problem {

    private IntakeProblem(Kind kind, String code, Object... arguments) {
        super(kind, code, List.of(), arguments);
    }

    static IntakeProblem batchNotFound() {
        return new IntakeProblem(Kind.NOT_FOUND, "intake.batch_not_found");
    }

    static IntakeProblem idempotencyKeyReused() {
        return new IntakeProblem(Kind.UNPROCESSABLE, "intake.idempotency_key_reused");
    }

    static IntakeProblem fileTooLarge(long maxBytes) {
        return new IntakeProblem(Kind.PAYLOAD_TOO_LARGE, "file.too_large", maxBytes / (1024 * 1024));
    }

    static IntakeProblem emptyFile() {
        return new IntakeProblem(Kind.INVALID, "file.empty");
    }

    static IntakeProblem malformedJson() {
        return new IntakeProblem(Kind.INVALID, "malformed_request");
    }

    static IntakeProblem notAnArrayOfAccounts() {
        return new IntakeProblem(Kind.INVALID, "intake.accounts_not_array");
    }

    static IntakeProblem tooManyAccounts(int max) {
        return new IntakeProblem(Kind.INVALID, "intake.too_many_accounts", max);
    }

    static IntakeProblem idempotencyKeyTooLong() {
        return new IntakeProblem(Kind.INVALID, "intake.idempotency_key_invalid");
    }
}
