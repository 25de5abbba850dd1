package org.recourse.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Supplies the keys that protect personal data at rest, from configuration in production or from key files that
 * are generated on first start for a single machine.
 *
 * <p>{@code recourse.keys.pii} ({@code RECOURSE_KEYS_PII}) is {@code keyId:base64key[,keyId:base64key...]} with the
 * active key first, older keys after it so that what they wrote still decrypts; {@code recourse.keys.blind-index}
 * ({@code RECOURSE_KEYS_BLIND_INDEX}) is one base64 key. Without either, {@code pii-k1.key} and
 * {@code blind-index.key} under {@code ${recourse.data-dir}/keys/} are used, and made when missing.
 */
@Configuration(proxyBeanMethods = false)
public final class PersonalDataKeys {

    static final String GENERATED_KEY_ID = "k1";
    static final String PII_KEY_FILE = "pii-" + GENERATED_KEY_ID + ".key";
    static final String BLIND_INDEX_KEY_FILE = "blind-index.key";

    private static final String PII_PROPERTY = "recourse.keys.pii";
    private static final String BLIND_INDEX_PROPERTY = "recourse.keys.blind-index";
    private static final int KEY_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);

    @Bean
    PersonalDataCipher personalDataCipher(
            @Value("${recourse.keys.pii:}") String configuredPiiKeys,
            @Value("${recourse.keys.blind-index:}") String configuredBlindIndexKey,
            @Value("${recourse.data-dir:./data}") String dataDirectory) {
        return cipher(configuredPiiKeys, configuredBlindIndexKey, Path.of(dataDirectory).resolve("keys"));
    }

    /** Builds the cipher from the configured keys when both are set, and from the key directory when neither is. */
    static PersonalDataCipher cipher(String configuredPiiKeys, String configuredBlindIndexKey, Path keyDirectory) {
        boolean piiConfigured = !configuredPiiKeys.isBlank();
        boolean blindIndexConfigured = !configuredBlindIndexKey.isBlank();
        if (piiConfigured && blindIndexConfigured) {
            Map<String, byte[]> keys = parsePiiKeys(configuredPiiKeys);
            String activeKeyId = keys.keySet().iterator().next();
            return new PersonalDataCipher(keys, activeKeyId, decodeKey(configuredBlindIndexKey, BLIND_INDEX_PROPERTY));
        }
        if (piiConfigured || blindIndexConfigured) {
            // A key generated beside one that is configured would differ on every fresh machine and strand the data.
            throw new IllegalStateException("Set both " + PII_PROPERTY + " and " + BLIND_INDEX_PROPERTY
                    + " (RECOURSE_KEYS_PII and RECOURSE_KEYS_BLIND_INDEX) or neither; only "
                    + (piiConfigured ? PII_PROPERTY : BLIND_INDEX_PROPERTY) + " is set");
        }
        byte[] piiKey = readOrGenerate(keyDirectory.resolve(PII_KEY_FILE));
        byte[] blindIndexKey = readOrGenerate(keyDirectory.resolve(BLIND_INDEX_KEY_FILE));
        return new PersonalDataCipher(Map.of(GENERATED_KEY_ID, piiKey), GENERATED_KEY_ID, blindIndexKey);
    }

    /** Parses {@code keyId:base64key[,...]} in order, so that the first entry is the active key. */
    static Map<String, byte[]> parsePiiKeys(String configured) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String[] entries = configured.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int separator = entry.indexOf(':');
            // Messages name the entry's position and key id only, never the key itself.
            if (separator <= 0 || separator == entry.length() - 1) {
                throw new IllegalStateException(
                        PII_PROPERTY + " entry " + (i + 1) + " is not of the form keyId:base64key");
            }
            String keyId = entry.substring(0, separator).strip();
            if (keys.containsKey(keyId)) {
                throw new IllegalStateException(PII_PROPERTY + " names key id '" + keyId + "' twice");
            }
            keys.put(keyId, decodeKey(entry.substring(separator + 1), PII_PROPERTY + " key '" + keyId + "'"));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(PII_PROPERTY + " names no key");
        }
        return keys;
    }

    private static byte[] decodeKey(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes a character of the key.
            throw new IllegalStateException(what + " is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(what + " must decode to " + KEY_BYTES + " bytes, not " + key.length);
        }
        return key;
    }

    private static byte[] readOrGenerate(Path keyFile) {
        try {
            if (Files.notExists(keyFile)) {
                generate(keyFile);
            }
            return decodeKey(Files.readString(keyFile, StandardCharsets.US_ASCII), "Key file " + keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Key file " + keyFile + " could not be read or created", e);
        }
    }

    private static void generate(Path keyFile) throws IOException {
        Path directory = keyFile.toAbsolutePath().getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (Files.notExists(directory)) {
            if (posix) {
                Files.createDirectories(directory, ownerOnly("rwx------"));
            } else {
                Files.createDirectories(directory);
            }
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            // createFile fails if the file exists, so two starts racing cannot overwrite each other's key.
            if (posix) {
                Files.createFile(keyFile, ownerOnly("rw-------"));
            } else {
                Files.createFile(keyFile);
            }
        } catch (FileAlreadyExistsException e) {
            return;
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        log.warn("Generated personal data key file {}: back it up, as stored personal data cannot be read or "
                + "searched without it (or set RECOURSE_KEYS_PII and RECOURSE_KEYS_BLIND_INDEX instead)", keyFile);
    }

    private static FileAttribute<?> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
