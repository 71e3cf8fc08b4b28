package dev.switchboard.transport.rawsocket;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking RawSocket client over an {@link SSLSocket} that checks the router's certificate as a real client
 * would (endpoint identification against 127.0.0.1); every read is bounded by {@link RawSocketTestClient#TIMEOUT}.
 */
final class TlsRawSocketClient implements AutoCloseable {

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TlsRawSocketClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the TLS handshake (with TLS 1.3, a refused client certificate shows on the first read). */
    static TlsRawSocketClient connect(int port, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout((int) RawSocketTestClient.TIMEOUT.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new TlsRawSocketClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects, says hello with JSON id 1 and a 16 MiB limit; returns the router's 4 octets. */
    static TlsRawSocketClient connected(int port, SSLContext context) throws IOException {
        TlsRawSocketClient client = connect(port, context);
        try {
            byte[] reply = client.rawSocketHandshake();
            if ((reply[1] & 0x0F) == 0) {
                throw new IOException("handshake refused: 0x" + Integer.toHexString(reply[1] & 0xFF));
            }
            return client;
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    byte[] rawSocketHandshake() throws IOException {
        out.write(new byte[] {0x7F, (byte) 0xF1, 0, 0});
        out.flush();
        byte[] reply = new byte[4];
        in.readFully(reply);
        return reply;
    }

    void sendMessage(String text) throws IOException {
        out.write(RawSocketTestClient.frame(0, text.getBytes(StandardCharsets.UTF_8)));
        out.flush();
    }

    String readMessage() throws IOException {
        int header = in.readInt();
        if ((header >>> 24) != 0) {
            throw new IOException("expected a message frame, got type " + (header >>> 24));
        }
        byte[] payload = new byte[header & 0xFF_FFFF];
        in.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The next byte, or -1 once the router has closed the connection. */
    int read() throws IOException {
        return in.read();
    }

    SSLSocket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
