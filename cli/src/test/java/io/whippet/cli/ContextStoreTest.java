package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextStoreTest {
    @TempDir
    Path home;

    @Test
    void aFreshHomeHasOnlyTheEmptyActiveDefaultContext() {
        ContextStore store = new ContextStore(home);

        assertThat(store.all()).containsOnlyKeys("default");
        assertThat(store.activeName()).isEqualTo("default");
        assertThat(store.profile("default")).isEqualTo(ContextProfile.empty());
    }

    @Test
    void createdContextsSurviveARereadIncludingAwkwardNamesAndValues() {
        ContextProfile profile =
                new ContextProfile("tcp", "10.0.0.5:8090", true, null, null, null, "ops", "p\"w\\d", null);
        new ContextStore(home).create("prod.eu west", profile);

        ContextStore reread = new ContextStore(home);
        assertThat(reread.profile("prod.eu west")).isEqualTo(profile);
    }

    @Test
    void useSwitchesTheActiveContextAndDeleteFallsBackToDefault() {
        ContextStore store = new ContextStore(home);
        store.create("staging", new ContextProfile(null, "s:1", null, null, null, null, null, null, "tok"));
        store.use("staging");
        assertThat(store.activeName()).isEqualTo("staging");

        store.delete("staging");

        assertThat(store.activeName()).isEqualTo("default");
        assertThat(store.all()).containsOnlyKeys("default");
    }

    @Test
    void unknownDuplicateAndDefaultDeletionsAreUsageErrors() {
        ContextStore store = new ContextStore(home);
        store.create("a", ContextProfile.empty());

        assertThatThrownBy(() -> store.use("b"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'b' does not exist");
        assertThatThrownBy(() -> store.create("a", ContextProfile.empty())).hasMessage("context 'a' already exists");
        assertThatThrownBy(() -> store.delete("default")).hasMessage("the default context cannot be deleted");
    }

    @Test
    void theContextsFileIsReadableByItsOwnerOnly() throws Exception {
        new ContextStore(home).create("secret", new ContextProfile(null, null, null, null, null, null, "u", "p", null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("contexts.toml"))))
                .isEqualTo("rw-------");
    }
}
