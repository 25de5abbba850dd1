package org.recourse.cases;

import java.util.Arrays;
import java.util.UUID;

import org.recourse.shared.PersonalDataCipher;

/**
 * Turns an account into {@code COPY} tuples ({@link CopyTuples}): personal data encrypted (identity and
 * contacts as one ciphertext each, to keep the cost at two AES-GCM operations a row), keyed hashes for
 * finding the borrower and the mobile again, and a keyed hash of everything, to recognise an unchanged row.
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

    private static final int ACCOUNT_FIELDS = 19;
    private static final int BORROWER_FIELDS = 4;
    private static final int STAGE_FIELDS = 23;

    private final PersonalDataCipher cipher;
    private final JsonBytes json = new JsonBytes();
    private final FactBytes facts = new FactBytes(256);

    CopyRows(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /** The encrypted and hashed parts of an account, computed once however many tuples use them; hashes raw. */
    record Sealed(byte[] idNumberHash, String identityEnc, byte[] identityHash, String contactsEnc, byte[] mobileHash,
            byte[] contentHash) {
    }

    Sealed seal(AccountRecord account) {
        // Fields in a fixed order, so equal data gives equal JSON and equal hashes.
        byte[] identity = json.begin().field("idNumber", account.idNumber()).field("name", account.borrowerName()).end();
        JsonBytes contactFields = json.begin().field("mobile", account.mobile())
                .field("otherPhones", account.otherPhones()).field("address", account.address())
                .field("emergencyContactName", account.emergencyContactName())
                .field("emergencyContactPhone", account.emergencyContactPhone());
        // Only when sent: rows without one keep the contacts (and the content hash) they had before e-mail existed.
        if (account.email() != null) {
            contactFields.field("email", account.email());
        }
        byte[] contacts = contactFields.end();
        return new Sealed(cipher.blindIndexBytes(account.idNumber()), cipher.encrypt(identity),
                cipher.blindIndexBytes(identity), cipher.encrypt(contacts), cipher.blindIndexBytes(account.mobile()),
                cipher.blindIndexBytes(identity, contacts, facts(account)));
    }

    /** One tuple of the staging table ({@link StagingSql#CREATE_STAGE}). */
    void stage(CopyTuples out, long rowNumber, UUID accountId, UUID borrowerId, AccountRecord account, Sealed sealed) {
        out.tuple(STAGE_FIELDS).bigint(rowNumber).uuid(accountId).uuid(borrowerId);
        out.text(account.accountRef()).text(account.product());
        out.bytea(sealed.idNumberHash()).text(sealed.identityEnc()).bytea(sealed.identityHash());
        out.text(sealed.contactsEnc()).bytea(sealed.mobileHash());
        places(out, account);
        amountsAndDates(out, account);
        out.bytea(sealed.contentHash());
    }

    /** One tuple of {@code cases.account} ({@link #ACCOUNT_COLUMNS}). */
    void account(CopyTuples out, UUID accountId, UUID borrowerId, AccountRecord account, Sealed sealed) {
        out.tuple(ACCOUNT_FIELDS).uuid(accountId);
        out.text(account.accountRef()).uuid(borrowerId).text(account.product());
        out.text(sealed.contactsEnc()).bytea(sealed.mobileHash());
        places(out, account);
        amountsAndDates(out, account);
        out.bytea(sealed.contentHash());
    }

    /** One tuple of {@code cases.borrower} ({@link #BORROWER_COLUMNS}). */
    void borrower(CopyTuples out, UUID borrowerId, Sealed sealed) {
        out.tuple(BORROWER_FIELDS).uuid(borrowerId);
        out.bytea(sealed.idNumberHash()).text(sealed.identityEnc()).bytea(sealed.identityHash());
    }

    private static void places(CopyTuples out, AccountRecord account) {
        out.text(account.province()).text(account.city()).text(account.emergencyContactRelation())
                .text(account.currency());
    }

    private static void amountsAndDates(CopyTuples out, AccountRecord account) {
        out.numeric(account.loanAmount()).integer(account.termMonths()).date(account.loanDate())
                .date(account.dueDate()).numeric(account.principalOutstanding())
                .numeric(account.interestOutstanding()).numeric(account.feesOutstanding())
                .numeric(account.penaltyOutstanding());
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
                .plain(account.loanAmount()).separator().integer(account.termMonths()).separator()
                .date(account.loanDate()).separator().date(account.dueDate()).separator()
                .plain(account.principalOutstanding()).separator()
                .plain(account.interestOutstanding()).separator()
                .plain(account.feesOutstanding()).separator()
                .plain(account.penaltyOutstanding());
        return Arrays.copyOf(facts.bytes(), facts.length());
    }
}
