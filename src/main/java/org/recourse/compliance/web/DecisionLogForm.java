package org.recourse.compliance.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.DecisionLogViews.LogRequest;

/** The decision log's filter form as typed; every field a string, so a bad value is shown next to its field. */
record DecisionLogForm(@Nullable String rule, @Nullable String outcome, @Nullable String agencyId,
        @Nullable String collectorId, @Nullable String from, @Nullable String to, @Nullable String cursor) {

    LogRequest request() {
        return new LogRequest(rule, outcome, agencyId, collectorId, from, to, cursor);
    }

    /** The filters without the cursor: the period's summary ignores paging. */
    LogRequest filtersOnly() {
        return new LogRequest(rule, outcome, agencyId, collectorId, from, to, null);
    }

    /** The filled-in filters as a query string on {@code path}, with {@code nextCursor} if given. */
    String link(String path, @Nullable String nextCursor) {
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        fields.put("rule", rule);
        fields.put("outcome", outcome);
        fields.put("agencyId", agencyId);
        fields.put("collectorId", collectorId);
        fields.put("from", from);
        fields.put("to", to);
        fields.put("cursor", nextCursor);
        String query = fields.entrySet().stream()
                .filter(field -> field.getValue() != null && !field.getValue().isBlank())
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }
}
