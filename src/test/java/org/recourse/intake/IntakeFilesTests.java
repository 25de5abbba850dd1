package org.recourse.intake;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recourse.shared.RecourseProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uploads are measured while they are stored: one over the limit is refused and leaves nothing on disk. */
class IntakeFilesTests {

    @TempDir
    Path dataDir;

    @Test
    void refusesAnUploadOverTheLimitAndKeepsNoPartOfIt() {
        IntakeFiles files = new IntakeFiles(properties());

        assertThatThrownBy(() -> files.receive(new ByteArrayInputStream(new byte[200_000]), 100_000))
                .isInstanceOfSatisfying(IntakeProblem.class, problem -> assertThat(problem.code()).isEqualTo("file.too_large"));
        assertThat(dataDir.resolve("intake")).isEmptyDirectory();
    }

    @Test
    void hashesCountsAndEstimatesTheRowsOfATextUpload() throws Exception {
        IntakeFiles files = new IntakeFiles(properties());
        byte[] csv = "a,b\n1,2\n3,4\n".getBytes();

        IntakeFiles.Received received = files.receive(new ByteArrayInputStream(csv), 1_000);

        assertThat(received.bytes()).isEqualTo(csv.length);
        assertThat(received.lines()).isEqualTo(3);
        assertThat(received.sha256()).hasSize(64);
        assertThat(Files.readAllBytes(received.path())).isEqualTo(csv);
    }

    private RecourseProperties properties() {
        return new RecourseProperties(dataDir, false, null, false, null, new RecourseProperties.Db(null, null, null, true),
                new RecourseProperties.Security(5, java.time.Duration.ofMinutes(15)));
    }
}
