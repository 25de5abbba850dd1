package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataCipherTests {

    private static final byte[] OLD_KEY = key(1);
    private static final byte[] NEW_KEY = key(2);
    private static final byte[] BLIND_INDEX_KEY = key(3);

    private final PersonalDataCipher cipher = new PersonalDataCipher(Map.of("k1", OLD_KEY), "k1", BLIND_INDEX_KEY);

    @ParameterizedTest
    @ValueSource(strings = {"", "13812345678", "张三丰", "湖北省武汉市洪山区珞喻路 1037 号", "𠀀 emoji 🙂"})
    void decryptsWhatItEncrypted(String plaintext) {
        assertThat(cipher.decrypt(cipher.encrypt(plaintext))).isEqualTo(plaintext);
    }

    @Test
    void prefixesTheStoredValueWithTheActiveKeyId() {
        String stored = cipher.encrypt("张三");

        assertThat(stored).startsWith("k1:");
        byte[] payload = Base64.getDecoder().decode(stored.substring("k1:".length()));
        // 12-byte nonce, 6 bytes of UTF-8, 16-byte tag.
        assertThat(payload).hasSize(12 + 6 + 16);
        assertThat(stored).doesNotContain("张三");
    }

    @Test
    void encryptsTheSameValueDifferentlyEachTime() {
        assertThat(cipher.encrypt("420102199001011234")).isNotEqualTo(cipher.encrypt("420102199001011234"));
    }

    @Test
    void stillDecryptsValuesWrittenUnderAnOldKeyAfterRotation() {
        String writtenBeforeRotation = cipher.encrypt("李四");
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k2", NEW_KEY);
        keys.put("k1", OLD_KEY);
        PersonalDataCipher rotated = new PersonalDataCipher(keys, "k2", BLIND_INDEX_KEY);

        assertThat(rotated.decrypt(writtenBeforeRotation)).isEqualTo("李四");
        assertThat(rotated.encrypt("李四")).startsWith("k2:");
        assertThat(rotated.activeKeyId()).isEqualTo("k2");
    }

    @Test
    void detectsTamperingWithAnySingleByte() {
        String stored = cipher.encrypt("13812345678");
        byte[] payload = Base64.getDecoder().decode(stored.substring("k1:".length()));
        for (int i = 0; i < payload.length; i++) {
            byte[] tampered = payload.clone();
            tampered[i] ^= 0x01;
            String tamperedStored = "k1:" + Base64.getEncoder().encodeToString(tampered);

            assertThatIllegalStateException()
                    .isThrownBy(() -> cipher.decrypt(tamperedStored))
                    .withMessageContaining("failed authentication")
                    .withMessageNotContaining("13812345678")
                    .withMessageNotContaining(tamperedStored.substring(3));
        }
    }

    @Test
    void detectsAValueRelabelledToAnotherKey() {
        Map<String, byte[]> sameKeyTwice = Map.of("k1", OLD_KEY, "k2", OLD_KEY);
        PersonalDataCipher twoIds = new PersonalDataCipher(sameKeyTwice, "k1", BLIND_INDEX_KEY);
        String relabelled = "k2" + twoIds.encrypt("王五").substring("k1".length());

        assertThatIllegalStateException().isThrownBy(() -> twoIds.decrypt(relabelled));
    }

    @Test
    void refusesValuesUnderAnUnknownKeyIdWithoutQuotingThem() {
        String stored = cipher.encrypt("赵六");
        String unknown = "k9" + stored.substring("k1".length());

        assertThatIllegalStateException()
                .isThrownBy(() -> cipher.decrypt(unknown))
                .withMessageContaining("unknown key id 'k9'")
                .withMessageNotContaining(stored.substring(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-prefix", ":AAAA", "k1:not base64!", "k1:AAAA"})
    void refusesMalformedStoredValues(String stored) {
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(stored));
    }

    @Test
    void computesTheSameBlindIndexForTheSameValue() {
        String index = cipher.blindIndex("13812345678");

        assertThat(index).isEqualTo(cipher.blindIndex("13812345678")).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(index).isNotEqualTo(cipher.blindIndex("13812345679"));
    }

    @Test
    void computesADifferentBlindIndexUnderAnotherKey() {
        PersonalDataCipher other = new PersonalDataCipher(Map.of("k1", OLD_KEY), "k1", key(4));

        assertThat(other.blindIndex("13812345678")).isNotEqualTo(cipher.blindIndex("13812345678"));
    }

    @Test
    void keepsTheBlindIndexWhenEncryptionKeysRotate() {
        PersonalDataCipher rotated = new PersonalDataCipher(Map.of("k2", NEW_KEY, "k1", OLD_KEY), "k2", BLIND_INDEX_KEY);

        assertThat(rotated.blindIndex("张三")).isEqualTo(cipher.blindIndex("张三"));
    }

    @Test
    void copiesTheKeysItIsGiven() {
        byte[] key = key(5);
        PersonalDataCipher copied = new PersonalDataCipher(Map.of("k1", key), "k1", BLIND_INDEX_KEY);
        String stored = copied.encrypt("张三");
        Arrays.fill(key, (byte) 0);

        assertThat(copied.decrypt(stored)).isEqualTo("张三");
    }

    @Test
    void refusesKeysThatAreNot32Bytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PersonalDataCipher(Map.of("k1", new byte[16]), "k1", BLIND_INDEX_KEY));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PersonalDataCipher(Map.of("k1", OLD_KEY), "k1", new byte[31]));
    }

    @Test
    void refusesAnActiveKeyIdWithoutAKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PersonalDataCipher(Map.of("k1", OLD_KEY), "k2", BLIND_INDEX_KEY));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PersonalDataCipher(Map.of(), "k1", BLIND_INDEX_KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "k:1", " k1"})
    void refusesKeyIdsThatCannotPrefixAStoredValue(String keyId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PersonalDataCipher(Map.of(keyId, OLD_KEY), keyId, BLIND_INDEX_KEY));
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}
