package app.tablecart.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * A client on a plain {@link Socket} that writes its HTTP request by hand and reads only when told to: the stalled
 * client of the slow-client test (small receive buffer, never reads) and the many cheap connections of the fan-out
 * test (reads up to a marker, then drops the connection with a TCP reset).
 */
public final class RawClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** How a drained connection ended: {@code eof}, {@code reset}, {@code final-chunk} or {@code close-frame}. */
    public record Drained(long bytes, String end, int closeCode) {

        public boolean closedByServer() {
            return !end.equals("timeout");
        }
    }

    private final Socket socket;
    private final String hostHeader;
    private final InputStream in;
    private final OutputStream out;
    private byte[] leftover = new byte[0];
    private boolean headRead;

    private RawClient(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.hostHeader = hostHeader;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to the server on loopback; {@code receiveBuffer} > 0 sets SO_RCVBUF before connecting. */
    public static RawClient connect(Server server, int receiveBuffer) {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", server.root().getPort()), CONNECT_TIMEOUT_MILLIS);
            return new RawClient(socket, "127.0.0.1:" + server.root().getPort());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new AssertionError("cannot connect to " + server.root() + ": " + e, e);
        }
    }

    /** Sends {@code GET <path>} for an event stream ({@code path} is absolute, e.g. from {@link Server#app}). */
    public RawClient requestEventStream(String path) {
        return write("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: text/event-stream\r\n"
                + "Connection: close\r\n\r\n");
    }

    /** Sends {@code GET <path>?access_token=<jwt>} for an event stream, as a browser's EventSource would. */
    public RawClient requestEventStream(String path, Token token) {
        return requestEventStream(withAccessToken(path, token));
    }

    /** Sends a WebSocket upgrade request for {@code path} with {@code ?access_token=<jwt>}, as a browser would. */
    public RawClient requestWebSocket(String path, Token token) {
        return requestWebSocket(withAccessToken(path, token));
    }

    private static String withAccessToken(String path, Token token) {
        return path + (path.contains("?") ? "&" : "?") + "access_token="
                + URLEncoder.encode(token.jwt(), StandardCharsets.UTF_8);
    }

    /** Sends a WebSocket upgrade request for {@code path} (absolute). */
    public RawClient requestWebSocket(String path) {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return write("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
    }

    /** Sends raw text (ISO-8859-1): part of a request, a header line, a byte of a body. */
    public RawClient send(String text) {
        return write(text);
    }

    /** Sends raw text; false when the connection is gone (the server may close it at any time). */
    public boolean trySend(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    private RawClient write(String request) {
        try {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new AssertionError("cannot send the request: " + e, e);
        }
    }

    /** Reads the response status line and headers; returns them (the body bytes read with them are kept). */
    public String readHead(Duration timeout) {
        String read = readUntil("\r\n\r\n", timeout);
        int end = read.indexOf("\r\n\r\n") + 4;
        leftover = read.substring(end).getBytes(StandardCharsets.ISO_8859_1);
        headRead = true;
        return read.substring(0, end);
    }

    /**
     * Reads until {@code marker} has arrived (bytes read as ISO-8859-1) and returns what was read, or fails after
     * {@code timeout}.
     */
    public String readUntil(String marker, Duration timeout) {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        try {
            while (seen.indexOf(marker) < 0) {
                int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError(
                            "no '" + marker + "' within " + timeout + "; read: " + Api.abbreviate(seen.toString()));
                }
                socket.setSoTimeout(left);
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    throw new AssertionError(
                            "connection ended before '" + marker + "'; read: " + Api.abbreviate(seen.toString()));
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return seen.toString();
        } catch (IOException e) {
            throw new AssertionError(
                    "reading failed before '" + marker + "': " + e + "; read: " + Api.abbreviate(seen.toString()), e);
        }
    }

    /**
     * Reads everything the server has sent until the connection ends: end of stream, a reset, the final chunk of
     * a chunked response, or (when {@code webSocketFrames}) a WebSocket close frame. Gives up after
     * {@code timeout} ({@code end = "timeout"}).
     */
    public Drained drain(boolean webSocketFrames, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        FrameScanner frames = webSocketFrames ? new FrameScanner(headRead) : null;
        byte[] tail = new byte[0];
        if (leftover.length > 0) {
            total += leftover.length;
            if (frames != null) {
                frames.feed(leftover, leftover.length);
            } else {
                tail = lastBytes(tail, leftover, leftover.length, 7);
            }
            leftover = new byte[0];
        }
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return new Drained(total, "timeout", -1);
                }
                socket.setSoTimeout((int) left);
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (SocketException e) {
                    return new Drained(total, "reset", -1);
                }
                if (n < 0) {
                    return new Drained(total, "eof", frames == null ? -1 : frames.closeCode);
                }
                total += n;
                if (frames != null) {
                    frames.feed(buffer, n);
                    if (frames.closeCode >= 0) {
                        return new Drained(total, "close-frame", frames.closeCode);
                    }
                } else {
                    tail = lastBytes(tail, buffer, n, 7);
                    if (new String(tail, StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                        return new Drained(total, awaitEof(deadline) ? "final-chunk+eof" : "final-chunk", -1);
                    }
                }
            }
        } catch (IOException e) {
            return new Drained(total, "reset", -1);
        }
    }

    /** After a complete response: true when the server also ends the connection before the deadline. */
    private boolean awaitEof(long deadline) throws IOException {
        byte[] buffer = new byte[1024];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) left);
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }
    }

    /** Drops the connection with a TCP reset (SO_LINGER 0), like a phone that loses its network. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(socket);
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static byte[] lastBytes(byte[] previous, byte[] buffer, int n, int keep) {
        byte[] joined = new byte[previous.length + n];
        System.arraycopy(previous, 0, joined, 0, previous.length);
        System.arraycopy(buffer, 0, joined, previous.length, n);
        int from = Math.max(0, joined.length - keep);
        byte[] result = new byte[joined.length - from];
        System.arraycopy(joined, from, result, 0, result.length);
        return result;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /**
     * Walks server-to-client WebSocket frames (unmasked) after the HTTP 101 header and notes the close frame's code.
     */
    private static final class FrameScanner {

        private byte[] pending = new byte[0];
        private boolean headerDone;
        int closeCode = -1;

        FrameScanner(boolean headerDone) {
            this.headerDone = headerDone;
        }

        void feed(byte[] buffer, int n) {
            byte[] joined = new byte[pending.length + n];
            System.arraycopy(pending, 0, joined, 0, pending.length);
            System.arraycopy(buffer, 0, joined, pending.length, n);
            int position = 0;
            if (!headerDone) {
                int end = indexOf(joined, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (end < 0) {
                    pending = joined;
                    return;
                }
                headerDone = true;
                position = end + 4;
            }
            while (closeCode < 0) {
                int available = joined.length - position;
                if (available < 2) {
                    break;
                }
                int opcode = joined[position] & 0x0F;
                int lengthByte = joined[position + 1] & 0x7F;
                int headerLength = 2;
                long length = lengthByte;
                if (lengthByte == 126) {
                    headerLength = 4;
                    if (available < headerLength) {
                        break;
                    }
                    length = ((joined[position + 2] & 0xFF) << 8) | (joined[position + 3] & 0xFF);
                } else if (lengthByte == 127) {
                    headerLength = 10;
                    if (available < headerLength) {
                        break;
                    }
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | (joined[position + 2 + i] & 0xFF);
                    }
                }
                if (available < headerLength + length) {
                    break;
                }
                if (opcode == 0x8) {
                    int start = position + headerLength;
                    closeCode = length >= 2 ? ((joined[start] & 0xFF) << 8) | (joined[start + 1] & 0xFF) : 1005;
                }
                position += headerLength + (int) length;
            }
            pending = Arrays.copyOfRange(joined, position, joined.length);
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= data.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
