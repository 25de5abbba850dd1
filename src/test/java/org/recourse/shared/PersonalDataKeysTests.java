package org.recourse.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class PersonalDataKeysTests {

    private static final String K1 = base64Key(1);
    private static final String K2 = base64Key(2);
    private static final String BLIND_INDEX = base64Key(3);

    @TempDir
    Path dataDirectory;

    @Test
    void generatesKeyFilesOnFirstStartAndReadsTheSameKeysOnTheNext() throws IOException {
        Path keyDirectory = dataDirectory.resolve("keys");

        PersonalDataCipher first = PersonalDataKeys.cipher("", "", keyDirectory);
        String stored = first.encrypt("张三丰");
        PersonalDataCipher second = PersonalDataKeys.cipher("", "", keyDirectory);

        assertThat(second.decrypt(stored)).isEqualTo("张三丰");
        assertThat(second.blindIndex("13812345678")).isEqualTo(first.blindIndex("13812345678"));
        assertThat(stored).startsWith("k1:");
        for (String file : new String[] {"pii-k1.key", "blind-index.key"}) {
            byte[] key = Base64.getDecoder().decode(Files.readString(keyDirectory.resolve(file)).strip());
            assertThat(key).as(file).hasSize(32);
        }
    }

    @Test
    void generatesDifferentKeysForEncryptionAndBlindIndexes() throws IOException {
        Path keyDirectory = dataDirectory.resolve("keys");
        PersonalDataKeys.cipher("", "", keyDirectory);

        assertThat(Files.readString(keyDirectory.resolve("pii-k1.key")))
                .isNotEqualTo(Files.readString(keyDirectory.resolve("blind-index.key")));
    }

    @Test
    void makesTheGeneratedKeyFilesReadableByTheOwnerOnly() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // Permissions are left to the platform where POSIX permissions do not exist.
        }
        Path keyDirectory = dataDirectory.resolve("keys");
        PersonalDataKeys.cipher("", "", keyDirectory);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory.resolve("pii-k1.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory.resolve("blind-index.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory)))
                .isEqualTo("rwx------");
    }

    @Test
    void usesConfiguredKeysWithTheFirstActiveAndWritesNoFiles() {
        Path keyDirectory = dataDirectory.resolve("keys");
        PersonalDataCipher underOldKey =
                new PersonalDataCipher(Map.of("k1", Base64.getDecoder().decode(K1)), "k1", new byte[32]);
        String writtenBeforeRotation = underOldKey.encrypt("李四");

        PersonalDataCipher cipher = PersonalDataKeys.cipher(" k2:" + K2 + " , k1:" + K1 + " ", BLIND_INDEX, keyDirectory);

        assertThat(cipher.encrypt("李四")).startsWith("k2:");
        assertThat(cipher.activeKeyId()).isEqualTo("k2");
        assertThat(cipher.decrypt(writtenBeforeRotation)).isEqualTo("李四");
        assertThat(keyDirectory).doesNotExist();
    }

    @Test
    void usesTheConfiguredBlindIndexKey() {
        PersonalDataCipher configured = PersonalDataKeys.cipher("k1:" + K1, BLIND_INDEX, dataDirectory);
        PersonalDataCipher direct = new PersonalDataCipher(
                Map.of("k9", Base64.getDecoder().decode(K2)), "k9", Base64.getDecoder().decode(BLIND_INDEX));

        assertThat(configured.blindIndex("13812345678")).isEqualTo(direct.blindIndex("13812345678"));
    }

    @Test
    void refusesHalfAConfiguration() {
        assertThatIllegalStateException()
                .isThrownBy(() -> PersonalDataKeys.cipher("k1:" + K1, "", dataDirectory))
                .withMessageContaining("RECOURSE_KEYS_BLIND_INDEX");
        assertThatIllegalStateException()
                .isThrownBy(() -> PersonalDataKeys.cipher("", BLIND_INDEX, dataDirectory))
                .withMessageContaining("RECOURSE_KEYS_PII");
    }

    @Test
    void refusesMalformedConfiguredKeysWithoutQuotingThem() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatIllegalStateException()
                .isThrownBy(() -> PersonalDataKeys.cipher("k1:" + shortKey, BLIND_INDEX, dataDirectory))
                .withMessageContaining("32 bytes")
                .withMessageNotContaining(shortKey);
        assertThatIllegalStateException()
                .isThrownBy(() -> PersonalDataKeys.cipher(K1, BLIND_INDEX, dataDirectory))
                .withMessageContaining("keyId:base64key")
                .withMessageNotContaining(K1);
        assertThatIllegalStateException()
                .isThrownBy(() -> PersonalDataKeys.cipher("k1:" + K1 + ",k1:" + K2, BLIND_INDEX, dataDirectory))
                .withMessageContaining("twice");
        assertThatIllegalStateException()
                .isThrownBy(() -> PersonalDataKeys.cipher("k1:" + K1, "not base64!", dataDirectory))
                .withMessageContaining("base64");
    }

    @Test
    void refusesAKeyFileThatDoesNotHoldA32ByteKey() throws IOException {
        Path keyDirectory = Files.createDirectories(dataDirectory.resolve("keys"));
        Files.writeString(keyDirectory.resolve("pii-k1.key"), "c2hvcnQ=", StandardCharsets.US_ASCII);

        assertThatIllegalStateException()
                .isThrownBy(() -> PersonalDataKeys.cipher("", "", keyDirectory))
                .withMessageContaining("pii-k1.key");
    }

    @Test
    void readsTheKeysFromTheEnvironmentVariablesThroughRelaxedBinding() {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("RECOURSE_KEYS_PII", "k1:" + K1, "RECOURSE_KEYS_BLIND_INDEX", BLIND_INDEX)));
        ConfigurationPropertySources.attach(environment);

        // The same placeholders as the @Value parameters of the bean method.
        assertThat(environment.resolvePlaceholders("${recourse.keys.pii:}")).isEqualTo("k1:" + K1);
        assertThat(environment.resolvePlaceholders("${recourse.keys.blind-index:}")).isEqualTo(BLIND_INDEX);
    }

    private static String base64Key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 17 + i);
        }
        return Base64.getEncoder().encodeToString(key);
    }
}
