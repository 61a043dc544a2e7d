package dev.stracewb.bench;

import dev.stracewb.parse.LineParser;
import dev.stracewb.parse.ParsedLine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * ns per line of {@link LineParser#parse} over the lines of a recorded fixture (all forms mixed, as they come).
 * Run: src/test/scripts/bench-parser.sh (JMH, test classpath).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineParserBenchmark {

    @Param({"apache-outage.strace", "threads-interleaved.strace", "escapes.strace", "k.strace"})
    public String fixture;

    private byte[] bytes;
    private int[] starts;
    private int[] lengths;
    private final LineParser parser = new LineParser();
    private final ParsedLine parsed = new ParsedLine();

    @Setup
    public void load() throws Exception {
        Path dir = Path.of(System.getProperty("stracewb.fixtures", "src/test/resources/fixtures/core"));
        bytes = Files.readAllBytes(dir.resolve(fixture));
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        starts = new int[n];
        lengths = new int[n];
        int start = 0;
        int i = 0;
        for (int p = 0; p < bytes.length; p++) {
            if (bytes[p] == '\n') {
                starts[i] = start;
                lengths[i++] = p - start;
                start = p + 1;
            }
        }
    }

    /** All lines of the fixture; JMH divides by the operations per invocation. */
    @Benchmark
    public void parseEveryLine(Blackhole bh) {
        for (int i = 0; i < starts.length; i++) {
            bh.consume(parser.parse(bytes, starts[i], lengths[i], parsed).shape);
        }
    }

    public int lines() {
        return starts.length;
    }
}
