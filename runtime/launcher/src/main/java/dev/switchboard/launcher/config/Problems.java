package dev.switchboard.launcher.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What validation found, each line naming the JSON path: errors refuse the configuration, warnings are logged and
 * the configuration is used (they say what has no effect here and why).
 */
public final class Problems {

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public void error(String path, String message) {
        errors.add(line(path, message));
    }

    public void warn(String path, String message) {
        warnings.add(line(path, message));
    }

    /** A Crossbar feature Switchboard does not have: refused by name, never ignored. */
    public void unsupported(String path, String why) {
        errors.add(line(path, "not supported by Switchboard: " + why));
    }

    private static String line(String path, String message) {
        return path.isEmpty() ? message : path + ": " + message;
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public int errorCount() {
        return errors.size();
    }

    @Override
    public String toString() {
        return "Problems[" + errors.size() + " errors, " + warnings.size() + " warnings]";
    }
}
