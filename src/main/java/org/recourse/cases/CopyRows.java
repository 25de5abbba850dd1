package org.recourse.cases;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.UUID;

import org.recourse.shared.PersonalDataCipher;

/**
 * Turns an account into {@code COPY} lines: personal data encrypted (identity and contacts as one
 * ciphertext each, to keep the cost at two AES-GCM operations a row), keyed hashes for finding the
 * borrower and the mobile again, and a keyed hash of everything, to recognise an unchanged row.
 * Runs once per row of million-row files, so it writes bytes straight into the caller's buffer.
 */
final class CopyRows {

    /**
     * Columns of {@link #account}, in order. The institution, batch and moment are the same on every row of a
     * load: {@link DirectLoad} makes them column defaults of its bare tables instead of sending them a million
     * times (a quarter of the bytes COPY would parse).
     */
    static final String ACCOUNT_COLUMNS = """
            id, account_ref, borrower_id, product, contacts_enc, mobile_hash, province, city,
            emergency_relation, currency, loan_amount, term_months, loan_date, due_date, principal_outstanding,
            interest_outstanding, fees_outstanding, penalty_outstanding, content_hash""";

    /** Columns of {@link #borrower}, in order; the rest as for {@link #ACCOUNT_COLUMNS}. */
    static final String BORROWER_COLUMNS = "id, id_number_hash, identity_enc, identity_hash";

    private final PersonalDataCipher cipher;
    private final JsonBytes json = new JsonBytes();
    private final CopyLine facts = new CopyLine(256);

    CopyRows(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /** The encrypted and hashed parts of an account, computed once however many lines use them. */
    record Sealed(String idNumberHash, String identityEnc, String identityHash, String contactsEnc, String mobileHash,
            String contentHash) {
    }

    Sealed seal(AccountRecord account) {
        // Fields in a fixed order, so equal data gives equal JSON and equal hashes.
        byte[] identity = json.begin().field("idNumber", account.idNumber()).field("name", account.borrowerName()).end();
        byte[] contacts = json.begin().field("mobile", account.mobile()).field("otherPhones", account.otherPhones())
                .field("address", account.address()).field("emergencyContactName", account.emergencyContactName())
                .field("emergencyContactPhone", account.emergencyContactPhone()).end();
        return new Sealed(cipher.blindIndex(account.idNumber()), cipher.encrypt(identity), cipher.blindIndex(identity),
                cipher.encrypt(contacts), cipher.blindIndex(account.mobile()),
                cipher.blindIndex(identity, contacts, facts(account)));
    }

    /** One line of the staging table ({@link StagingSql#CREATE_STAGE}). */
    void stage(CopyLine line, long rowNumber, UUID accountId, UUID borrowerId, AccountRecord account, Sealed sealed) {
        line.field(Long.toString(rowNumber)).field(accountId.toString()).field(borrowerId.toString());
        line.text(account.accountRef()).text(account.product());
        line.hash(sealed.idNumberHash()).comma().field(sealed.identityEnc()).hash(sealed.identityHash()).comma();
        line.field(sealed.contactsEnc()).hash(sealed.mobileHash()).comma();
        line.text(account.province()).text(account.city()).text(account.emergencyContactRelation())
                .text(account.currency());
        amountsAndDates(line, account);
        line.hash(sealed.contentHash()).newline();
    }

    /** One line of {@code cases.account} ({@link #ACCOUNT_COLUMNS}). */
    void account(CopyLine line, UUID accountId, UUID borrowerId, AccountRecord account, Sealed sealed) {
        line.field(accountId.toString());
        line.text(account.accountRef()).field(borrowerId.toString()).text(account.product());
        line.field(sealed.contactsEnc()).hash(sealed.mobileHash()).comma();
        line.text(account.province()).text(account.city()).text(account.emergencyContactRelation())
                .text(account.currency());
        amountsAndDates(line, account);
        line.hash(sealed.contentHash()).newline();
    }

    /** One line of {@code cases.borrower} ({@link #BORROWER_COLUMNS}). */
    void borrower(CopyLine line, UUID borrowerId, Sealed sealed) {
        line.field(borrowerId.toString());
        line.hash(sealed.idNumberHash()).comma().field(sealed.identityEnc()).hash(sealed.identityHash()).newline();
    }

    private static void amountsAndDates(CopyLine line, AccountRecord account) {
        line.field(plain(account.loanAmount()))
                .field(Integer.toString(account.termMonths()))
                .field(account.loanDate().toString())
                .field(account.dueDate().toString())
                .field(plain(account.principalOutstanding()))
                .field(plain(account.interestOutstanding()))
                .field(plain(account.feesOutstanding()))
                .field(plain(account.penaltyOutstanding()));
    }

    /**
     * Everything about the account that is not personal data, for the content hash: the values separated
     * by U+001F, an absent one written as "null" (the bytes hashed since the first load; keep them).
     */
    private byte[] facts(AccountRecord account) {
        facts.reset();
        facts.raw(account.accountRef()).separator().raw(account.product()).separator()
                .raw(account.province()).separator().raw(account.city()).separator()
                .raw(account.emergencyContactRelation()).separator().raw(account.currency()).separator()
                .raw(plain(account.loanAmount())).separator().raw(Integer.toString(account.termMonths())).separator()
                .raw(account.loanDate().toString()).separator().raw(account.dueDate().toString()).separator()
                .raw(plain(account.principalOutstanding())).separator()
                .raw(plain(account.interestOutstanding())).separator()
                .raw(plain(account.feesOutstanding())).separator()
                .raw(plain(account.penaltyOutstanding()));
        return Arrays.copyOf(facts.bytes(), facts.length());
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
