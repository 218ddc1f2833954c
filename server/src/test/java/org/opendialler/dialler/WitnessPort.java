package org.opendialler.dialler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opendialler.telephony.CallEvent;
import org.opendialler.telephony.CallListener;
import org.opendialler.telephony.CallState;
import org.opendialler.telephony.OriginateRequest;
import org.opendialler.telephony.TelephonyPort;

/**
 * A port in front of another that watches what the dialler asks of it against the records:
 * one live call per number, only claimed open records dialled, agent-specific calls bridged only
 * to their agent. For tests.
 */
final class WitnessPort implements TelephonyPort {

    private final TelephonyPort delegate;
    private final InMemoryRecords records;
    private final Map<Long, String> liveNumbers = new HashMap<>();
    private final Set<String> dialling = new HashSet<>();
    private final Map<Long, Long> callAgentOnly = new HashMap<>();
    final List<String> violations = new java.util.ArrayList<>();
    final List<String> originated = new java.util.ArrayList<>();
    final Map<Long, String> connectedTo = new HashMap<>();

    WitnessPort(TelephonyPort delegate, InMemoryRecords records) {
        this.delegate = delegate;
        this.records = records;
        delegate.addListener(this::watch);
    }

    private void watch(CallEvent event) {
        if (event.type().next() == CallState.ENDED) {
            String number = liveNumbers.remove(event.callId());
            if (number != null) {
                dialling.remove(number);
            }
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void addListener(CallListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void originate(OriginateRequest request) {
        String number = request.destination();
        if (!dialling.add(number)) {
            violations.add("number " + number + " dialled twice at once");
        }
        Optional<InMemoryRecords.Rec> rec = records.byNumber(number);
        if (rec.isEmpty() || !rec.get().claimed) {
            violations.add("number " + number + " dialled without a claimed record");
        } else if (rec.get().processType.equals(InMemoryRecords.COMPLETE)) {
            violations.add("record " + rec.get().id + " dialled after a complete outcome");
        } else if (rec.get().agentSpecific) {
            callAgentOnly.put(request.callId(), rec.get().agentRef);
        }
        liveNumbers.put(request.callId(), number);
        originated.add(number);
        delegate.originate(request);
    }

    @Override
    public void connect(long callId, String agentEndpoint) {
        Long only = callAgentOnly.get(callId);
        if (only != null && !agentEndpoint.equals(Dialler.endpoint(only))) {
            violations.add("agent-specific call " + callId + " bridged to " + agentEndpoint);
        }
        connectedTo.put(callId, agentEndpoint);
        delegate.connect(callId, agentEndpoint);
    }

    @Override
    public void playMessageAndHangUp(long callId, String message) {
        delegate.playMessageAndHangUp(callId, message);
    }

    @Override
    public void hangUp(long callId) {
        delegate.hangUp(callId);
    }

    @Override
    public Optional<byte[]> recording(long callId) {
        return delegate.recording(callId);
    }
}
