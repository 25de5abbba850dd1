package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recourse.shared.PersonalDataCipher;
import tools.jackson.databind.json.JsonMapper;

class CopyRowsTests {

    private final PersonalDataCipher cipher = new PersonalDataCipher(Map.of("k1", filled(32, 1)), "k1", filled(32, 2));

    /**
     * Accounts loaded by earlier versions carry hashes made with Jackson and a StringBuilder; the same row
     * sent again must hash the same, or every re-sent file would count as changed once.
     */
    @Test
    void hashesARowAsLoadsBeforeThisVersionDid() {
        AccountRecord account = new AccountRecord("LN-0001", "消费贷", "张\"三\"", "11010519491231002X", "13812345678",
                List.of("02012345678", "13987654321"), "广州市天河区 1 号\n2 楼", "广东省", null, "李四", "配偶",
                "13700000000", new BigDecimal("12000.00"), 12, LocalDate.of(2025, 1, 15), LocalDate.of(2025, 6, 15),
                new BigDecimal("8000.00"), new BigDecimal("500.50"), BigDecimal.ZERO.setScale(2),
                new BigDecimal("120.05"), "CNY", null);

        CopyRows.Sealed sealed = new CopyRows(cipher).seal(account);

        JsonMapper jackson = JsonMapper.builder().build();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("idNumber", account.idNumber());
        identity.put("name", account.borrowerName());
        Map<String, Object> contacts = new LinkedHashMap<>();
        contacts.put("mobile", account.mobile());
        contacts.put("otherPhones", account.otherPhones());
        contacts.put("address", account.address());
        contacts.put("emergencyContactName", account.emergencyContactName());
        contacts.put("emergencyContactPhone", account.emergencyContactPhone());
        String facts = String.join("\u001f", account.accountRef(), account.product(), account.province(),
                String.valueOf(account.city()), account.emergencyContactRelation(), account.currency(), "12000.00", "12",
                "2025-01-15", "2025-06-15", "8000.00", "500.50", "0.00", "120.05");
        byte[] identityJson = jackson.writeValueAsBytes(identity);
        byte[] contactsJson = jackson.writeValueAsBytes(contacts);

        assertThat(hex(sealed.contentHash())).isEqualTo(
                cipher.blindIndex(identityJson, contactsJson, facts.getBytes(StandardCharsets.UTF_8)));
        assertThat(hex(sealed.identityHash())).isEqualTo(cipher.blindIndex(identityJson));
        assertThat(hex(sealed.idNumberHash())).isEqualTo(cipher.blindIndex("11010519491231002X"));
        assertThat(hex(sealed.mobileHash())).isEqualTo(cipher.blindIndex("13812345678"));
        assertThat(cipher.decrypt(sealed.contactsEnc())).isEqualTo(new String(contactsJson, StandardCharsets.UTF_8));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static String hex(byte[] hash) {
        return java.util.HexFormat.of().formatHex(hash);
    }
}
