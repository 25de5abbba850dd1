package org.recourse.daily;

import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * When the nightly run starts (prefix {@code recourse.daily}). At {@code time} on day D+1, local to
 * {@code zone}, the run for business date D (yesterday) is started; the zone also decides what "today" is
 * when an administrator asks for a run.
 *
 * @param enabled starts the nightly run by itself; off, runs start only when asked for
 * @param time    local time after which the night's run starts (default 01:30)
 * @param zone    the platform's zone for business dates (default Asia/Shanghai)
 * @param parts   how many parts a step that splits its cases works at once, each on its own connection
 *                ({@link NightParts}); 0 (the default): one per core of the machine; at most 4
 */
@ConfigurationProperties("recourse.daily")
record DailyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("01:30") @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime time,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("0") int parts) {
}
