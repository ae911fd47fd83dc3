package io.cxengine.journey.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The routing of an HAProxy configuration as HAProxy evaluates it, for the few fetches it uses: ACLs on {@code path},
 * {@code path_beg} and {@code path_reg} (several lines of one name match if any does), the {@code METH_*} ACLs,
 * {@code use_backend ... if} conditions of terms joined by {@code or} (each a conjunction, {@code !} negating), the
 * first that matches, else {@code default_backend}; and each backend's servers and settings.
 */
final class HaproxyRoutes {

    private final Map<String, List<BiPredicate<String, String>>> acls = new HashMap<>();
    private final List<Map.Entry<String, String>> useBackends = new ArrayList<>();
    private String defaultBackend;
    private final Map<String, List<String>> backends = new LinkedHashMap<>();

    static HaproxyRoutes read(Path file) throws IOException {
        HaproxyRoutes routes = new HaproxyRoutes();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.replaceAll("#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!Character.isWhitespace(raw.charAt(0))) {
                section = line;
                if (line.startsWith("backend ")) {
                    routes.backends.put(line.substring("backend ".length()).strip(), new ArrayList<>());
                }
                continue;
            }
            if (section.startsWith("frontend ")) {
                routes.frontend(line);
            } else if (section.startsWith("backend ")) {
                routes.backends.get(section.substring("backend ".length()).strip()).add(line);
            }
        }
        return routes;
    }

    private void frontend(String line) {
        List<String> words = Arrays.asList(line.split("\\s+"));
        switch (words.get(0)) {
            case "acl" -> {
                List<String> values = words.subList(3, words.size());
                BiPredicate<String, String> test = switch (words.get(2)) {
                    case "path" -> (method, path) -> values.contains(path);
                    case "path_beg" -> (method, path) -> values.stream().anyMatch(path::startsWith);
                    case "path_reg" -> {
                        List<Pattern> patterns = values.stream().map(Pattern::compile).toList();
                        yield (method, path) -> patterns.stream().anyMatch(pattern -> pattern.matcher(path).find());
                    }
                    default -> throw new IllegalArgumentException("Fetch not understood here: " + line);
                };
                acls.computeIfAbsent(words.get(1), name -> new ArrayList<>()).add(test);
            }
            case "use_backend" -> {
                if (!words.get(2).equals("if")) {
                    throw new IllegalArgumentException("Only 'use_backend B if ...' is understood here: " + line);
                }
                useBackends.add(Map.entry(words.get(1), String.join(" ", words.subList(3, words.size()))));
            }
            case "default_backend" -> defaultBackend = words.get(1);
            default -> { }
        }
    }

    /** The backend a request goes to. */
    String backend(String method, String path) {
        for (Map.Entry<String, String> use : useBackends) {
            for (String term : use.getValue().split("\\s+(or|\\|\\|)\\s+")) {
                if (Arrays.stream(term.split("\\s+")).allMatch(acl -> matches(acl, method, path))) {
                    return use.getKey();
                }
            }
        }
        return defaultBackend;
    }

    private boolean matches(String acl, String method, String path) {
        if (acl.startsWith("!")) {
            return !matches(acl.substring(1), method, path);
        }
        if (acl.startsWith("METH_")) {
            String wanted = acl.substring("METH_".length());
            return wanted.equals(method) || wanted.equals("GET") && method.equals("HEAD");
        }
        List<BiPredicate<String, String>> tests = acls.get(acl);
        if (tests == null) {
            throw new IllegalArgumentException("Unknown ACL " + acl);
        }
        return tests.stream().anyMatch(test -> test.test(method, path));
    }

    List<String> servers(String backend) {
        return backends.get(backend).stream().filter(line -> line.startsWith("server "))
                .map(line -> line.split("\\s+")[2]).toList();
    }

    List<String> settings(String backend) {
        return backends.get(backend);
    }
}
