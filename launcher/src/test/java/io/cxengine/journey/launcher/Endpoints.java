package io.cxengine.journey.launcher;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** The HTTP endpoints the controllers of a package declare, read from their mapping annotations. */
final class Endpoints {

    record Endpoint(String method, String path) {
        /** The path with every variable filled in. */
        String example() {
            return path.replaceAll("\\{[^}]+}", "3f2c9a");
        }
    }

    static List<Endpoint> of(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        List<Endpoint> endpoints = new ArrayList<>();
        scanner.findCandidateComponents(basePackage).forEach(candidate -> {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), Endpoints.class.getClassLoader());
            RequestMapping onType = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
            List<String> prefixes = onType == null || onType.path().length == 0 ? List.of("") : List.of(onType.path());
            for (Method method : type.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                List<String> paths = mapping.path().length == 0 ? List.of("") : List.of(mapping.path());
                for (String prefix : prefixes) {
                    for (String path : paths) {
                        // A mapping that names no method takes them all: checked as a GET and a POST.
                        RequestMethod[] verbs = mapping.method().length > 0 ? mapping.method()
                                : new RequestMethod[]{RequestMethod.GET, RequestMethod.POST};
                        for (RequestMethod verb : verbs) {
                            endpoints.add(new Endpoint(verb.name(), prefix + path));
                        }
                    }
                }
            }
        });
        return endpoints;
    }
}
