package dev.segue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.segue.engine.ScriptPlayer;
import dev.segue.engine.Verb;
import java.util.stream.Collectors;

/**
 * A timed session for offline renders: one event per line, {@code <seconds> <verb> <args>}, with
 * verbs {@code state NAME}, {@code param NAME VALUE}, {@code trigger CUE}, {@code stinger NAME}, {@code duck NAME on|off},
 * {@code pause}, {@code resume} and {@code end}; {@code #} starts a comment. Without {@code end} the
 * render stops 4 seconds after the last event.
 */
public final class SessionScript {
    /** One scripted event. */
    public record Step(double seconds, String verb, List<String> args, int line) {
    }

    private final String name;
    private final List<Step> steps;
    private final double end;

    private SessionScript(String name, List<Step> steps, double end) {
        this.name = name;
        this.steps = List.copyOf(steps);
        this.end = end;
    }

    /** Reads and checks a script file. */
    public static SessionScript parse(Path file) throws IOException {
        return parse(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /**
     * Parses script text.
     *
     * @throws IllegalArgumentException {@code name:line: reason} for the first bad line
     */
    public static SessionScript parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        double end = -1;
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String raw;
            int line = 0;
            while ((raw = r.readLine()) != null) {
                line++;
                int hash = raw.indexOf('#');
                String s = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
                if (s.isEmpty()) {
                    continue;
                }
                String[] w = s.split("\\s+");
                double t;
                try {
                    t = Double.parseDouble(w[0]);
                } catch (NumberFormatException e) {
                    throw bad(name, line, "'" + w[0] + "' is not a time in seconds");
                }
                if (!(t >= 0) || t > 86_400) {
                    throw bad(name, line, "time " + w[0] + " must be between 0 and 86400 seconds");
                }
                if (w.length < 2) {
                    throw bad(name, line, "a time needs a verb after it (" + Verb.words() + ")");
                }
                Verb v = Verb.of(w[1]);
                if (v == null) {
                    throw bad(name, line, "unknown verb '" + w[1] + "': use " + Verb.words());
                }
                String verb = v.word();
                List<String> args = List.of(w).subList(2, w.length);
                int want = v.arity();
                if (args.size() != want) {
                    throw bad(name, line, "'" + verb + "' takes " + want + (want == 1 ? " argument" : " arguments")
                            + ", got " + args.size());
                }
                if (verb.equals("param")) {
                    try {
                        Float.parseFloat(args.get(1));
                    } catch (NumberFormatException e) {
                        throw bad(name, line, "'" + args.get(1) + "' is not a number");
                    }
                }
                if (verb.equals("duck") && !args.get(1).equals("on") && !args.get(1).equals("off")) {
                    throw bad(name, line, "a duck is held 'on' or let go 'off', not '" + args.get(1) + "'");
                }
                if (verb.equals("end")) {
                    end = t;
                }
                steps.add(new Step(t, verb, args, line));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        steps.sort(Comparator.comparingDouble(Step::seconds)); // stable: same-time lines keep their order
        if (end < 0) {
            end = (steps.isEmpty() ? 0 : steps.get(steps.size() - 1).seconds()) + 4;
        }
        return new SessionScript(name, steps, end);
    }

    /**
     * Checks every name in the script against what {@code segue}'s sheet defines.
     *
     * @return one {@code name:line: problem} per unknown state, parameter, cue or stinger; empty if
     *     the script fits the sheet
     */
    public List<String> check(Segue segue) {
        List<String> problems = new ArrayList<>();
        for (Step s : steps) {
            String what = s.args().isEmpty() ? null : s.args().get(0);
            List<String> known = switch (s.verb()) {
                case "state" -> segue.states();
                case "param" -> segue.parameters();
                case "trigger" -> segue.cues();
                case "stinger" -> segue.stingers();
                case "duck" -> segue.ducks();
                default -> null;
            };
            if (known != null && !known.contains(what)) {
                String kind = s.verb().equals("trigger") ? "cue" : s.verb().equals("param") ? "parameter" : s.verb();
                problems.add(name + ":" + s.line() + ": the sheet has no " + kind + " '" + what + "'"
                        + (known.isEmpty() ? "" : " (it has " + String.join(", ", known) + ")"));
            }
        }
        return problems;
    }

    private static IllegalArgumentException bad(String name, int line, String why) {
        return new IllegalArgumentException(name + ":" + line + ": " + why);
    }

    public String name() {
        return name;
    }

    /** The steps in time order. */
    public List<Step> steps() {
        return steps;
    }

    /** The steps as the script player plays them. */
    List<ScriptPlayer.Step> plays() {
        return steps.stream().map(s -> new ScriptPlayer.Step(s.seconds(), Verb.of(s.verb()), s.args())).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
    }

    /** Seconds at which the session ends. */
    public double endSeconds() {
        return end;
    }
}
