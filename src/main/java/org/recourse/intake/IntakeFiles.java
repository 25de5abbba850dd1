package org.recourse.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.RecourseProperties;
import org.springframework.stereotype.Component;

/**
 * Uploaded files between receipt and processing, under {@code <data-dir>/intake/}. They hold personal
 * data in clear, so they live only until their batch is finished and are deleted then.
 */
@Component
class IntakeFiles {

    private final Path directory;

    IntakeFiles(RecourseProperties properties) {
        this.directory = properties.dataDir().resolve("intake").toAbsolutePath();
    }

    /** A received file: where it lies, its SHA-256, its size, and its line count when it is text. */
    record Received(Path path, String sha256, long bytes, @Nullable Long lines) {
    }

    /** Copies the upload to a temporary file, hashing and measuring it; refuses it past {@code maxBytes}. */
    Received receive(InputStream content, long maxBytes) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "upload-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long bytes = 0;
            long newlines = 0;
            boolean binary = false;
            byte[] buffer = new byte[1 << 16];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                int read;
                while ((read = content.read(buffer)) > 0) {
                    bytes += read;
                    if (bytes > maxBytes) {
                        throw IntakeProblem.fileTooLarge(maxBytes);
                    }
                    for (int i = 0; i < read; i++) {
                        byte b = buffer[i];
                        newlines += b == '\n' ? 1 : 0;
                        binary |= b == 0;
                    }
                    out.write(buffer, 0, read);
                }
            } catch (RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            boolean zip = bytes >= 4 && startsWithZipMagic(temporary);
            // A line count estimates the rows of a CSV for the progress bar; it means nothing for a zip.
            Long lines = zip || binary ? null : newlines;
            return new Received(temporary, HexFormat.of().formatHex(sha256.digest()), bytes, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("An upload could not be stored", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path keep(Received received, UUID batch) {
        try {
            return Files.move(received.path(), path(batch), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("An upload could not be stored", e);
        }
    }

    Path path(UUID batch) {
        return directory.resolve(batch + ".upload");
    }

    void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("An upload could not be deleted", e);
        }
    }

    private static boolean startsWithZipMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }
}
