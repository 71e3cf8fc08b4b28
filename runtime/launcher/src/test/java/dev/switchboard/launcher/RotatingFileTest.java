package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log/node.log rotated by size, behind the console tee. */
class RotatingFileTest {

    @TempDir
    Path directory;

    private static void line(RotatingFile file, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        file.write(bytes, 0, bytes.length);
    }

    @Test
    void aLineThatWouldNotFitStartsANewFileAndTheOldOnesShiftUp() throws IOException {
        Path log = directory.resolve("log/node.log");
        RotatingFile file = RotatingFile.open(log, 20, 2);
        line(file, "first line 1");   // 13 bytes
        line(file, "second 2");       // 9: would make 22, so rotates first
        line(file, "third 3");        // 8: 17, fits
        line(file, "fourth line 4");  // rotates again
        line(file, "fifth line 5");   // and again: first line is gone (keep 2)
        file.close();
        assertEquals("fifth line 5\n", Files.readString(log));
        assertEquals("fourth line 4\n", Files.readString(file.numbered(1)));
        assertEquals("second 2\nthird 3\n", Files.readString(file.numbered(2)));
        assertFalse(Files.exists(file.numbered(3)));
    }

    @Test
    void aLineLongerThanTheLimitIsWrittenWholeInAFileOfItsOwn() throws IOException {
        Path log = directory.resolve("node.log");
        RotatingFile file = RotatingFile.open(log, 10, 3);
        line(file, "short");
        line(file, "a line well over ten bytes");
        line(file, "next");
        file.close();
        assertEquals("next\n", Files.readString(log));
        assertEquals("a line well over ten bytes\n", Files.readString(file.numbered(1)));
        assertEquals("short\n", Files.readString(file.numbered(2)));
    }

    @Test
    void appendsToWhatIsThereAndCountsIt() throws IOException {
        Path log = Files.writeString(directory.resolve("node.log"), "from the last run\n"); // 18 bytes
        RotatingFile file = RotatingFile.open(log, 25, 1);
        line(file, "now");
        line(file, "then rotate");
        file.close();
        assertEquals("from the last run\nnow\n", Files.readString(file.numbered(1)));
        assertEquals("then rotate\n", Files.readString(log));
    }

    @Test
    void noLimitNeverRotatesAndNoKeptFilesJustStartsOver() throws IOException {
        RotatingFile unlimited = RotatingFile.open(directory.resolve("a.log"), 0, 5);
        for (int i = 0; i < 100; i++) {
            line(unlimited, "line " + i);
        }
        unlimited.close();
        assertFalse(Files.exists(unlimited.numbered(1)));

        RotatingFile none = RotatingFile.open(directory.resolve("b.log"), 8, 0);
        line(none, "1234567");
        line(none, "abc");
        none.close();
        assertEquals("abc\n", Files.readString(directory.resolve("b.log")));
        assertFalse(Files.exists(none.numbered(1)));
    }

    @Test
    void behindTheTeeTheFileGetsWholeLinesAcrossRotations() throws IOException {
        Path log = directory.resolve("node.log");
        RotatingFile file = RotatingFile.open(log, 64, 3);
        Logging.LineWriter lines = new Logging.LineWriter(file);
        PrintStream out = new PrintStream(new Logging.Tee(PrintStream.nullOutputStream(), lines), true,
                StandardCharsets.UTF_8);
        for (int i = 0; i < 30; i++) {
            out.print("2026-01-01 00:00:00.000 INFO ");
            out.println("Router - line " + i);
        }
        file.close();
        StringBuilder all = new StringBuilder();
        for (int i = 3; i >= 1; i--) {
            String rotated = Files.readString(file.numbered(i));
            assertTrue(rotated.length() <= 64 && rotated.endsWith("\n"), rotated);
            all.append(rotated);
        }
        all.append(Files.readString(log));
        String[] kept = all.toString().split("\n");
        assertEquals("2026-01-01 00:00:00.000 INFO Router - line 29", kept[kept.length - 1]);
        for (String line : kept) {
            assertTrue(line.matches("2026-01-01 00:00:00\\.000 INFO Router - line \\d+"), line);
        }
    }

    @Test
    void settingsAreReadWithUnitsAndCheckedWithTheirName() throws LauncherException {
        assertEquals(RotatingFile.DEFAULT_MAX_SIZE, RotatingFile.size(null));
        assertEquals(512 * 1024, RotatingFile.size("512k"));
        assertEquals(10L * 1024 * 1024, RotatingFile.size(" 10M "));
        assertEquals(2L * 1024 * 1024 * 1024, RotatingFile.size("2g"));
        assertEquals(1000, RotatingFile.size("1000"));
        assertEquals(0, RotatingFile.size("0"));
        assertTrue(assertThrows(LauncherException.class, () -> RotatingFile.size("ten"))
                .getMessage().startsWith("switchboard.log.maxSize=ten is not a size"));
        assertThrows(LauncherException.class, () -> RotatingFile.size("-1"));
        assertThrows(LauncherException.class, () -> RotatingFile.size("99999999999g"));
        assertEquals(RotatingFile.DEFAULT_MAX_FILES, RotatingFile.files(""));
        assertEquals(0, RotatingFile.files("0"));
        assertTrue(assertThrows(LauncherException.class, () -> RotatingFile.files("many"))
                .getMessage().startsWith("switchboard.log.maxFiles=many"));
    }
}
