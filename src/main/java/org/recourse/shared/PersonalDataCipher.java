package org.recourse.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts debtors' and contacts' personal data at rest with AES-256-GCM and computes blind indexes to find it again.
 *
 * <p>A stored value is {@code <keyId>:base64(nonce || ciphertext || tag)}. The key id travels with the value so that
 * keys can be rotated: the active key encrypts, and every configured key still decrypts what it wrote.
 */
public final class PersonalDataCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final char SEPARATOR = ':';

    private final Map<String, SecretKey> encryptionKeys;
    private final String activeKeyId;
    private final SecretKey blindIndexKey;
    private final SecureRandom random = new SecureRandom();
    // Cipher and Mac instances are costly to look up and not thread-safe: one per thread, reused.
    // Intake encrypts millions of values in a run, where the lookup alone would cost seconds.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(PersonalDataCipher::newCipher);
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /**
     * Creates a cipher over 32-byte AES keys by key id, of which {@code activeKeyId} encrypts, and a separate
     * 32-byte HMAC key for blind indexes.
     */
    public PersonalDataCipher(Map<String, byte[]> encryptionKeys, String activeKeyId, byte[] blindIndexKey) {
        Objects.requireNonNull(encryptionKeys, "encryptionKeys");
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        Objects.requireNonNull(blindIndexKey, "blindIndexKey");
        if (encryptionKeys.isEmpty()) {
            throw new IllegalArgumentException("At least one personal data encryption key is required");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        encryptionKeys.forEach((keyId, key) -> {
            requireValidKeyId(keyId);
            requireKeyLength(key, "Encryption key '" + keyId + "'");
            keys.put(keyId, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("The active key id '" + activeKeyId + "' has no encryption key");
        }
        requireKeyLength(blindIndexKey, "The blind index key");
        this.encryptionKeys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
        this.blindIndexKey = new SecretKeySpec(blindIndexKey.clone(), HMAC);
    }

    /** Encrypts a value under the active key with a fresh random nonce, so equal values encrypt differently. */
    public String encrypt(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #encrypt(String)}, for a value that is already UTF-8 bytes (bulk loads build them directly). */
    public String encrypt(byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKeys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(activeKeyId));
            sealed = cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data could not be encrypted under key '" + activeKeyId + "'", e);
        }
        byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        return activeKeyId + SEPARATOR + Base64.getEncoder().encodeToString(stored);
    }

    /** Decrypts a stored value under the key its prefix names, failing if the value was altered. */
    public String decrypt(String stored) {
        Objects.requireNonNull(stored, "stored");
        // Messages below name the key id at most: the stored value and the plaintext stay out of logs.
        int separator = stored.indexOf(SEPARATOR);
        if (separator <= 0) {
            throw new IllegalStateException("Encrypted personal data has no key id prefix");
        }
        String keyId = stored.substring(0, separator);
        SecretKey key = encryptionKeys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Encrypted personal data names unknown key id '" + keyId + "'");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(stored.substring(separator + 1));
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes a character of the stored value.
            throw new IllegalStateException("Encrypted personal data under key '" + keyId + "' is not valid base64");
        }
        if (payload.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("Encrypted personal data under key '" + keyId + "' is truncated");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, payload, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId));
            byte[] plaintext = cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(
                    "Encrypted personal data under key '" + keyId + "' failed authentication: it was altered or corrupted",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data could not be decrypted under key '" + keyId + "'", e);
        }
    }

    /** The hex HMAC-SHA256 of an already normalised value, so that equal values can be found without decrypting. */
    public String blindIndex(String normalisedValue) {
        return HexFormat.of().formatHex(blindIndexBytes(normalisedValue));
    }

    /** As {@link #blindIndex(String)}, the 32 raw bytes (bulk loads store them as {@code bytea} unconverted). */
    public byte[] blindIndexBytes(String normalisedValue) {
        Objects.requireNonNull(normalisedValue, "normalisedValue");
        return macs.get().doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A blind index over several values taken together (e.g. every field of a record, to notice when any of
     * them changes), each part followed by a unit separator so that ("ab","c") and ("a","bc") differ.
     */
    public String blindIndex(byte[]... parts) {
        return HexFormat.of().formatHex(blindIndexBytes(parts));
    }

    /** As {@link #blindIndex(byte[]...)}, the 32 raw bytes. */
    public byte[] blindIndexBytes(byte[]... parts) {
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
            mac.update((byte) 0x1f);
        }
        return mac.doFinal();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(blindIndexKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A blind index could not be computed", e);
        }
    }

    /** The id of the key that new values are encrypted under. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Binding the key id into the tag stops a value from being relabelled to another key without detection. */
    private static byte[] associatedData(String keyId) {
        return keyId.getBytes(StandardCharsets.UTF_8);
    }

    private static void requireValidKeyId(String keyId) {
        if (keyId == null || keyId.isBlank() || keyId.indexOf(SEPARATOR) >= 0 || !keyId.strip().equals(keyId)) {
            throw new IllegalArgumentException("A key id must be non-blank without ':' or surrounding spaces");
        }
    }

    private static void requireKeyLength(byte[] key, String what) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes (AES-256)");
        }
    }
}
