package dev.stracewb.trace;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimeFormatTest {

    @Test
    void timeOfDayReadsAsStraceWroteIt() {
        long nanos = ((3 * 3600 + 26 * 60 + 28) * 1_000_000_000L) + 524_857_123L;
        assertThat(TimeFormat.TIME_OF_DAY.format(nanos)).isEqualTo("03:26:28.524857");
        assertThat(TimeFormat.TIME_OF_DAY.format(0)).isEqualTo("00:00:00.000000");
        assertThat(TimeFormat.TIME_OF_DAY.format(TraceEvent.NO_TIME)).isEmpty();
    }

    @Test
    void timeOfDayMatchesTheFormatterItReplacesOnAnyTime() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long nanos = random.nextLong(-5L * 86_400_000_000_000L, 40L * 86_400_000_000_000L);
            long s = Math.floorDiv(nanos, 1_000_000_000L);
            long micros = Math.floorMod(nanos, 1_000_000_000L) / 1000;
            String expected = String.format("%02d:%02d:%02d.%06d", (s / 3600) % 24, (s / 60) % 60, s % 60, micros);
            assertThat(TimeFormat.TIME_OF_DAY.format(nanos)).isEqualTo(expected);
        }
    }

    @Test
    void secondsAreWrittenAsStraceWritesADuration() {
        assertThat(TimeFormat.seconds(0)).isEqualTo("0.000000");
        assertThat(TimeFormat.seconds(7_000)).isEqualTo("0.000007");
        assertThat(TimeFormat.seconds(7_999)).isEqualTo("0.000007");
        assertThat(TimeFormat.seconds(1_234_567_000L)).isEqualTo("1.234567");
        assertThat(TimeFormat.seconds(12_000_000_000L)).isEqualTo("12.000000");
        assertThat(TimeFormat.RELATIVE.format(1_500_000_000L)).isEqualTo("+1.500000s");
    }

    @Test
    void secondsMatchTheFormatterTheyReplaceOnAnyDuration() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long nanos = i % 2 == 0 ? random.nextLong(0, 5_000_000L) : random.nextLong(-10_000_000_000L, 1L << 50);
            String expected = String.format("%d.%06d", nanos / 1_000_000_000L, (nanos % 1_000_000_000L) / 1000);
            assertThat(TimeFormat.seconds(nanos)).isEqualTo(expected);
        }
    }
}
