package org.jianqun.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voice files are named by the simulator only, so a name from the page can never reach outside their folder. */
class SimulatorVoicesTest {
    @Test
    void storesReadsAndRefusesNamesItDidNotMake(@TempDir Path dir) {
        SimulatorVoices voices = new SimulatorVoices(dir.resolve("simulator-voice"));
        String name = voices.store("audio/wav; codecs=1", new byte[] {1, 2, 3});
        assertThat(SimulatorVoices.isName(name)).isTrue();
        assertThat(name).endsWith(".wav");
        assertThat(voices.read(name)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(SimulatorVoices.typeOf(name)).isEqualTo("audio/wav");
        assertThat(SimulatorVoices.extensionOf("text/html")).isEmpty();
        for (String bad : new String[] {"../../etc/passwd", "x.wav", name.replace(".wav", ".html"), "..%2F" + name, name + "/"}) {
            assertThat(SimulatorVoices.isName(bad)).as(bad).isFalse();
        }
        assertThat(voices.read("00000000-0000-0000-0000-000000000000.wav")).isEmpty();
    }
}
