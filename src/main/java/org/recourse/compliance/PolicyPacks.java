package org.recourse.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.recourse.compliance.PolicyPack.NotEnforced;
import org.recourse.compliance.PolicyPack.Sourced;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy packs shipped in {@code compliance/packs/*.json}, read and checked once at start: a pack
 * with an unknown parameter, a value of the wrong shape, a missing source or verification label, or an
 * unknown zone stops the application rather than run with a rule silently off.
 */
@Component
public class PolicyPacks {

    /** Institutions follow this pack unless the platform assigns another. */
    public static final String DEFAULT_PACK = "CN-NIFA-2018";

    private static final List<String> LABELS = List.of("V-primary", "V-secondary", "UNVERIFIED");

    private final Map<String, PolicyPack> packs;

    PolicyPacks() {
        this(resources("classpath:compliance/packs/*.json"));
    }

    PolicyPacks(List<Resource> files) {
        Map<String, PolicyPack> read = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (Resource file : files) {
            PolicyPack pack = read(json, file);
            if (read.putIfAbsent(pack.id(), pack) != null) {
                throw new IllegalStateException("Policy pack " + pack.id() + " is defined twice");
            }
        }
        if (!read.containsKey(DEFAULT_PACK)) {
            throw new IllegalStateException("The default policy pack " + DEFAULT_PACK + " is missing");
        }
        this.packs = Map.copyOf(read);
    }

    public List<PolicyPack> all() {
        return packs.values().stream().sorted(java.util.Comparator.comparing(PolicyPack::id)).toList();
    }

    public Optional<PolicyPack> find(String id) {
        return Optional.ofNullable(packs.get(id));
    }

    public PolicyPack get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No policy pack " + id));
    }

    private static PolicyPack read(JsonMapper json, Resource file) {
        String name = file.getFilename();
        JsonNode root;
        try (InputStream in = file.getInputStream()) {
            root = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read policy pack " + name, e);
        } catch (JacksonException e) {
            throw invalid(name, "is not valid JSON: " + e.getOriginalMessage());
        }
        String id = text(root, "pack", name);
        if (!(id + ".json").equals(name)) {
            throw invalid(name, "names pack " + id + "; the file must be called " + id + ".json");
        }
        List<ZoneId> zones = new ArrayList<>();
        for (JsonNode zone : root.path("zones")) {
            try {
                zones.add(ZoneId.of(zone.asString()));
            } catch (DateTimeException e) {
                throw invalid(name, "names an unknown zone " + zone);
            }
        }
        if (zones.isEmpty()) {
            throw invalid(name, "names no zone");
        }
        Map<PolicyParameter, Sourced> parameters = new EnumMap<>(PolicyParameter.class);
        for (Map.Entry<String, JsonNode> entry : root.path("parameters").properties()) {
            PolicyParameter parameter = PolicyParameter.byKey(entry.getKey())
                    .orElseThrow(() -> invalid(name, "has an unknown parameter " + entry.getKey()));
            Object value = parameter.read(entry.getValue().path("value"))
                    .orElseThrow(() -> invalid(name, "has a value of the wrong shape for " + entry.getKey()));
            parameters.put(parameter, new Sourced(value, text(entry.getValue(), "source", name),
                    label(entry.getValue(), name, entry.getKey())));
        }
        boolean quietFrom = parameters.containsKey(PolicyParameter.QUIET_FROM);
        if (quietFrom != parameters.containsKey(PolicyParameter.QUIET_TO)) {
            throw invalid(name, "sets only one end of the quiet hours");
        }
        Map<String, NotEnforced> notEnforced = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("notEnforced").properties()) {
            JsonNode node = entry.getValue();
            notEnforced.put(entry.getKey(), new NotEnforced(json.convertValue(node.path("value"), Object.class),
                    text(node, "source", name), label(node, name, entry.getKey()), text(node, "why", name)));
        }
        return new PolicyPack(id, text(root, "version", name), text(root, "jurisdiction", name),
                text(root, "rulePrefix", name), List.copyOf(zones), root.path("note").asString(""),
                java.util.Collections.unmodifiableMap(parameters), java.util.Collections.unmodifiableMap(notEnforced));
    }

    private static String label(JsonNode node, String file, String parameter) {
        String label = node.path("verification").asString("");
        if (!LABELS.contains(label)) {
            throw invalid(file, "gives " + parameter + " no verification label of " + LABELS);
        }
        return label;
    }

    private static String text(JsonNode node, String field, String file) {
        String value = node.path(field).asString("");
        if (value.isBlank()) {
            throw invalid(file, "has no " + field);
        }
        return value;
    }

    private static IllegalStateException invalid(String file, String what) {
        return new IllegalStateException("Policy pack file " + file + " " + what);
    }

    private static List<Resource> resources(String pattern) {
        try {
            return List.of(new PathMatchingResourcePatternResolver().getResources(pattern));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the policy packs", e);
        }
    }
}
