package org.recourse.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One benchmark client's kept-alive HTTP/1.1 connection, written and read by hand: a request is one buffered write,
 * an answer is its status line, the two headers that frame its body ({@code Content-Length} or chunked) and the body.
 * The benchmarks' clients share the two cores with the platform and its database, so what a client spends is taken
 * from what is measured: {@link java.net.HttpURLConnection} spent several times what {@code wrk} does per request
 * (a URL and a connection object, header maps and the keep-alive cache's locks each time). Not thread-safe: one per
 * client thread. A connection the server closes (after its keep-alive limit) is opened again for the next request.
 */
public final class LoopbackHttpClient implements Closeable {

    private final InetSocketAddress address;
    private final String host;
    private final String authorization;
    private @Nullable Socket socket;
    private @Nullable OutputStream out;
    private @Nullable InputStream in;
    /** What was read from the socket and not yet consumed: {@code buffer[position..limit)}. */
    private final byte[] buffer = new byte[16_384];
    private int position;
    private int limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    private final StringBuilder line = new StringBuilder(128);

    /** A client of {@code base} (e.g. {@code http://localhost:8080}) signing every request with the bearer key. */
    public LoopbackHttpClient(String base, String key) {
        URI uri = URI.create(base);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        this.authorization = "Bearer " + key;
    }

    /** Sends the request and returns the answer's body; fails unless the status is {@code expected}. */
    public String exchange(String method, String path, @Nullable String json, int expected) throws IOException {
        if (socket == null) {
            connect();
        }
        byte[] payload = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nAuthorization: ").append(authorization)
                .append("\r\nAccept: application/json\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(payload);
        out.flush();
        return answer(method + " " + path, expected);
    }

    private String answer(String request, int expected) throws IOException {
        String status = readLine();
        if (status == null) {
            close();
            throw new IOException(request + ": the server closed the connection");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        body.reset();
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                copy(size);
                readLine();
            }
            readLine();
        } else if (length > 0) {
            copy(length);
        }
        String text = body.toString(StandardCharsets.UTF_8);
        if (closing) {
            close();
        }
        if (code != expected) {
            throw new IllegalStateException(request + " answered " + code + ": " + text);
        }
        return text;
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        if (size == null) {
            throw new IOException("The connection ended inside a chunked body");
        }
        int extension = size.indexOf(';');
        return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
    }

    private void copy(long length) throws IOException {
        for (long left = length; left > 0; ) {
            if (position == limit && !fill()) {
                throw new IOException("The connection ended inside a body");
            }
            int n = (int) Math.min(left, limit - position);
            body.write(buffer, position, n);
            position += n;
            left -= n;
        }
    }

    private int read() throws IOException {
        return position < limit || fill() ? buffer[position++] & 0xff : -1;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private @Nullable String readLine() throws IOException {
        line.setLength(0);
        for (int b = read(); b >= 0; b = read()) {
            if (b == '\n') {
                int end = line.length();
                return line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end);
            }
            line.append((char) b);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private void connect() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.connect(address, 10_000);
        socket = opened;
        out = new BufferedOutputStream(opened.getOutputStream(), 4096);
        in = opened.getInputStream();
        position = 0;
        limit = 0;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        socket = null;
        out = null;
        in = null;
    }
}
