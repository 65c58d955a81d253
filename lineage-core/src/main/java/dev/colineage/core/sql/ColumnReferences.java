package dev.colineage.core.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Column;

/**
 * Every column reference in a parsed statement: each {@link Column} node and each bare date unit
 * ({@link DateUnitExpression}) anywhere in the tree.
 *
 * <p>It walks the object graph of the AST by reflection instead of with JSqlParser's visitors on
 * purpose: it is the coverage guard's view of the tree, and it must not share the blind spots of the
 * visitors whose work it checks (a clause a visitor forgets is exactly what it has to find).
 */
public final class ColumnReferences {

    /** Per AST class, the fields that may hold further nodes (primitives, strings and enums cannot). */
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private ColumnReferences() {
    }

    /** The column references under {@code root}, each node once, in no particular order. */
    public static List<Object> in(Object root) {
        List<Object> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayList<Object> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Object node = stack.remove(stack.size() - 1);
            if (node == null || !seen.add(node)) {
                continue;
            }
            if (node instanceof Column || node instanceof DateUnitExpression) {
                found.add(node);
                continue; // a column's table part is a name, not a reference
            }
            if (node instanceof Iterable<?> iterable) {
                iterable.forEach(stack::add);
            } else if (node instanceof Map<?, ?> map) {
                stack.addAll(map.keySet());
                stack.addAll(map.values());
            } else if (node instanceof Object[] array) {
                Collections.addAll(stack, array);
            } else if (node instanceof Map.Entry<?, ?> entry) {
                stack.add(entry.getKey());
                stack.add(entry.getValue());
            } else if (isAstNode(node.getClass())) {
                for (Field f : fieldsOf(node.getClass())) {
                    try {
                        stack.add(f.get(node));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read " + f, e);
                    }
                }
            }
        }
        return found;
    }

    private static boolean isAstNode(Class<?> type) {
        return type.getName().startsWith("net.sf.jsqlparser.") && !type.isEnum();
    }

    private static List<Field> fieldsOf(Class<?> type) {
        return FIELDS.computeIfAbsent(type, ColumnReferences::readableFields);
    }

    private static List<Field> readableFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Class<?> t = f.getType();
                if (Modifier.isStatic(f.getModifiers()) || t.isPrimitive() || t == String.class || t.isEnum()
                        || Number.class.isAssignableFrom(t) || Node.class.isAssignableFrom(t)) {
                    continue; // the parser's own node tree links back to parents: never a lineage input
                }
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return fields;
    }
}
