package org.recourse.cases;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.PersonalDataCipher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an account into one CSV line of the staging table: personal data encrypted (identity and contacts
 * as one ciphertext each, to keep the cost at two AES-GCM operations a row), keyed hashes for finding the
 * borrower and the mobile again, and a keyed hash of everything, to recognise an unchanged row.
 */
final class StagedRows {

    private static final char UNIT = '\u001f';

    private final PersonalDataCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();
    private final StringBuilder line = new StringBuilder(1024);
    private final StringBuilder canonical = new StringBuilder(512);

    StagedRows(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    String line(long rowNumber, UUID accountId, UUID borrowerId, AccountRecord account) {
        // Records and LinkedHashMaps keep their order, so equal data gives equal JSON and equal hashes.
        String identity = json.writeValueAsString(new Identity(account.idNumber(), account.borrowerName()));
        String contacts = json.writeValueAsString(contacts(account));
        line.setLength(0);
        line.append(rowNumber).append(',').append(accountId).append(',').append(borrowerId).append(',');
        text(account.accountRef());
        text(account.product());
        text(cipher.blindIndex(account.idNumber()));
        text(cipher.encrypt(identity));
        text(cipher.blindIndex(identity));
        text(cipher.encrypt(contacts));
        text(cipher.blindIndex(account.mobile()));
        text(account.province());
        text(account.city());
        text(account.emergencyContactRelation());
        text(account.currency());
        number(account.loanAmount());
        line.append(account.termMonths()).append(',');
        line.append(account.loanDate()).append(',');
        line.append(account.dueDate()).append(',');
        number(account.principalOutstanding());
        number(account.interestOutstanding());
        number(account.feesOutstanding());
        number(account.penaltyOutstanding());
        line.append(cipher.blindIndex(canonical(account, identity, contacts))).append('\n');
        return line.toString();
    }

    /** A borrower's identity as it is encrypted: ID number and name. */
    record Identity(String idNumber, String name) {
    }

    /** The contact details that travel together as one ciphertext; read back by the cases screens. */
    static Map<String, Object> contacts(AccountRecord account) {
        Map<String, Object> contacts = new LinkedHashMap<>();
        contacts.put("mobile", account.mobile());
        contacts.put("otherPhones", account.otherPhones());
        contacts.put("address", account.address());
        contacts.put("emergencyContactName", account.emergencyContactName());
        contacts.put("emergencyContactPhone", account.emergencyContactPhone());
        return contacts;
    }

    private String canonical(AccountRecord account, String identity, String contacts) {
        canonical.setLength(0);
        canonical.append(account.accountRef()).append(UNIT).append(account.product()).append(UNIT)
                .append(identity).append(UNIT).append(contacts).append(UNIT)
                .append(account.province()).append(UNIT).append(account.city()).append(UNIT)
                .append(account.emergencyContactRelation()).append(UNIT).append(account.currency()).append(UNIT)
                .append(account.loanAmount().toPlainString()).append(UNIT).append(account.termMonths()).append(UNIT)
                .append(account.loanDate()).append(UNIT).append(account.dueDate()).append(UNIT)
                .append(account.principalOutstanding().toPlainString()).append(UNIT)
                .append(account.interestOutstanding().toPlainString()).append(UNIT)
                .append(account.feesOutstanding().toPlainString()).append(UNIT)
                .append(account.penaltyOutstanding().toPlainString());
        return canonical.toString();
    }

    private void number(BigDecimal value) {
        line.append(value.toPlainString()).append(',');
    }

    /** A CSV field for COPY: null unquoted and empty, text quoted only when it must be. */
    private void text(@Nullable String value) {
        if (value != null) {
            boolean quote = value.isEmpty();
            for (int i = 0; i < value.length() && !quote; i++) {
                char c = value.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (quote) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        line.append(',');
    }
}
