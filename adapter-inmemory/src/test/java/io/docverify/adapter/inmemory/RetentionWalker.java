package io.docverify.adapter.inmemory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks everything an object keeps reachable (its fields, the static fields of its classes, and the contents of
 * JDK maps, collections, optionals and arrays) and reports every {@code byte[]} or {@code ByteBuffer} found on the way, with its path. Other JDK
 * objects (strings, instants, clocks, executors) are not looked into.
 */
final class RetentionWalker {
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private final List<String> fileBytes = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final Map<Class<?>, Integer> counts = new java.util.HashMap<>();
    private final java.util.Set<Class<?>> classesWalked = new java.util.HashSet<>();

    private record Step(Object value, String path) {
    }

    static RetentionWalker walk(Object root) {
        var walker = new RetentionWalker();
        walker.run(root);
        return walker;
    }

    /** Paths at which bytes were found. */
    List<String> fileBytes() {
        return fileBytes;
    }

    /** Paths of fields the walker could not read (each one a blind spot). */
    List<String> unreadable() {
        return unreadable;
    }

    /** How many distinct objects of the class were reached. */
    int count(Class<?> type) {
        return counts.getOrDefault(type, 0);
    }

    private void run(Object root) {
        Deque<Step> todo = new ArrayDeque<>();
        todo.push(new Step(root, root.getClass().getSimpleName()));
        while (!todo.isEmpty()) {
            Step step = todo.pop();
            Object value = step.value();
            if (value == null || seen.put(value, Boolean.TRUE) != null) {
                continue;
            }
            Class<?> type = value.getClass();
            counts.merge(type, 1, Integer::sum);
            String path = step.path();
            if (value instanceof byte[] || value instanceof ByteBuffer) {
                fileBytes.add(path);
            } else if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    Object[] elements = (Object[]) value;
                    for (int i = 0; i < elements.length; i++) {
                        todo.push(new Step(elements[i], path + "[" + i + "]"));
                    }
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : List.copyOf(map.entrySet())) {
                    todo.push(new Step(e.getKey(), path + ".key"));
                    todo.push(new Step(e.getValue(), path + "[" + e.getKey() + "]"));
                }
            } else if (value instanceof Collection<?> collection) {
                int i = 0;
                for (Object element : List.copyOf(collection)) {
                    todo.push(new Step(element, path + "[" + i++ + "]"));
                }
            } else if (value instanceof Optional<?> optional) {
                todo.push(new Step(optional.orElse(null), path + ".get"));
            } else if (!isJdk(type)) {
                for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
                    boolean firstOfClass = classesWalked.add(c);
                    for (Field field : c.getDeclaredFields()) {
                        boolean isStatic = Modifier.isStatic(field.getModifiers());
                        if (field.getType().isPrimitive() || (isStatic && !firstOfClass)) {
                            continue;
                        }
                        if (!field.trySetAccessible()) {
                            unreadable.add(path + "." + field.getName());
                            continue;
                        }
                        try {
                            todo.push(isStatic
                                    ? new Step(field.get(null), c.getSimpleName() + "." + field.getName())
                                    : new Step(field.get(value), path + "." + field.getName()));
                        } catch (IllegalAccessException e) {
                            unreadable.add(path + "." + field.getName());
                        }
                    }
                }
            }
        }
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.");
    }
}
