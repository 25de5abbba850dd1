package org.recourse.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** At the configured local time on day D+1 the run for business date D is due; not a minute before. */
class NightlyScheduleTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalTime HALF_PAST_ONE = LocalTime.of(1, 30);

    @Test
    void isNotDueBeforeTheConfiguredLocalTime() {
        assertThat(NightlySchedule.dueBusinessDate(Instant.parse("2026-11-30T17:29:59Z"), HALF_PAST_ONE, SHANGHAI))
                .isEmpty();
    }

    @Test
    void runsYesterdayFromTheConfiguredLocalTimeOn() {
        // 17:30 UTC on 30 November is 01:30 on 1 December in Shanghai.
        assertThat(NightlySchedule.dueBusinessDate(Instant.parse("2026-11-30T17:30:00Z"), HALF_PAST_ONE, SHANGHAI))
                .contains(LocalDate.of(2026, 11, 30));
        assertThat(NightlySchedule.dueBusinessDate(Instant.parse("2026-12-01T15:59:59Z"), HALF_PAST_ONE, SHANGHAI))
                .contains(LocalDate.of(2026, 11, 30));
    }

    @Test
    void judgesTheTimeInTheConfiguredZone() {
        Instant moment = Instant.parse("2026-12-01T02:00:00Z");

        assertThat(NightlySchedule.dueBusinessDate(moment, HALF_PAST_ONE, SHANGHAI))
                .contains(LocalDate.of(2026, 11, 30));
        assertThat(NightlySchedule.dueBusinessDate(moment, HALF_PAST_ONE, ZoneId.of("America/New_York")))
                .contains(LocalDate.of(2026, 11, 29));
    }

    @Test
    void bindsItsSettingsWithDefaults() {
        DailyProperties defaults = bind(Map.of());
        DailyProperties configured = bind(Map.of("recourse.daily.time", "02:15", "recourse.daily.zone", "Asia/Urumqi",
                "recourse.daily.enabled", "false", "recourse.daily.parts", "3"));

        assertThat(defaults).isEqualTo(new DailyProperties(true, HALF_PAST_ONE, SHANGHAI, 0));
        assertThat(configured).isEqualTo(new DailyProperties(false, LocalTime.of(2, 15), ZoneId.of("Asia/Urumqi"), 3));
    }

    private static DailyProperties bind(Map<String, String> properties) {
        Binder binder = new Binder(java.util.List.of(new MapConfigurationPropertySource(properties)), null,
                ApplicationConversionService.getSharedInstance());
        return binder.bindOrCreate("recourse.daily", DailyProperties.class);
    }
}
