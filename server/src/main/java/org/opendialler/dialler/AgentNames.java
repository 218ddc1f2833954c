package org.opendialler.dialler;

/** How an agent's name is shown in CDRs, sessions and the live board. */
final class AgentNames {

    private AgentNames() {
    }

    /** First and last name, or the login when both are empty. */
    static String of(String first, String last, String login) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() && login != null ? login : name;
    }
}
