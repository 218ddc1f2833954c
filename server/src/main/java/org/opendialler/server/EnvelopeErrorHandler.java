package org.opendialler.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.opendialler.protocol.EnvelopeWriter;

/**
 * Answers what Jetty refuses before any script sees it (a URL too long, an ambiguous path) with
 * an envelope instead of an HTML page, since the known clients parse every body as JSON.
 */
final class EnvelopeErrorHandler extends ErrorHandler {

    private static final String JSON = "application/json; charset=utf-8";

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        baseRequest.setHandled(true);
        Object message = request.getAttribute("jakarta.servlet.error.message");
        response.setContentType(JSON);
        response.getOutputStream().write(body(response.getStatus(),
                message == null ? null : message.toString()));
    }

    private static byte[] body(int status, String reason) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", false);
        envelope.put("error", status == 404 ? "Not found" : "Bad request"
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
        return EnvelopeWriter.json(envelope);
    }
}
