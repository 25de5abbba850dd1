package org.recourse.shared.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.recourse.shared.time.AdjustableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside test mode, as in production, the clock follows the system and cannot be set from outside. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "recourse.test-mode=false")
@ActiveProfiles("test")
class TestModeOffTests {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Test
    void theTestClockPathsAnswerNotFound() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI clockUri = URI.create("http://localhost:" + port + "/api/v1/test/clock");

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(clockUri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(clockUri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"instant\":\"2030-01-01T00:00:00Z\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(set.statusCode()).isEqualTo(404);
        assertThat(clock).isNotInstanceOf(AdjustableClock.class);
    }
}
