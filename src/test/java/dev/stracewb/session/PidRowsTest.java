package dev.stracewb.session;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PidRowsTest {

    @Test
    void behavesLikeAMapUnderRandomPutsAndRemovesWithCollidingPids() {
        PidRows rows = new PidRows();
        Map<Integer, Integer> expected = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            int pid = rnd.nextInt(300) * 64; // many keys share low bits
            if (rnd.nextInt(3) == 0) {
                assertThat(rows.remove(pid)).isEqualTo(expected.getOrDefault(pid, -1));
                expected.remove(pid);
            } else {
                assertThat(rows.put(pid, i)).isEqualTo(expected.getOrDefault(pid, -1));
                expected.put(pid, i);
            }
            if (i % 1000 == 0) {
                for (int k = 0; k < 300; k++) {
                    assertThat(rows.get(k * 64)).isEqualTo(expected.getOrDefault(k * 64, -1));
                }
                assertThat(rows.size()).isEqualTo(expected.size());
            }
        }
        assertThat(rows.rows()).containsExactlyInAnyOrder(expected.values().stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void pidZeroIsAKeyLikeAnyOther() {
        PidRows rows = new PidRows();
        rows.put(0, 7);
        assertThat(rows.get(0)).isEqualTo(7);
        assertThat(rows.remove(0)).isEqualTo(7);
        assertThat(rows.get(0)).isEqualTo(-1);
    }
}
