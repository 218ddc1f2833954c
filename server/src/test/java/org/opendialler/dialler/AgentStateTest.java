package org.opendialler.dialler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AgentStateTest {

    @Test
    void wireNamesAreTheOnesAjaxShows() {
        assertEquals("wait", AgentState.WAIT.wireName());
        assertEquals("preview", AgentState.PREVIEW.wireName());
    }

    @Test
    void aCallEndsInWrapNeverStraightInWaitOrLogout() {
        assertTrue(AgentState.CALL.canMoveTo(AgentState.WRAP));
        assertFalse(AgentState.CALL.canMoveTo(AgentState.WAIT));
        assertFalse(AgentState.CALL.canMoveTo(AgentState.LOGGED_OUT));
    }

    @Test
    void wrapEndsInWaitOrPause() {
        assertTrue(AgentState.WRAP.canMoveTo(AgentState.WAIT));
        assertTrue(AgentState.WRAP.canMoveTo(AgentState.PAUSE));
        assertFalse(AgentState.WRAP.canMoveTo(AgentState.LOGGED_OUT));
    }
}
