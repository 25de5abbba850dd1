package org.recourse.cases;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
 * Runs once per row of million-row files, so it writes bytes directly rather than building strings twice.
 */
final class StagedRows {

    private final PersonalDataCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Line line = new Line();
    private final StringBuilder facts = new StringBuilder(256);

    StagedRows(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /** The UTF-8 bytes of one staging line, ending in a newline. */
    byte[] line(long rowNumber, UUID accountId, UUID borrowerId, AccountRecord account) {
        // Records and LinkedHashMaps keep their order, so equal data gives equal JSON and equal hashes.
        byte[] identity = json.writeValueAsBytes(new Identity(account.idNumber(), account.borrowerName()));
        byte[] contacts = json.writeValueAsBytes(contacts(account));
        line.reset();
        line.ascii(Long.toString(rowNumber)).comma().ascii(accountId.toString()).comma()
                .ascii(borrowerId.toString()).comma();
        line.text(account.accountRef()).text(account.product());
        line.ascii(cipher.blindIndex(account.idNumber())).comma();
        line.ascii(cipher.encrypt(identity)).comma();
        line.ascii(cipher.blindIndex(identity)).comma();
        line.ascii(cipher.encrypt(contacts)).comma();
        line.ascii(cipher.blindIndex(account.mobile())).comma();
        line.text(account.province()).text(account.city()).text(account.emergencyContactRelation())
                .text(account.currency());
        line.ascii(plain(account.loanAmount())).comma()
                .ascii(Integer.toString(account.termMonths())).comma()
                .ascii(account.loanDate().toString()).comma()
                .ascii(account.dueDate().toString()).comma()
                .ascii(plain(account.principalOutstanding())).comma()
                .ascii(plain(account.interestOutstanding())).comma()
                .ascii(plain(account.feesOutstanding())).comma()
                .ascii(plain(account.penaltyOutstanding())).comma();
        line.ascii(cipher.blindIndex(identity, contacts, facts(account))).newline();
        return line.toByteArray();
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

    /** Everything about the account that is not personal data, for the content hash. */
    private byte[] facts(AccountRecord account) {
        facts.setLength(0);
        facts.append(account.accountRef()).append('\u001f').append(account.product()).append('\u001f')
                .append(account.province()).append('\u001f').append(account.city()).append('\u001f')
                .append(account.emergencyContactRelation()).append('\u001f').append(account.currency()).append('\u001f')
                .append(plain(account.loanAmount())).append('\u001f').append(account.termMonths()).append('\u001f')
                .append(account.loanDate()).append('\u001f').append(account.dueDate()).append('\u001f')
                .append(plain(account.principalOutstanding())).append('\u001f')
                .append(plain(account.interestOutstanding())).append('\u001f')
                .append(plain(account.feesOutstanding())).append('\u001f')
                .append(plain(account.penaltyOutstanding()));
        return facts.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    /** A reusable byte buffer for one CSV line of COPY input. */
    private static final class Line extends ByteArrayOutputStream {

        Line() {
            super(1024);
        }

        Line ascii(String value) {
            for (int i = 0; i < value.length(); i++) {
                write(value.charAt(i));
            }
            return this;
        }

        Line comma() {
            write(',');
            return this;
        }

        void newline() {
            write('\n');
        }

        /** A CSV field: null unquoted and empty, text quoted only when it must be, then a comma. */
        Line text(@Nullable String value) {
            if (value != null) {
                boolean quote = value.isEmpty();
                for (int i = 0; i < value.length() && !quote; i++) {
                    char c = value.charAt(i);
                    quote = c == ',' || c == '"' || c == '\n' || c == '\r';
                }
                byte[] utf8 = (quote ? '"' + value.replace("\"", "\"\"") + '"' : value)
                        .getBytes(StandardCharsets.UTF_8);
                write(utf8, 0, utf8.length);
            }
            return comma();
        }
    }
}
