package org.recourse.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The platform clock that test mode lets a test read and set over HTTP. */
@RecourseTest
class TestClockApiTests {

    private static final String CLOCK = "/api/v1/test/clock";

    @LocalServerPort
    int port;

    private RegistryApiFixtures api;
    private Instant before;

    @BeforeEach
    void readTheClock() {
        api = new RegistryApiFixtures(port);
        before = api.clock();
    }

    @AfterEach
    void restoreTheClock() {
        api.releaseClock();
    }

    @Test
    void answersTheCurrentInstantWithoutSignIn() {
        Response response = api.get(CLOCK, null);

        assertThat(response.status()).isEqualTo(200);
        Instant instant = Instant.parse(response.json().path("instant").asString());
        assertThat(instant).isAfterOrEqualTo(before);
    }

    @Test
    void standsStillAtTheInstantSet() {
        Instant later = before.plus(Duration.ofDays(3)).plusMillis(123);

        Response set = api.put(CLOCK, Map.of("instant", later.toString()));

        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(Instant.parse(set.json().path("instant").asString())).isEqualTo(later);
        assertThat(api.clock()).isEqualTo(later);
    }

    @Test
    void refusesASettingWithoutAnInstant() {
        Response response = api.put(CLOCK, Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("validation_failed");
        assertThat(response.fieldErrors()).containsExactly("instant:required");
    }

    @Test
    void refusesAnInstantThatIsNotIso8601() {
        Instant clock = api.clock();

        Response response = api.put(CLOCK, Map.of("instant", "next tuesday"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("malformed_request");
        assertThat(api.clock()).isAfterOrEqualTo(clock);
    }

    @Test
    void followsTheSystemClockAgainAfterRelease() {
        api.setClock(before.minus(Duration.ofDays(400)));

        api.releaseClock();

        assertThat(api.clock()).isAfterOrEqualTo(before);
    }
}
