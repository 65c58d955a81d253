package dev.colineage.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.colineage.core.model.Transformation.Subtype;
import org.junit.jupiter.api.Test;

/** The OpenLineage combination rules. */
class TransformationTest {

    private static final Transformation FILTER = Transformation.indirect(Subtype.FILTER);
    private static final Transformation CONDITIONAL = Transformation.indirect(Subtype.CONDITIONAL);

    @Test
    void aggregationWinsOverTransformationOverIdentityAlongAPath() {
        assertEquals(Transformation.AGGREGATION, Transformation.IDENTITY.then(Transformation.AGGREGATION));
        assertEquals(Transformation.AGGREGATION, Transformation.AGGREGATION.then(Transformation.TRANSFORMATION));
        assertEquals(Transformation.TRANSFORMATION, Transformation.TRANSFORMATION.then(Transformation.IDENTITY));
    }

    @Test
    void indirectWinsOverDirectAndTheOuterIndirectKindDescribesIt() {
        assertEquals(FILTER, Transformation.AGGREGATION.then(FILTER));
        assertEquals(CONDITIONAL, CONDITIONAL.then(Transformation.IDENTITY));
        assertEquals(FILTER, CONDITIONAL.then(FILTER));
    }

    @Test
    void maskingIsOredAlongAPathButAndedSideBySide() {
        Transformation hashed = Transformation.TRANSFORMATION.masked();
        assertEquals(hashed, hashed.then(Transformation.IDENTITY));
        assertEquals(Transformation.TRANSFORMATION, hashed.merge(Transformation.IDENTITY));
    }

    @Test
    void subtypeMustBelongToType() {
        assertThrows(IllegalArgumentException.class,
                () -> new Transformation(Transformation.Type.DIRECT, Subtype.FILTER, false));
    }

    @Test
    void columnRefRejectsAnEmptyPath() {
        assertThrows(IllegalArgumentException.class, () -> new ColumnRef(new TableRef("p", "d", "t"), java.util.List.of()));
    }
}
