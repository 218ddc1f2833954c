package org.opendialler.dialler;

import java.util.Set;
import java.util.stream.Collectors;

/** An agent on a call asked for what its line state does not allow; names both states. */
public final class IllegalLineStateException extends IllegalStateException {

    private final Set<LineState> expected;
    private final LineState actual;

    /** {@code action} is the agent.php action, such as {@code unpark_tpt}. */
    public IllegalLineStateException(Set<LineState> expected, LineState actual, String action) {
        super("Cannot " + action + ": the line is " + actual.wireName() + ", expected "
                + expected.stream().sorted().map(LineState::wireName)
                        .collect(Collectors.joining(" or ")));
        this.expected = Set.copyOf(expected);
        this.actual = actual;
    }

    public Set<LineState> expected() {
        return expected;
    }

    public LineState actual() {
        return actual;
    }
}
