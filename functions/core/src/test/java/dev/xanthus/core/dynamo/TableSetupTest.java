package dev.xanthus.core.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.core.testing.LocalDynamo;
import org.junit.jupiter.api.Test;

class TableSetupTest {

    @Test
    void ensure_shouldBeIdempotent_andKeepExistingItems() {
        String table = LocalDynamo.newTable();
        LocalDynamo.client().putItem(b -> b.tableName(table).item(Items.key("K", "1")));

        TableSetup.ensure(LocalDynamo.client(), table);

        assertThat(LocalDynamo.client()
                        .getItem(b -> b.tableName(table).key(Items.key("K", "1")))
                        .hasItem())
                .isTrue();
        assertThat(LocalDynamo.client()
                        .describeTable(b -> b.tableName(table))
                        .table()
                        .keySchema())
                .hasSize(2);
    }
}
